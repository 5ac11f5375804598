-- SPDX-FileCopyrightText: 2026 PME Coach contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 1: the whole domain of PME Coach.
-- Conventions (docs/store.md):
--   * calendar dates are ISO 8601 text 'YYYY-MM-DD' (columns named *_on or *_date);
--   * instants are UTC ISO 8601 text 'YYYY-MM-DDTHH:MM:SS.sssZ' (columns named *_at);
--   * ratings are stored on the framework's own scale; JSON columns hold text JSON.

PRAGMA application_id = 1347241283; -- 'PMEC'

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Frameworks and competencies -------------------------------------------------------------

CREATE TABLE frameworks (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('milestones', 'epa', 'competencies')),
    version       TEXT,
    description   TEXT,
    scale_min     REAL NOT NULL,
    scale_max     REAL NOT NULL,
    scale_step    REAL NOT NULL CHECK (scale_step > 0),
    target_level  REAL,
    scale_labels  TEXT,               -- JSON object: level -> label
    source        TEXT,               -- where the definition came from
    imported_at   TEXT NOT NULL,
    CHECK (scale_min < scale_max),
    CHECK (target_level IS NULL OR target_level BETWEEN scale_min AND scale_max)
);

CREATE TABLE competencies (
    id                     INTEGER PRIMARY KEY,
    framework_id           INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
    code                   TEXT NOT NULL,
    name                   TEXT NOT NULL,
    domain                 TEXT,
    description            TEXT,
    stage                  TEXT,      -- e.g. a CBD stage such as 'Foundations of Discipline'
    stage_order            INTEGER,
    required_observations  INTEGER,
    sort_order             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (framework_id, code)
);

-- Programs, learners, identities ----------------------------------------------------------

CREATE TABLE programs (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    specialty        TEXT,
    duration_months  INTEGER CHECK (duration_months IS NULL OR duration_months > 0),
    created_at       TEXT NOT NULL
);

CREATE TABLE program_frameworks (
    program_id    INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
    PRIMARY KEY (program_id, framework_id)
) WITHOUT ROWID;

CREATE TABLE learners (
    id                        INTEGER PRIMARY KEY,
    program_id                INTEGER NOT NULL REFERENCES programs(id),
    display_name              TEXT NOT NULL,
    family_name               TEXT,
    given_name                TEXT,
    email                     TEXT,
    start_date                TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    expected_completion_date  TEXT CHECK (expected_completion_date IS NULL
                                          OR expected_completion_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status                    TEXT NOT NULL DEFAULT 'active'
                              CHECK (status IN ('active', 'completed', 'withdrawn', 'leave', 'dismissed')),
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
CREATE INDEX learners_program ON learners(program_id);

-- A system that exports data to us (an assessment platform, an exam vendor, an LRS...).
CREATE TABLE sources (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'xapi', 'manual', 'internal'))
);

-- External ids per source. learner_id is NULL while the identity is unlinked.
CREATE TABLE learner_identities (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    external_id    TEXT NOT NULL,
    learner_id     INTEGER REFERENCES learners(id) ON DELETE SET NULL,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    linked_by      INTEGER REFERENCES users(id),
    linked_at      TEXT,
    UNIQUE (source_id, external_id)
);
CREATE INDEX learner_identities_learner ON learner_identities(learner_id);

CREATE TABLE stage_history (
    id          INTEGER PRIMARY KEY,
    learner_id  INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    stage       TEXT NOT NULL,         -- e.g. 'PGY1', 'Foundations of Discipline'
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX stage_history_learner ON stage_history(learner_id, started_on);

-- Imports ---------------------------------------------------------------------------------

CREATE TABLE import_batches (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER REFERENCES sources(id),
    file_name    TEXT NOT NULL,
    file_sha256  TEXT,
    profile      TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'refused', 'failed', 'cancelled')),
    rows_read    INTEGER NOT NULL DEFAULT 0,
    inserted     INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    message      TEXT,
    user_id      INTEGER REFERENCES users(id)
);

