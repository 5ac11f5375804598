-- SPDX-FileCopyrightText: 2026 PME Coach contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 4: a program's expected-evidence schedule (docs/store.md, docs/analytics.md): which
-- evidence a learner is expected to have by which day of training, so that missing evidence
-- is judged against what was due, not only against what peers had.

CREATE TABLE expected_evidence (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    competency_id  INTEGER NOT NULL REFERENCES competencies(id) ON DELETE CASCADE,
    instrument     TEXT,              -- the observations' instrument that fulfils it; NULL: any in the competency
    title          TEXT NOT NULL,     -- what a coach reads: 'TMA 1752', 'EPA 1.2 observations'
    due_day        INTEGER NOT NULL CHECK (due_day >= 0),  -- days from the learner's start
    required_count INTEGER NOT NULL DEFAULT 1 CHECK (required_count > 0),
    source_id      INTEGER REFERENCES sources(id),
    source_key     TEXT NOT NULL,     -- the export's key: a re-import updates the row
    UNIQUE (program_id, source_key)
);
CREATE INDEX expected_evidence_competency ON expected_evidence(competency_id);
