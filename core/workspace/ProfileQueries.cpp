// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/ProfileQueries.h"

#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "workspace/FlagActions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core::workspace {

CompetencyStanding::Band CompetencyStanding::band() const
{
    const double zNow = z();
    return zNow < -1 ? Band::Below : zNow > 1 ? Band::Above : Band::Within;
}

QList<ObservationRow> LearnerProfile::exams() const
{
    QList<ObservationRow> list;
    for (const ObservationRow &row : observations) {
        if (row.kind == QLatin1String("exam"))
            list.append(row);
    }
    return list;
}

const analytics::ForecastView *LearnerProfile::forecast(qint64 competencyId) const
{
    for (const analytics::ForecastView &f : forecasts) {
        if (f.competencyId == competencyId)
            return &f;
    }
    return nullptr;
}

const CohortNorm *LearnerProfile::norm(qint64 competencyId) const
{
    for (const CohortNorm &n : norms) {
        if (n.competencyId == competencyId)
            return &n;
    }
    return nullptr;
}

Result<ProfileHeader> ProfileQueries::header(Database &db, const ActingUser &user, qint64 learnerId)
{
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Profile, learnerId); !r)
        return r.error();
    Statement select(db,
                     "SELECT l.display_name, l.program_id, p.code, p.name, l.status, l.start_date, "
                     "l.expected_completion_date, (SELECT s.stage FROM stage_history s WHERE s.learner_id = l.id "
                     "AND s.ended_on IS NULL ORDER BY s.started_on DESC LIMIT 1) FROM learners l "
                     "JOIN programs p ON p.id = l.program_id WHERE l.id = ?");
    select.bind(1, learnerId);
    ProfileHeader h;
    h.learnerId = learnerId;
    if (auto r = select.forEachRow([&](Statement &s) {
            h.name = s.columnText(0);
            h.programId = s.columnInt64(1);
            h.programCode = s.columnText(2);
            h.programName = s.columnText(3);
            h.status = s.columnText(4);
            h.start = parseIsoDate(s.columnText(5)).value_or(QDate());
            h.expectedCompletion = parseIsoDate(s.columnText(6)).value_or(QDate());
            h.stage = s.columnText(7);
        });
        !r)
        return r.error();
    Statement coaches(db,
                      "SELECT u.display_name FROM coach_assignments a JOIN users u ON u.id = a.coach_user_id "
                      "WHERE a.learner_id = ?1 AND a.started_on <= ?2 AND (a.ended_on IS NULL OR a.ended_on > ?2) "
                      "ORDER BY u.display_name");
    coaches.bind(1, learnerId);
    coaches.bind(2, toIsoDate(QDate::currentDate()));
    if (auto r = coaches.forEachRow([&](Statement &s) { h.coaches.append(s.columnText(0)); }); !r)
        return r.error();
    return h;
}

Result<QList<ObservationRow>> ProfileQueries::observations(Database &db, const ActingUser &user, qint64 learnerId,
                                                           const ObservationFilter &filter)
{
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Observations, learnerId); !r)
        return r.error();
    Statement select(db,
                     "SELECT o.id, o.observed_on, o.kind, o.competency_id, c.code, c.name, o.instrument, o.assessor, "
                     "o.assessor_role, o.context, o.rating, o.rating_text, o.score, o.percentile, o.narrative "
                     "FROM observations o LEFT JOIN competencies c ON c.id = o.competency_id "
                     "WHERE o.learner_id = ?1 AND (?2 IS NULL OR o.competency_id = ?2) "
                     "AND (?3 IS NULL OR o.instrument = ?3) AND (?4 IS NULL OR o.kind = ?4) "
                     "AND (?5 IS NULL OR o.observed_on >= ?5) AND (?6 IS NULL OR o.observed_on <= ?6) "
                     "ORDER BY o.observed_on, o.id");
    select.bind(1, learnerId);
    select.bind(2, filter.competencyId);
    // Empty criteria bind NULL: "any".
    select.bind(3, filter.instrument.isEmpty() ? QString() : filter.instrument);
    select.bind(4, filter.kind.isEmpty() ? QString() : filter.kind);
    select.bind(5, filter.from.isValid() ? toIsoDate(filter.from) : QString());
    select.bind(6, filter.to.isValid() ? toIsoDate(filter.to) : QString());
    QList<ObservationRow> rows;
    if (auto r = select.forEachRow([&](Statement &s) {
            ObservationRow o;
            o.id = s.columnInt64(0);
            o.date = parseIsoDate(s.columnText(1)).value_or(QDate());
            o.kind = s.columnText(2);
            o.competencyId = s.columnOptionalInt64(3);
            o.competencyCode = s.columnText(4);
            o.competencyName = s.columnText(5);
            o.instrument = s.columnText(6);
            o.assessor = s.columnText(7);
            o.assessorRole = s.columnText(8);
            o.context = s.columnText(9);
            o.rating = s.columnOptionalDouble(10);
            o.ratingText = s.columnText(11);
            o.score = s.columnOptionalDouble(12);
            o.percentile = s.columnOptionalDouble(13);
            o.narrative = s.columnText(14);
            rows.append(std::move(o));
        });
        !r)
        return r.error();
    return rows;
}

