# The R side of bench/vep.sh: the same three-step FGLS VEP as `povrisk vep --weights W`
# (linear variance model, floor 1e-4), done the fast way in R: data.table::fread, lm.wfit for
# the three regressions and the variance equation, pnorm, and data.table::fwrite of the same
# per-household columns as `povrisk vep --out` (id, vulnerability, mean_log_income,
# sd_log_income, poor_now, band, vulnerable, group, cause, status).
#   Rscript bench/vep.R DATA.csv OUT.csv K LINE
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; out <- args[2]; k <- as.integer(args[3]); line <- as.numeric(args[4])
setDTthreads(0)
x <- paste0("x", seq_len(k))
d <- fread(path, select = c("hid", "income", x, "weight", "county"))
X <- cbind(1, as.matrix(d[, ..x]))
w <- d$weight
ly <- log(d$income)
floor <- 1e-4
f1 <- lm.wfit(X, ly, w)
e2 <- f1$residuals^2
t1 <- lm.wfit(X, e2, w)
s1 <- pmax(t1$fitted.values, floor)
vfit <- lm.wfit(X, e2, w / s1^2)
sigma2 <- pmax(drop(X %*% vfit$coefficients), floor)
f3 <- lm.wfit(X, ly, w / sigma2)
mu <- drop(X %*% f3$coefficients)
sd <- sqrt(sigma2)
v <- pnorm((log(line) - mu) / sd)
poor <- d$income < line
vulnerable <- v >= 0.5
band <- cut(v, c(-Inf, 0.3, 0.6, Inf), labels = c("low", "medium", "high"), right = FALSE)
group <- ifelse(poor, ifelse(vulnerable, "poor, vulnerable", "poor, not vulnerable"),
                ifelse(vulnerable, "not poor, vulnerable", "not poor, not vulnerable"))
cause <- ifelse(vulnerable, ifelse(mu < log(line), "low mean", "high variance"), NA_character_)
fwrite(data.table(id = d$hid, vulnerability = v, mean_log_income = mu, sd_log_income = sd,
                  poor_now = poor, band = band, vulnerable = vulnerable, group = group,
                  cause = cause, status = "ok"), out)
cat(sprintf("n %d  mean v %.6f  vulnerable %.6f\n", nrow(d), weighted.mean(v, w),
            weighted.mean(vulnerable, w)))
