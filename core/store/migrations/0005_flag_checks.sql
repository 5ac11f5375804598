-- SPDX-FileCopyrightText: 2026 PME Coach contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 5: the same flags and flag events, with their kind and state checks written as OR
-- chains. SQLite evaluates `x IN ('a', 'b', ...)` in a CHECK by building a temporary table on
-- every insert; a full recompute writes tens of thousands of flags and events, and the IN
-- lists made those writes two to three times slower (docs/analytics.md, "Speed").
-- The tables are rebuilt by SQLite's documented procedure: foreign keys are off while the
-- migration runs (SchemaMigrator) and checked before it commits.

CREATE TABLE flags_new (
    id             INTEGER PRIMARY KEY,
    learner_id     INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    competency_id  INTEGER REFERENCES competencies(id),
    rule_code      TEXT NOT NULL,
    rule_set_id    INTEGER NOT NULL REFERENCES rule_sets(id),
    severity       INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),   -- 1 low, 2 moderate, 3 high
    score          REAL,
    explanation    TEXT NOT NULL,
    details        TEXT,                -- JSON: the numbers behind the explanation
    state          TEXT NOT NULL DEFAULT 'open'
                   CHECK (state = 'open' OR state = 'acknowledged' OR state = 'resolved' OR state = 'dismissed'),
    state_reason   TEXT,
    as_of          TEXT NOT NULL,
    raised_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
INSERT INTO flags_new SELECT id, learner_id, competency_id, rule_code, rule_set_id, severity, score, explanation,
                             details, state, state_reason, as_of, raised_at, updated_at FROM flags;
DROP TABLE flags;
ALTER TABLE flags_new RENAME TO flags;
CREATE INDEX flags_learner ON flags(learner_id, rule_code, competency_id);

CREATE TABLE flag_events_new (
    id       INTEGER PRIMARY KEY,
    flag_id  INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind = 'raised' OR kind = 'worsened' OR kind = 'improved' OR kind = 'acknowledged'
                                  OR kind = 'resolved' OR kind = 'dismissed' OR kind = 'reopened'
                                  OR kind = 'commented'),
    user_id  INTEGER REFERENCES users(id),
    at       TEXT NOT NULL,
    note     TEXT
);
INSERT INTO flag_events_new SELECT id, flag_id, kind, user_id, at, note FROM flag_events;
DROP TABLE flag_events;
ALTER TABLE flag_events_new RENAME TO flag_events;
CREATE INDEX flag_events_flag ON flag_events(flag_id, at);