Result<QList<CohortNorm>> ProfileQueries::norms(Database &db, const ActingUser &user)
{
    auto models = analytics::AnalyticsQueries::models(db, user);
    if (!models)
        return models.error();
    QList<CohortNorm> norms;
    for (const analytics::ModelView &m : *models)
        norms.append(CohortNorm{m.competencyId, m.intercept, m.slope, m.reVarI, m.reCovIS, m.reVarS});
    return norms;
}

QList<CompetencyStanding> ProfileQueries::standings(const QList<analytics::ForecastView> &forecasts)
{
    QList<CompetencyStanding> list;
    for (const analytics::ForecastView &f : forecasts) {
        CompetencyStanding c;
        c.competencyId = f.competencyId;
        c.code = f.competencyCode;
        c.name = f.competencyName;
        c.frameworkCode = f.frameworkCode;
        c.scaleMin = f.scaleMin;
        c.scaleMax = f.scaleMax;
        c.target = f.target;
        c.observations = f.observations;
        c.levelNow = f.levelNow;
        c.levelNowSd = f.levelNowSd;
        c.cohortNow = f.cohortNow;
        c.cohortSpreadNow = f.cohortSpreadNow;
        c.levelAtCompletion = f.levelAtCompletion;
        c.probabilityTarget = f.probabilityTarget;
        list.append(c);
    }
    return list;
}

Result<QDate> ProfileQueries::lastHorizon(Database &db)
{
    Statement select(db, "SELECT horizon FROM analytics_runs ORDER BY id DESC LIMIT 1");
    QDate horizon;
    if (auto r = select.forEachRow([&](Statement &s) { horizon = parseIsoDate(s.columnText(0)).value_or(QDate()); });
        !r)
        return r.error();
    return horizon;
}

Result<LearnerProfile> ProfileQueries::open(Database &db, const AuditLog &audit, const ActingUser &user,
                                            qint64 learnerId)
{
    LearnerProfile p;
    auto header = ProfileQueries::header(db, user, learnerId);
    if (!header)
        return header.error();
    p.header = std::move(*header);
    // Every view of a profile is recorded, and a view that cannot be recorded does not happen.
    const QString details = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("learner"), p.header.name}}).toJson(QJsonDocument::Compact));
    if (auto r
        = audit.append(db, user, AuditAction::ProfileViewed, QStringLiteral("learner"), learnerId, learnerId, details);
        !r)
        return r.error();

    auto observations = ProfileQueries::observations(db, user, learnerId);
    if (!observations)
        return observations.error();
    p.observations = std::move(*observations);
    analytics::AnalyticsQueries::FlagFilter filter;
    filter.learnerId = learnerId;
    auto flags = analytics::AnalyticsQueries::flags(db, user, filter);
    if (!flags)
        return flags.error();
    p.flags = std::move(*flags);
    auto forecasts = analytics::AnalyticsQueries::forecasts(db, user, learnerId);
    if (!forecasts)
        return forecasts.error();
    p.forecasts = std::move(*forecasts);
    p.competencies = standings(p.forecasts);
    auto norms = ProfileQueries::norms(db, user);
    if (!norms)
        return norms.error();
    p.norms = std::move(*norms);
    auto horizon = lastHorizon(db);
    if (!horizon)
        return horizon.error();
    p.horizon = horizon->isValid() ? *horizon
        : p.observations.isEmpty() ? QDate::currentDate()
                                   : p.observations.last().date.addDays(1);
    auto decide = FlagActions::mayDecide(db, user, learnerId);
    if (!decide)
        return decide.error();
    p.mayDecideFlags = *decide;
    auto comment = FlagActions::mayComment(db, user, learnerId);
    if (!comment)
        return comment.error();
    p.mayCommentFlags = *comment;
    return p;
}

} // namespace pme::core::workspace
