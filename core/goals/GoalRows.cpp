// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalRows.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonDocument>
#include <QLocale>

#include <cmath>

namespace pme::core::goals {

namespace {

constexpr qsizetype kMaxText = 4000;

void bindDate(Statement &st, int index, const std::optional<QDate> &date)
{
    if (date)
        st.bind(index, toIsoDate(*date));
    else
        st.bindNull(index);
}

void bindText(Statement &st, int index, const QString &text)
{
    if (text.trimmed().isEmpty())
        st.bindNull(index);
    else
        st.bind(index, text.trimmed());
}

Result<void> checkScale(Database &db, qint64 competencyId, double level)
{
    Statement select(db,
                     "SELECT f.scale_min, f.scale_max FROM competencies c JOIN frameworks f "
                     "ON f.id = c.framework_id WHERE c.id = ?");
    select.bind(1, competencyId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::BadInput, GoalRows::tr("There is no competency %1.").arg(competencyId));
    const double low = select.columnDouble(0);
    const double high = select.columnDouble(1);
    if (level < low || level > high)
        return makeError(ErrorKind::BadInput,
                         GoalRows::tr("A target level must be on the framework's scale, %1 to %2.")
                             .arg(QLocale().toString(low), QLocale().toString(high)));
    return {};
}

Result<void> checkMeasure(Database &db, const GoalDraft &goal)
{
    const GoalMeasure &m = goal.measure;
    if (m.isMeasurable() && !std::isfinite(m.target))
        return makeError(ErrorKind::BadInput, GoalRows::tr("The goal's target must be a number."));
    switch (m.kind) {
    case GoalMeasure::Kind::CompetencyLevel:
        if (!goal.competencyId)
            return makeError(ErrorKind::BadInput, GoalRows::tr("A target level needs the competency it is about."));
        return checkScale(db, *goal.competencyId, m.target);
    case GoalMeasure::Kind::ObservationCount:
        if (!goal.competencyId)
            return makeError(ErrorKind::BadInput,
                             GoalRows::tr("A count of observations needs the competency they are about."));
        if (m.target < 1 || m.target != std::floor(m.target) || m.target > 1000)
            return makeError(ErrorKind::BadInput,
                             GoalRows::tr("The number of observations must be a whole number "
                                          "from 1 to 1000."));
        if (m.minRating)
            return checkScale(db, *goal.competencyId, *m.minRating);
        return {};
    case GoalMeasure::Kind::ExamPercentile:
        if (m.target < 0 || m.target > 100)
            return makeError(ErrorKind::BadInput, GoalRows::tr("An exam percentile must be from 0 to 100."));
        return {};
    case GoalMeasure::Kind::FreeText:
        if (m.text.trimmed().isEmpty())
            return makeError(ErrorKind::BadInput,
                             GoalRows::tr("Say how the goal will be judged: a measure a person "
                                          "confirms needs its text."));
        return {};
    }
    return {};
}

Result<void> checkFlag(Database &db, qint64 learnerId, qint64 flagId)
{
    Statement select(db, "SELECT learner_id FROM flags WHERE id = ?");
    select.bind(1, flagId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row || select.columnInt64(0) != learnerId)
        return makeError(ErrorKind::BadInput, GoalRows::tr("Flag %1 is not one of this learner's flags.").arg(flagId));
    return {};
}

/// Done dates of the goal's stored actions, by id and by description.
Result<QList<GoalAction>> storedActions(Database &db, qint64 goalId)
{
    Statement select(db, "SELECT id, description, done_on FROM goal_actions WHERE goal_id = ? ORDER BY id");
    select.bind(1, goalId);
    QList<GoalAction> stored;
    if (auto r = select.forEachRow([&](Statement &s) {
            GoalAction a{s.columnInt64(0), s.columnText(1), {}, {}, {}};
            if (!s.isNull(2))
                a.doneOn = parseIsoDate(s.columnText(2));
            stored.append(a);
        });
        !r)
        return r.error();
    return stored;
}

std::optional<QDate> keptDoneOn(const QList<GoalAction> &stored, const GoalAction &action)
{
    for (const GoalAction &s : stored) {
        if (action.id != 0 && s.id == action.id)
            return s.doneOn;
    }
    for (const GoalAction &s : stored) {
        if (s.description == action.description.trimmed())
            return s.doneOn;
    }
    return std::nullopt;
}

Result<void> writeActions(Database &db, qint64 goalId, const QList<GoalAction> &actions)
{
    auto stored = storedActions(db, goalId);
    if (!stored)
        return stored.error();
    Statement clear(db, "DELETE FROM goal_actions WHERE goal_id = ?");
    clear.bind(1, goalId);
    if (auto r = clear.exec(); !r)
        return r;
    Statement insert(db,
                     "INSERT INTO goal_actions (goal_id, description, owner, due_on, done_on) "
                     "VALUES (?, ?, ?, ?, ?)");
    for (const GoalAction &a : actions) {
        insert.bind(1, goalId);
        insert.bind(2, a.description.trimmed());
        insert.bind(3, a.owner);
        bindDate(insert, 4, a.dueOn);
        bindDate(insert, 5, keptDoneOn(*stored, a));
        if (auto r = insert.exec(); !r)
            return r;
    }
    return {};
}

QString measureJson(const GoalMeasure &m)
{
    return QString::fromUtf8(QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

Result<void> GoalRows::validateHeader(const PlanHeader &header)
{
    if (header.title.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("A goal plan needs a title."));
    if (header.title.size() > 200 || header.periodLabel.size() > 200)
        return makeError(ErrorKind::BadInput, tr("The title and the period are limited to 200 characters."));
    if (header.startsOn && header.endsOn && *header.endsOn < *header.startsOn)
        return makeError(ErrorKind::BadInput, tr("The plan's period ends before it starts."));
    return {};
}

Result<void> GoalRows::validate(Database &db, qint64 learnerId, const GoalDraft &goal)
{
    if (goal.statement.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("A goal needs a statement of what will be achieved."));
    if (goal.statement.size() > kMaxText || goal.supportRequested.size() > kMaxText
        || goal.measure.text.size() > kMaxText)
        return makeError(ErrorKind::BadInput, tr("A goal's texts are limited to %1 characters.").arg(kMaxText));
    if (auto r = checkMeasure(db, goal); !r)
        return r;
    for (const GoalAction &a : goal.actions) {
        if (a.description.trimmed().isEmpty() || a.description.size() > kMaxText)
            return makeError(ErrorKind::BadInput,
                             tr("Every action needs a description (up to %1 characters).").arg(kMaxText));
        if (a.owner != QLatin1String("learner") && a.owner != QLatin1String("coach")
            && a.owner != QLatin1String("program"))
            return makeError(ErrorKind::BadInput, tr("An action's owner is the learner, the coach or the program."));
    }
    if (goal.fromFlagId)
        return checkFlag(db, learnerId, *goal.fromFlagId);
    return {};
}

Result<qint64> GoalRows::insert(Database &db, qint64 planId, const GoalDraft &goal)
{
    Statement insert(db,
                     "INSERT INTO goals (plan_id, statement, competency_id, measure_kind, measure, target_date, "
                     "from_flag_id, support_requested, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "(SELECT coalesce(max(sort_order), 0) + 1 FROM goals WHERE plan_id = ?1))");
    insert.bind(1, planId);
    insert.bind(2, goal.statement.trimmed());
    insert.bind(3, goal.competencyId);
    insert.bind(4, GoalMeasure::kindToString(goal.measure.kind));
    insert.bind(5, measureJson(goal.measure));
    bindDate(insert, 6, goal.targetDate);
    insert.bind(7, goal.fromFlagId);
    bindText(insert, 8, goal.supportRequested);
    if (auto r = insert.exec(); !r)
        return r.error();
    const qint64 goalId = db.lastInsertRowId();
    if (auto r = writeActions(db, goalId, goal.actions); !r)
        return r.error();
    return goalId;
}

Result<void> GoalRows::update(Database &db, qint64 goalId, const GoalDraft &goal)
{
    Statement update(db,
                     "UPDATE goals SET statement = ?2, competency_id = ?3, measure_kind = ?4, measure = ?5, "
                     "target_date = ?6, from_flag_id = ?7, support_requested = ?8 WHERE id = ?1");
    update.bind(1, goalId);
    update.bind(2, goal.statement.trimmed());
    update.bind(3, goal.competencyId);
    update.bind(4, GoalMeasure::kindToString(goal.measure.kind));
    update.bind(5, measureJson(goal.measure));
    bindDate(update, 6, goal.targetDate);
    update.bind(7, goal.fromFlagId);
    bindText(update, 8, goal.supportRequested);
    if (auto r = update.exec(); !r)
        return r;
    return writeActions(db, goalId, goal.actions);
}

Result<std::pair<qint64, GoalAction>> GoalRows::action(Database &db, qint64 actionId)
{
    Statement select(db, "SELECT goal_id, description, owner, due_on, done_on FROM goal_actions WHERE id = ?");
    select.bind(1, actionId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no action %1.").arg(actionId));
    GoalAction a{actionId, select.columnText(1), select.columnText(2), {}, {}};
    if (!select.isNull(3))
        a.dueOn = parseIsoDate(select.columnText(3));
    if (!select.isNull(4))
        a.doneOn = parseIsoDate(select.columnText(4));
    return std::pair<qint64, GoalAction>(select.columnInt64(0), a);
}

Result<bool> GoalRows::setActionDone(Database &db, qint64 actionId, std::optional<QDate> doneOn)
{
    Statement update(db,
                     doneOn ? "UPDATE goal_actions SET done_on = ?2 WHERE id = ?1 AND done_on IS NULL"
                            : "UPDATE goal_actions SET done_on = NULL WHERE id = ?1 AND done_on IS NOT NULL");
    update.bind(1, actionId);
    if (doneOn)
        update.bind(2, toIsoDate(*doneOn));
    if (auto r = update.exec(); !r)
        return r.error();
    return db.changes() > 0;
}

QJsonArray GoalRows::diff(const QJsonObject &before, const QJsonObject &after)
{
    QJsonArray changes;
    QStringList keys = before.keys();
    for (const QString &key : after.keys()) {
        if (!keys.contains(key))
            keys.append(key);
    }
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue from = before.value(key);
        const QJsonValue to = after.value(key);
        if (from != to)
            changes.append(QJsonObject{
                {QStringLiteral("field"), key}, {QStringLiteral("from"), from}, {QStringLiteral("to"), to}});
    }
    return changes;
}

} // namespace pme::core::goals
