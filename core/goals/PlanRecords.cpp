// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/PlanRecords.h"

#include "analytics/RuleSet.h"
#include "domain/Dates.h"
#include "domain/Sha256.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace pme::core::goals {

namespace {

std::optional<QDate> dateColumn(Statement &s, int column)
{
    return s.isNull(column) ? std::nullopt : parseIsoDate(s.columnText(column));
}

QJsonValue dateValue(const std::optional<QDate> &date)
{
    return date ? QJsonValue(toIsoDate(*date)) : QJsonValue();
}

QJsonValue idValue(const std::optional<qint64> &id)
{
    return id ? QJsonValue(static_cast<double>(*id)) : QJsonValue();
}

QString flagText(const QString &rule, const QString &competency, const QString &raisedAt)
{
    const QDate raised = QDateTime::fromString(raisedAt, Qt::ISODateWithMs).toLocalTime().date();
    QStringList parts{analytics::RuleSet::ruleTitle(rule)};
    if (!competency.isEmpty())
        parts << competency;
    if (raised.isValid())
        parts << PlanRecords::tr("raised %1").arg(QLocale().toString(raised, QLocale::ShortFormat));
    return parts.join(QStringLiteral(", "));
}

Result<void> loadActions(Database &db, QList<Goal> &goals)
{
    Statement select(db,
                     "SELECT id, description, owner, due_on, done_on FROM goal_actions WHERE goal_id = ? "
                     "ORDER BY id");
    for (Goal &goal : goals) {
        select.bind(1, goal.id);
        if (auto r = select.forEachRow([&](Statement &s) {
                goal.draft.actions.append(
                    GoalAction{s.columnInt64(0), s.columnText(1), s.columnText(2), dateColumn(s, 3), dateColumn(s, 4)});
            });
            !r)
            return r;
    }
    return {};
}

} // namespace