CREATE TABLE import_rejects (
    id           INTEGER PRIMARY KEY,
    batch_id     INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    row_number   INTEGER NOT NULL,
    column_name  TEXT,
    reason       TEXT NOT NULL,
    raw          TEXT
);
CREATE INDEX import_rejects_batch ON import_rejects(batch_id, row_number);

-- Evidence --------------------------------------------------------------------------------

CREATE TABLE observations (
    id             INTEGER PRIMARY KEY,
    learner_id     INTEGER NOT NULL REFERENCES learners(id),
    competency_id  INTEGER REFERENCES competencies(id),
    -- An OR chain, not IN (...): SQLite builds a temporary table for an IN list on every
    -- insert, which made bulk imports several times slower.
    kind           TEXT NOT NULL CHECK (kind = 'assessment' OR kind = 'epa' OR kind = 'milestone' OR kind = 'exam'
                                        OR kind = 'narrative' OR kind = 'ccc_decision'),
    observed_on    TEXT NOT NULL CHECK (observed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    rating         REAL,              -- on the competency framework's scale
    rating_text    TEXT,              -- the rating as the export gave it
    score          REAL,              -- exams: raw or scaled score
    percentile     REAL CHECK (percentile IS NULL OR percentile BETWEEN 0 AND 100),
    assessor       TEXT,
    assessor_role  TEXT,
    instrument     TEXT,
    context        TEXT,
    narrative      TEXT,
    extra          TEXT,              -- JSON: export columns the profile kept but the domain has no place for
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    source_key     TEXT NOT NULL,
    key_hash       INTEGER NOT NULL,  -- 64-bit hash of source_key: a small index instead of a text one
    batch_id       INTEGER REFERENCES import_batches(id),
    content_hash   INTEGER,           -- 64-bit hash of the mapped values: unchanged rows are skipped
    revision       INTEGER NOT NULL DEFAULT 1
);
-- One row per (source, key). A sync holds every key of its source in memory (one writer per
-- transaction) and keeps the rows it writes unique there, so the key index covers only rows
-- inserted one by one, without a batch: a full key index cost a million-row sync more than
-- the table itself (docs/sync.md, "Performance"). A trigger would do as well, but any
-- trigger on the table makes SQLite insert row by row through a sub-program (3x slower).
CREATE UNIQUE INDEX observations_source_key ON observations(source_id, key_hash) WHERE batch_id IS NULL;
-- Profile queries read one learner's rows (a few hundred) and sort them; the learner alone
-- is a key a third the size of (learner, competency, date) and twice as quick to build.
CREATE INDEX observations_learner ON observations(learner_id);

-- The previous versions of an observation that a later export changed.
CREATE TABLE observation_revisions (
    id              INTEGER PRIMARY KEY,
    observation_id  INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
    revision        INTEGER NOT NULL,
    batch_id        INTEGER REFERENCES import_batches(id),
    content_hash    INTEGER,
    replaced_at     TEXT NOT NULL,
    previous        TEXT NOT NULL,    -- JSON of the replaced values
    UNIQUE (observation_id, revision)
);

-- Accounts and governance -----------------------------------------------------------------

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,   -- libsodium crypto_pwhash_str (Argon2id), never clear text
    learner_id           INTEGER UNIQUE REFERENCES learners(id),
    is_demo              INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    last_login_at        TEXT,
    password_changed_at  TEXT,
    created_at           TEXT NOT NULL
);

CREATE TABLE user_roles (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('learner', 'coach', 'ccc_member', 'program_director', 'admin')),
    program_id  INTEGER REFERENCES programs(id) ON DELETE CASCADE,   -- NULL: every program
    UNIQUE (user_id, role, program_id)
);

