// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace pme::core {
class Database;
}

namespace pme::core::goals {

/// The rows of one plan as stored, for the service that changes plans and the queries that
/// read them. No access checks here: callers decide first (AccessPolicy).
///
/// The version hash is SHA-256 of a canonical JSON of the plan's content: learner, title,
/// period and dates, and per goal (in order) statement, competency, measure, target date,
/// support asked, the flag it came from, and its actions (description, owner, due date).
/// Statuses, achievement and done dates are progress, not content: they are not hashed.
class PlanRecords final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::goals::PlanRecords)

public:
    static Result<PlanSummary> plan(Database &db, qint64 planId);
    /// The plan's goals with their actions, in order; no progress.
    static Result<QList<Goal>> goals(Database &db, qint64 planId);
    static Result<qint64> planOfGoal(Database &db, qint64 goalId);
    /// The history, oldest first.
    static Result<QList<PlanEvent>> events(Database &db, qint64 planId);

    /// One goal's content as hashed (and compared for the history's diffs).
    static QJsonObject goalContent(const GoalDraft &goal);
    static QByteArray canonical(const PlanSummary &plan, const QList<Goal> &goals);
    /// Raw SHA-256 of canonical().
    static QByteArray versionHash(const PlanSummary &plan, const QList<Goal> &goals);
    /// The signatures in events on version and hash.
    static QList<PlanSignature> signaturesOn(const QList<PlanEvent> &events, int version, const QByteArray &hash);
};

} // namespace pme::core::goals
