-- SPDX-FileCopyrightText: 2026 PME Coach contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 3: a goal plan's history records an action marked done or not done
-- ('action_done', 'action_undone'; docs/goals.md). SQLite cannot change a CHECK in place:
-- the table is rebuilt with its rows, ids and index. Nothing references goal_plan_events.

CREATE TABLE goal_plan_events_v3 (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES goal_plans(id) ON DELETE CASCADE,
    goal_id         INTEGER REFERENCES goals(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('drafted', 'proposed', 'revised', 'commented', 'signed',
                                                  'agreement_reopened', 'achieved', 'action_done',
                                                  'action_undone', 'shared', 'closed')),
    author_user_id  INTEGER REFERENCES users(id),
    at              TEXT NOT NULL,
    plan_version    INTEGER NOT NULL,
    version_hash    BLOB,
    body            TEXT            -- JSON: what changed, or the comment
);
INSERT INTO goal_plan_events_v3 (id, plan_id, goal_id, kind, author_user_id, at, plan_version, version_hash, body)
    SELECT id, plan_id, goal_id, kind, author_user_id, at, plan_version, version_hash, body FROM goal_plan_events;
DROP TABLE goal_plan_events;
ALTER TABLE goal_plan_events_v3 RENAME TO goal_plan_events;
CREATE INDEX goal_plan_events_plan ON goal_plan_events(plan_id, at);
