// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ccc/PacketJson.h"

#include "domain/Dates.h"

#include <QJsonArray>

namespace pme::core::ccc {

namespace {

QJsonValue opt(std::optional<double> v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonArray doubles(const QList<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

QJsonObject proposalJson(const ProposedLevel &p)
{
    return QJsonObject{{QStringLiteral("competency"), p.code},
                       {QStringLiteral("name"), p.name},
                       {QStringLiteral("estimate"), opt(p.estimate)},
                       {QStringLiteral("sd"), p.estimate ? QJsonValue(p.sd) : QJsonValue()},
                       {QStringLiteral("proposed_level"), opt(p.level)},
                       {QStringLiteral("evidence"), p.evidence},
                       {QStringLiteral("too_little_evidence"), p.tooLittleEvidence},
                       {QStringLiteral("previous_level"), opt(p.previousLevel)},
                       {QStringLiteral("target"), opt(p.target)}};
}

QJsonObject trajectoryJson(const workspace::TrajectorySeries &s)
{
    QJsonArray points, decisions, dates;
    for (const workspace::TrajectoryPoint &p : s.points)
        points.append(QJsonArray{toIsoDate(p.date), p.rating});
    for (const workspace::TrajectoryPoint &p : s.decisions)
        decisions.append(QJsonArray{toIsoDate(p.date), p.rating});
    for (const QDate &d : s.curveDates)
        dates.append(toIsoDate(d));
    return QJsonObject{{QStringLiteral("competency"), s.code},
                       {QStringLiteral("points"), points},
                       {QStringLiteral("decisions"), decisions},
                       {QStringLiteral("curve_dates"), dates},
                       {QStringLiteral("fit"), doubles(s.fit)},
                       {QStringLiteral("cohort"), doubles(s.norm)},
                       {QStringLiteral("cohort_low"), doubles(s.normLow)},
                       {QStringLiteral("cohort_high"), doubles(s.normHigh)}};
}

QJsonArray flagsJson(const QList<analytics::FlagView> &flags)
{
    QJsonArray a;
    for (const analytics::FlagView &f : flags)
        a.append(QJsonObject{{QStringLiteral("id"), f.id},
                             {QStringLiteral("rule"), f.rule},
                             {QStringLiteral("title"), f.ruleTitle},
                             {QStringLiteral("competency"), f.competencyCode},
                             {QStringLiteral("severity"), f.severity},
                             {QStringLiteral("state"), f.state},
                             {QStringLiteral("explanation"), f.explanation},
                             {QStringLiteral("validity"), f.validityText()}});
    return a;
}

QJsonArray narrativesJson(const QList<NarrativeItem> &items)
{
    QJsonArray a;
    for (const NarrativeItem &n : items) {
        QJsonArray concerns;
        for (const NarrativeItem::Passage &p : n.concerns)
            concerns.append(QJsonObject{{QStringLiteral("text"), n.text.mid(p.start, p.length)},
                                        {QStringLiteral("category"), p.category}});
        a.append(QJsonObject{{QStringLiteral("date"), toIsoDate(n.date)},
                             {QStringLiteral("competency"), n.competencyCode},
                             {QStringLiteral("assessor"), n.assessor},
                             {QStringLiteral("text"), n.text},
                             {QStringLiteral("concerns"), concerns}});
    }
    return a;
}

} // namespace

QJsonObject PacketJson::toJson(const ResidentPacket &packet)
{
    QJsonArray proposals, trajectories, exams, plans;
    for (const ProposedLevel &p : packet.proposals)
        proposals.append(proposalJson(p));
    for (const workspace::TrajectorySeries &s : packet.trajectories)
        trajectories.append(trajectoryJson(s));
    for (const workspace::ObservationRow &e : packet.exams)
        exams.append(QJsonObject{{QStringLiteral("date"), toIsoDate(e.date)},
                                 {QStringLiteral("instrument"), e.instrument},
                                 {QStringLiteral("score"), opt(e.score)},
                                 {QStringLiteral("percentile"), opt(e.percentile)}});
    for (const SharedPlanSummary &p : packet.plans)
        plans.append(QJsonObject{{QStringLiteral("title"), p.title},
                                 {QStringLiteral("status"), p.status},
                                 {QStringLiteral("goals"), p.goals},
                                 {QStringLiteral("achieved"), p.achieved},
                                 {QStringLiteral("open"), p.open},
                                 {QStringLiteral("statements"), QJsonArray::fromStringList(p.statements)},
                                 {QStringLiteral("progress"), QJsonArray::fromStringList(p.progress)}});
    const workspace::ProfileHeader &h = packet.header;
    return QJsonObject{{QStringLiteral("learner"),
                        QJsonObject{{QStringLiteral("id"), h.learnerId},
                                    {QStringLiteral("name"), h.name},
                                    {QStringLiteral("program"), h.programCode},
                                    {QStringLiteral("stage"), h.stage},
                                    {QStringLiteral("start"), toIsoDate(h.start)}}},
                       {QStringLiteral("period"),
                        QJsonObject{{QStringLiteral("label"), packet.period.label},
                                    {QStringLiteral("start"), toIsoDate(packet.period.start())},
                                    {QStringLiteral("end"), toIsoDate(packet.period.end)}}},
                       {QStringLiteral("evidence_threshold"), packet.evidenceThreshold},
                       {QStringLiteral("proposals"), proposals},
                       {QStringLiteral("trajectories"), trajectories},
                       {QStringLiteral("open_flags"), flagsJson(packet.openFlags)},
                       {QStringLiteral("exams"), exams},
                       {QStringLiteral("narratives"), narrativesJson(packet.narratives)},
                       {QStringLiteral("narratives_with_concerns"), packet.narrativesWithConcerns},
                       {QStringLiteral("shared_goal_plans"), plans}};
}

} // namespace pme::core::ccc