CREATE TABLE coach_assignments (
    id             INTEGER PRIMARY KEY,
    coach_user_id  INTEGER NOT NULL REFERENCES users(id),
    learner_id     INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    started_on     TEXT NOT NULL,
    ended_on       TEXT,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX coach_assignments_coach ON coach_assignments(coach_user_id);
CREATE INDEX coach_assignments_learner ON coach_assignments(learner_id);

-- Append-only, hash-chained record of every view of a learner profile and every change.
CREATE TABLE audit_entries (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      INTEGER,
    username     TEXT,
    action       TEXT NOT NULL,
    entity_kind  TEXT,
    entity_id    INTEGER,
    learner_id   INTEGER,
    details      TEXT,
    prev_hash    BLOB,
    hash         BLOB NOT NULL
);
CREATE INDEX audit_entries_learner ON audit_entries(learner_id, at);
CREATE INDEX audit_entries_user ON audit_entries(user_id, at);
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

-- Analytics: rule sets, flags, validity ---------------------------------------------------

CREATE TABLE rule_sets (
    id          INTEGER PRIMARY KEY,
    version     INTEGER NOT NULL UNIQUE,
    content     TEXT NOT NULL,          -- JSON: rules, thresholds, windows
    reason      TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);

CREATE TABLE flags (
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
                   CHECK (state IN ('open', 'acknowledged', 'resolved', 'dismissed')),
    state_reason   TEXT,
    as_of          TEXT NOT NULL,
    raised_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX flags_learner ON flags(learner_id, rule_code, competency_id);

CREATE TABLE flag_evidence (
    flag_id         INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
    observation_id  INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
    PRIMARY KEY (flag_id, observation_id)
) WITHOUT ROWID;

CREATE TABLE flag_events (
    id       INTEGER PRIMARY KEY,
    flag_id  INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('raised', 'worsened', 'improved', 'acknowledged', 'resolved',
                                           'dismissed', 'reopened', 'commented')),
    user_id  INTEGER REFERENCES users(id),
    at       TEXT NOT NULL,
    note     TEXT
);
CREATE INDEX flag_events_flag ON flag_events(flag_id, at);

CREATE TABLE rule_validity (
    id              INTEGER PRIMARY KEY,
    rule_set_id     INTEGER NOT NULL REFERENCES rule_sets(id),
    rule_code       TEXT NOT NULL,
    outcome_kind    TEXT NOT NULL,
    as_of_spec      TEXT NOT NULL,      -- 'date:YYYY-MM-DD' or 'days:N'
    n               INTEGER NOT NULL,
    base_rate       REAL,
    auc             REAL,
    auc_low         REAL,
    auc_high        REAL,
    sensitivity     REAL,
    specificity     REAL,
    ppv             REAL,
    npv             REAL,
    brier           REAL,
    lead_time_days  REAL,
    details         TEXT,
    computed_at     TEXT NOT NULL
);
CREATE INDEX rule_validity_rule ON rule_validity(rule_set_id, rule_code);

-- Co-production: goal plans and coaching notes --------------------------------------------

CREATE TABLE goal_plans (
    id            INTEGER PRIMARY KEY,
    learner_id    INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    period_label  TEXT,
    starts_on     TEXT,
    ends_on       TEXT,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'closed')),
    visibility    TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'program')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX goal_plans_learner ON goal_plans(learner_id);

CREATE TABLE goals (
    id                 INTEGER PRIMARY KEY,
    plan_id            INTEGER NOT NULL REFERENCES goal_plans(id) ON DELETE CASCADE,
    statement          TEXT NOT NULL,
    competency_id      INTEGER REFERENCES competencies(id),
    measure_kind       TEXT NOT NULL DEFAULT 'free_text'
                       CHECK (measure_kind IN ('competency_level', 'observation_count', 'exam_percentile', 'free_text')),
    measure            TEXT,            -- JSON: the checkable target
    target_date        TEXT,
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'not_achieved', 'dropped')),
    from_flag_id       INTEGER REFERENCES flags(id) ON DELETE SET NULL,
    support_requested  TEXT,
    achieved_on        TEXT,
    sort_order         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX goals_plan ON goals(plan_id);

CREATE TABLE goal_actions (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    description  TEXT NOT NULL,
    owner        TEXT NOT NULL CHECK (owner IN ('learner', 'coach', 'program')),
    due_on       TEXT,
    done_on      TEXT
);

