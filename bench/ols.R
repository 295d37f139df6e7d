# R's side of the OLS benchmark: read with data.table::fread, fit with lm, HC1 standard
# errors with sandwich, print the coefficient table. Usage: Rscript bench/ols.R FILE
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
})
file <- commandArgs(trailingOnly = TRUE)[1]
d <- fread(file)
fit <- lm(y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10, data = d)
V <- vcovHC(fit, type = "HC1")
b <- coef(fit)
se <- sqrt(diag(V))
t <- b / se
print(cbind(estimate = b, std_error = se, t = t, p = 2 * pt(-abs(t), fit$df.residual)), digits = 6)
cat("n =", nobs(fit), " R2 =", summary(fit)$r.squared, "\n")
