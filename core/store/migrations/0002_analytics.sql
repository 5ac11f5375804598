-- SPDX-FileCopyrightText: 2026 PME Coach contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 2: what the analytics core computed at its last recompute, so that a profile opens
-- without refitting anything. Both tables are derived data: a recompute rewrites them.

-- One growth model per competency: rating ~ t + (t | learner), t in years of training, REML.
CREATE TABLE growth_models (
    competency_id  INTEGER PRIMARY KEY REFERENCES competencies(id) ON DELETE CASCADE,
    observations   INTEGER NOT NULL,
    learners       INTEGER NOT NULL,
    intercept      REAL NOT NULL,
    slope          REAL NOT NULL,
    vcov_ii        REAL NOT NULL,     -- covariance of the fixed effects
    vcov_is        REAL NOT NULL,
    vcov_ss        REAL NOT NULL,
    re_var_i       REAL NOT NULL,     -- random-effect covariance G
    re_cov_is      REAL NOT NULL,
    re_var_s       REAL NOT NULL,
    residual_var   REAL NOT NULL,
    theta          TEXT NOT NULL,     -- JSON array: lme4's theta
    reml           REAL NOT NULL,     -- REML criterion at convergence
    evaluations    INTEGER NOT NULL,
    boundary       INTEGER NOT NULL CHECK (boundary IN (0, 1)),
    fitted_at      TEXT NOT NULL
);

-- Each learner's curve per competency (empirical Bayes) and what it forecasts.
CREATE TABLE learner_estimates (
    learner_id              INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    competency_id           INTEGER NOT NULL REFERENCES competencies(id) ON DELETE CASCADE,
    observations            INTEGER NOT NULL,
    last_observed_on        TEXT,
    intercept               REAL NOT NULL,   -- beta + b_i
    slope                   REAL NOT NULL,
    cov_ii                  REAL NOT NULL,   -- posterior covariance of (beta + b_i)
    cov_is                  REAL NOT NULL,
    cov_ss                  REAL NOT NULL,
    years_now               REAL NOT NULL,   -- time in training at the as-of point
    level_now               REAL NOT NULL,
    level_now_sd            REAL NOT NULL,
    cohort_now              REAL NOT NULL,
    cohort_spread_now       REAL NOT NULL,
    years_at_completion     REAL,
    level_at_completion     REAL,
    level_at_completion_sd  REAL,
    probability_target      REAL,
    PRIMARY KEY (learner_id, competency_id)
) WITHOUT ROWID;

-- Each recompute: when, as of what, with which rule set, and how long it took.
CREATE TABLE analytics_runs (
    id            INTEGER PRIMARY KEY,
    scope         TEXT NOT NULL CHECK (scope IN ('full', 'learners')),
    as_of         TEXT NOT NULL,
    horizon       TEXT NOT NULL,      -- the day after the newest evidence when it ran
    rule_set_id   INTEGER REFERENCES rule_sets(id),
    learners      INTEGER NOT NULL,
    flags_raised  INTEGER NOT NULL,
    flags_open    INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    milliseconds  INTEGER NOT NULL,
    user_id       INTEGER REFERENCES users(id),
    norms         TEXT                -- JSON: the peer medians the peer-relative rules used
);
