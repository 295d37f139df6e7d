# A 1,000,000 × 20 Stata file (release 118, written by haven): 12 doubles, 4 longs, 3
# value-labelled codes and a %td date, about 2% missing. Usage: Rscript bench/dta-data.R OUT.dta [ROWS]
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1000000L
set.seed(1)
df <- list()
for (j in 1:12) { x <- rnorm(n, 8, 1); x[sample.int(n, n %/% 50)] <- NA; df[[sprintf("x%02d", j)]] <- x }
for (j in 1:4) df[[sprintf("n%d", j)]] <- sample.int(100000L, n, replace = TRUE)
for (j in 1:3) df[[sprintf("g%d", j)]] <- labelled(sample(1:5, n, replace = TRUE), setNames(1:5, c("\u4e00", "\u4e8c", "\u4e09", "\u56db", "\u4e94")))
df$visit <- as.Date("2021-01-01") + sample.int(700, n, replace = TRUE)
write_dta(as.data.frame(df), out, version = 14)