CREATE TABLE goal_plan_events (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES goal_plans(id) ON DELETE CASCADE,
    goal_id         INTEGER REFERENCES goals(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('drafted', 'proposed', 'revised', 'commented', 'signed',
                                                  'agreement_reopened', 'achieved', 'shared', 'closed')),
    author_user_id  INTEGER REFERENCES users(id),
    at              TEXT NOT NULL,
    plan_version    INTEGER NOT NULL,
    version_hash    BLOB,
    body            TEXT            -- JSON: what changed, or the comment
);
CREATE INDEX goal_plan_events_plan ON goal_plan_events(plan_id, at);

CREATE TABLE coaching_notes (
    id              INTEGER PRIMARY KEY,
    learner_id      INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    author_user_id  INTEGER NOT NULL REFERENCES users(id),
    kind            TEXT NOT NULL DEFAULT 'session' CHECK (kind IN ('session', 'reflection')),
    session_date    TEXT,
    attendees       TEXT,
    body            TEXT NOT NULL,
    next_steps      TEXT,
    visibility      TEXT NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'program')),
    shared_at       TEXT,
    shared_by       INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX coaching_notes_learner ON coaching_notes(learner_id);

-- Strategy 4: what was done and what came of it -------------------------------------------

CREATE TABLE ccc_meetings (
    id            INTEGER PRIMARY KEY,
    program_id    INTEGER NOT NULL REFERENCES programs(id),
    held_on       TEXT NOT NULL,
    period_label  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'closed')),
    note          TEXT,
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL
);

CREATE TABLE ccc_meeting_members (
    meeting_id  INTEGER NOT NULL REFERENCES ccc_meetings(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    role        TEXT,                 -- chair, member
    PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;

CREATE TABLE ccc_agenda_items (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES ccc_meetings(id) ON DELETE CASCADE,
    learner_id  INTEGER NOT NULL REFERENCES learners(id),
    position    INTEGER NOT NULL,
    note        TEXT,
    UNIQUE (meeting_id, learner_id)
);

CREATE TABLE ccc_decisions (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES ccc_meetings(id),
    learner_id      INTEGER NOT NULL REFERENCES learners(id),
    competency_id   INTEGER REFERENCES competencies(id),  -- NULL: the overall progress judgement
    proposed_level  REAL,
    level           REAL,
    progress        TEXT CHECK (progress IS NULL OR progress IN ('accelerated', 'as_expected',
                                                                 'not_as_expected', 'not_progressing')),
    rationale       TEXT,
    decided_by      INTEGER REFERENCES users(id),
    finalized_at    TEXT,
    supersedes_id   INTEGER REFERENCES ccc_decisions(id),
    observation_id  INTEGER REFERENCES observations(id),
    created_at      TEXT NOT NULL
);
CREATE INDEX ccc_decisions_learner ON ccc_decisions(learner_id, competency_id);

CREATE TABLE interventions (
    id                INTEGER PRIMARY KEY,
    learner_id        INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('coaching', 'learning_plan', 'remediation', 'referral',
                                                    'leave', 'probation', 'other')),
    description       TEXT,
    owner_user_id     INTEGER REFERENCES users(id),
    started_on        TEXT NOT NULL,
    due_on            TEXT,
    ended_on          TEXT,
    ccc_decision_id   INTEGER REFERENCES ccc_decisions(id),
    created_by        INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX interventions_learner ON interventions(learner_id);

CREATE TABLE outcomes (
    id             INTEGER PRIMARY KEY,
    learner_id     INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,       -- e.g. 'level4_at_completion', 'board_result', 'course_result'
    competency_id  INTEGER REFERENCES competencies(id),
    value_text     TEXT,
    value_number   REAL,
    observed_on    TEXT,
    source_id      INTEGER REFERENCES sources(id),
    source_key     TEXT,
    batch_id       INTEGER REFERENCES import_batches(id),
    UNIQUE (source_id, source_key)
);
CREATE INDEX outcomes_learner ON outcomes(learner_id, kind);

INSERT INTO sources (code, name, kind) VALUES ('pmecoach', 'PME Coach', 'internal');
