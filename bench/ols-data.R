# Writes the OLS benchmark's data: N rows (default 1,000,000), y and x1..x10, seeded,
# heteroskedastic errors. Usage: Rscript bench/ols-data.R OUT.csv [N]
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
n <- if (length(args) > 1) as.integer(args[2]) else 1000000L
set.seed(20240601)
k <- 10
X <- matrix(rnorm(n * k), n, k)
X[, 2] <- X[, 2] * 1000 + 5000 # a regressor in the thousands
X[, 3] <- round(runif(n, 0, 20)) # an integer one
beta <- seq(0.1, 1, length.out = k)
beta[2] <- 1e-3
y <- 1 + drop(X %*% beta) + rnorm(n) * (1 + abs(X[, 1]))
d <- data.table(y = y)
for (j in 1:k) set(d, j = paste0("x", j), value = X[, j])
fwrite(d, out)
