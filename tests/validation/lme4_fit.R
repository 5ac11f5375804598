# SPDX-FileCopyrightText: 2026 PME Coach contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reference fit for PME Coach's growth model (core/analytics/GrowthModel):
#   lmer(rating ~ t + (t | learner), REML = TRUE)
# Usage: Rscript lme4_fit.R input.csv output.csv [tight|default] [starts.csv]
#   input:  header learner,t,rating and optionally competency (one model per competency)
#   output: long CSV competency,quantity,learner,value with the quantities
#           beta0 beta1 reml var0 var1 cov01 sigma2 theta1 theta2 theta3 singular, and
#           blup0 blup1 per learner (ranef); "elapsed" is the seconds spent in lmer() alone.
# With "tight", the optimiser (nloptwrap BOBYQA) runs to much smaller tolerances than lme4's
# defaults so that the comparison measures the model, not where BOBYQA stopped; the REML
# criterion of a default fit is written as well, as "reml_default".
# With starts.csv (competency,theta1,theta2,theta3: another optimiser's answer), lme4 also
# evaluates its own criterion there ("reml_at_start") and fits again from there; when that ends
# lower than the fit from lme4's own start, that fit is reported ("from_start" 1) and the other
# criterion is kept as "reml_own_start". lmer's criterion can have several local optima, e.g. one
# on the boundary θ1 = 0 where BOBYQA, bounded, can stop.
# Also prints "elapsed_fit_seconds <s>" on stdout.
suppressPackageStartupMessages(library(lme4))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript lme4_fit.R input.csv output.csv [tight|default] [starts.csv]")
tight <- length(args) >= 3 && args[3] == "tight"
starts <- if (length(args) >= 4) read.csv(args[4], colClasses = c(competency = "character")) else NULL
control <- if (tight) {
    lmerControl(optCtrl = list(ftol_abs = 1e-14, ftol_rel = 1e-15, xtol_abs = 1e-12, xtol_rel = 1e-12,
                               maxeval = 1e5))
} else {
    lmerControl()
}
data <- read.csv(args[1], colClasses = c(learner = "character"))
if (!("competency" %in% names(data))) data$competency <- "all"
data$learner <- factor(data$learner)

fmt <- function(x) sprintf("%.17g", x)
rows <- list()
elapsed <- 0
for (comp in unique(data$competency)) {
    d <- droplevels(data[data$competency == comp, ])
    timing <- system.time(fit <- lmer(rating ~ t + (t | learner), data = d, REML = TRUE, control = control))
    elapsed <- elapsed + timing[["elapsed"]]
    extra <- c()
    if (!is.null(starts) && comp %in% starts$competency) {
        s <- starts[starts$competency == comp, ][1, ]
        theta0 <- c(s$theta1, s$theta2, s$theta3)
        devfun <- lmer(rating ~ t + (t | learner), data = d, REML = TRUE, devFunOnly = TRUE)
        own <- getME(fit, "devcomp")$cmp[["REML"]]
        extra <- c(reml_at_start = devfun(theta0), reml_own_start = own, from_start = 0)
        alt <- lmer(rating ~ t + (t | learner), data = d, REML = TRUE, control = control,
                    start = list(theta = theta0))
        if (getME(alt, "devcomp")$cmp[["REML"]] < own) {
            fit <- alt
            extra[["from_start"]] <- 1
        }
    }
    vc <- VarCorr(fit)$learner
    theta <- getME(fit, "theta")
    scalars <- c(beta0 = fixef(fit)[[1]], beta1 = fixef(fit)[[2]],
                 reml = getME(fit, "devcomp")$cmp[["REML"]],
                 var0 = vc[1, 1], var1 = vc[2, 2], cov01 = vc[1, 2], sigma2 = sigma(fit)^2,
                 theta1 = theta[[1]], theta2 = theta[[2]], theta3 = theta[[3]],
                 singular = as.numeric(isSingular(fit)), extra)
    if (tight) {
        default <- lmer(rating ~ t + (t | learner), data = d, REML = TRUE)
        scalars <- c(scalars, reml_default = getME(default, "devcomp")$cmp[["REML"]])
    }
    rows[[length(rows) + 1]] <- data.frame(competency = comp, quantity = names(scalars), learner = "",
                                           value = fmt(scalars))
    re <- ranef(fit)$learner
    rows[[length(rows) + 1]] <- data.frame(competency = comp, quantity = "blup0", learner = rownames(re),
                                           value = fmt(re[, 1]))
    rows[[length(rows) + 1]] <- data.frame(competency = comp, quantity = "blup1", learner = rownames(re),
                                           value = fmt(re[, 2]))
}
rows[[length(rows) + 1]] <- data.frame(competency = "", quantity = "elapsed", learner = "", value = fmt(elapsed))
write.csv(do.call(rbind, rows), args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("elapsed_fit_seconds %.3f\n", elapsed))