Result<PlanSummary> PlanRecords::plan(Database &db, qint64 planId)
{
    Statement select(db,
                     "SELECT learner_id, title, period_label, starts_on, ends_on, status, visibility, version, "
                     "updated_at, (SELECT count(*) FROM goals g WHERE g.plan_id = p.id) FROM goal_plans p "
                     "WHERE id = ?");
    select.bind(1, planId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no goal plan %1.").arg(planId));
    PlanSummary p;
    p.id = planId;
    p.learnerId = select.columnInt64(0);
    p.header = PlanHeader{select.columnText(1), select.columnText(2), dateColumn(select, 3), dateColumn(select, 4)};
    p.status = select.columnText(5);
    p.visibility = select.columnText(6);
    p.version = static_cast<int>(select.columnInt64(7));
    p.updatedAt = select.columnText(8);
    p.goals = static_cast<int>(select.columnInt64(9));
    return p;
}

Result<QList<Goal>> PlanRecords::goals(Database &db, qint64 planId)
{
    Statement select(db,
                     "SELECT g.id, g.statement, g.competency_id, c.code, c.name, g.measure_kind, g.measure, "
                     "g.target_date, g.status, g.from_flag_id, g.support_requested, g.achieved_on, f.rule_code, "
                     "fc.code, f.raised_at FROM goals g LEFT JOIN competencies c ON c.id = g.competency_id "
                     "LEFT JOIN flags f ON f.id = g.from_flag_id LEFT JOIN competencies fc ON fc.id = f.competency_id "
                     "WHERE g.plan_id = ? ORDER BY g.sort_order, g.id");
    select.bind(1, planId);
    QList<Goal> goals;
    if (auto r = select.forEachRow([&](Statement &s) {
            Goal g;
            g.id = s.columnInt64(0);
            g.planId = planId;
            g.draft.statement = s.columnText(1);
            g.draft.competencyId = s.columnOptionalInt64(2);
            g.competencyCode = s.columnText(3);
            g.competencyName = s.columnText(4);
            const auto kind = GoalMeasure::kindFromString(s.columnText(5)).value_or(GoalMeasure::Kind::FreeText);
            const QJsonObject json = QJsonDocument::fromJson(s.columnText(6).toUtf8()).object();
            g.draft.measure = GoalMeasure::fromJson(kind, json).value_or(GoalMeasure{});
            g.draft.targetDate = dateColumn(s, 7);
            g.status = s.columnText(8);
            g.draft.fromFlagId = s.columnOptionalInt64(9);
            g.draft.supportRequested = s.columnText(10);
            g.achievedOn = dateColumn(s, 11);
            if (!s.isNull(12))
                g.fromFlag = flagText(s.columnText(12), s.columnText(13), s.columnText(14));
            goals.append(std::move(g));
        });
        !r)
        return r.error();
    if (auto r = loadActions(db, goals); !r)
        return r.error();
    return goals;
}

Result<qint64> PlanRecords::planOfGoal(Database &db, qint64 goalId)
{
    Statement select(db, "SELECT plan_id FROM goals WHERE id = ?");
    select.bind(1, goalId);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no goal %1.").arg(goalId));
    return select.columnInt64(0);
}

Result<QList<PlanEvent>> PlanRecords::events(Database &db, qint64 planId)
{
    Statement select(db,
                     "SELECT e.id, e.kind, e.goal_id, e.author_user_id, u.display_name, e.at, e.plan_version, "
                     "e.version_hash, e.body FROM goal_plan_events e LEFT JOIN users u ON u.id = e.author_user_id "
                     "WHERE e.plan_id = ? ORDER BY e.at, e.id");
    select.bind(1, planId);
    QList<PlanEvent> events;
    if (auto r = select.forEachRow([&](Statement &s) {
            PlanEvent e;
            e.id = s.columnInt64(0);
            e.kind = s.columnText(1);
            e.goalId = s.columnOptionalInt64(2);
            e.authorId = s.columnOptionalInt64(3).value_or(0);
            e.authorName = s.columnText(4);
            e.at = s.columnText(5);
            e.planVersion = static_cast<int>(s.columnInt64(6));
            e.versionHash = s.columnBlob(7);
            e.body = QJsonDocument::fromJson(s.columnText(8).toUtf8()).object();
            events.append(std::move(e));
        });
        !r)
        return r.error();
    return events;
}

QJsonObject PlanRecords::goalContent(const GoalDraft &goal)
{
    QJsonArray actions;
    for (const GoalAction &a : goal.actions)
        actions.append(QJsonObject{{QStringLiteral("description"), a.description},
                                   {QStringLiteral("owner"), a.owner},
                                   {QStringLiteral("due_on"), dateValue(a.dueOn)}});
    return QJsonObject{{QStringLiteral("statement"), goal.statement},
                       {QStringLiteral("competency"), idValue(goal.competencyId)},
                       {QStringLiteral("measure_kind"), GoalMeasure::kindToString(goal.measure.kind)},
                       {QStringLiteral("measure"), goal.measure.toJson()},
                       {QStringLiteral("target_date"), dateValue(goal.targetDate)},
                       {QStringLiteral("support"), goal.supportRequested},
                       {QStringLiteral("from_flag"), idValue(goal.fromFlagId)},
                       {QStringLiteral("actions"), actions}};
}

QByteArray PlanRecords::canonical(const PlanSummary &plan, const QList<Goal> &goals)
{
    // QJsonObject keeps its keys sorted, and compact output has no optional whitespace:
    // the same content always gives the same bytes.
    QJsonArray goalArray;
    for (const Goal &g : goals)
        goalArray.append(goalContent(g.draft));
    const QJsonObject content{{QStringLiteral("learner"), static_cast<double>(plan.learnerId)},
                              {QStringLiteral("title"), plan.header.title},
                              {QStringLiteral("period"), plan.header.periodLabel},
                              {QStringLiteral("starts_on"), dateValue(plan.header.startsOn)},
                              {QStringLiteral("ends_on"), dateValue(plan.header.endsOn)},
                              {QStringLiteral("goals"), goalArray}};
    return QJsonDocument(content).toJson(QJsonDocument::Compact);
}

QByteArray PlanRecords::versionHash(const PlanSummary &plan, const QList<Goal> &goals)
{
    const QByteArray bytes = canonical(plan, goals);
    Sha256 sha;
    sha.addData(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    return QByteArray::fromHex(sha.hexResult().toLatin1());
}

QList<PlanSignature> PlanRecords::signaturesOn(const QList<PlanEvent> &events, int version, const QByteArray &hash)
{
    QList<PlanSignature> signatures;
    for (const PlanEvent &e : events) {
        if (e.kind == QLatin1String("signed") && e.planVersion == version && e.versionHash == hash)
            signatures.append(PlanSignature{e.authorId, e.authorName, e.body.value(QStringLiteral("as")).toString(),
                                            e.at, e.planVersion, e.versionHash});
    }
    return signatures;
}

} // namespace pme::core::goals
