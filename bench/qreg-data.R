# Writes the benchmark data for bench/qreg.sh: n rows, y and 8 regressors, heteroskedastic.
# Usage: Rscript bench/qreg-data.R N OUT.csv
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1]); out <- args[2]
set.seed(1)
X <- matrix(rnorm(n * 8), n, 8)
X[, 8] <- as.numeric(runif(n) < 0.05)          # a rare dummy
X[, 7] <- round(runif(n, 0, 20))               # a discrete regressor (ties)
y <- 1 + X %*% c(0.5, -0.3, 0.2, 0.1, 0, 0.4, 0.05, 1) + (1 + 0.5 * abs(X[, 1])) * rnorm(n)
d <- data.table::data.table(y = round(c(y), 6), round(X, 6))
setnames <- data.table::setnames
setnames(d, c("y", paste0("x", 1:8)))
data.table::fwrite(d, out)
