# Times haven::read_dta on FILE, REPS times; prints each time in seconds.
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) > 1) as.integer(args[2]) else 3L
for (r in seq_len(reps)) {
  t <- system.time(d <- read_dta(args[1]))[["elapsed"]]
  cat(sprintf("haven::read_dta %.3f s (%d x %d)\n", t, nrow(d), ncol(d)))
  rm(d); invisible(gc())
}
