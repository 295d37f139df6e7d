# The R side of bench/qreg.sh: fread + rq(method = "pfn") at 4 quantiles + summary(se = "nid").
# Usage: Rscript bench/qreg.R DATA.csv
suppressPackageStartupMessages({ library(data.table); library(quantreg) })
args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[1])
f <- y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8
for (tau in c(0.3, 0.5, 0.7, 0.9)) {
  fit <- rq(f, tau = tau, data = d, method = "pfn")
  s <- summary(fit, se = "nid")
  cat(sprintf("tau %.1f: objective-free coef[x1] %.6f (se %.6f)\n", tau, s$coefficients[2, 1], s$coefficients[2, 2]))
}
