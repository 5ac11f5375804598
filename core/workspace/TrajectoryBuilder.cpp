// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/TrajectoryBuilder.h"

#include <QtMath>

#include <algorithm>

namespace pme::core::workspace {

namespace {

constexpr double kZ95 = 1.959964;

double halfWidth(double vii, double vis, double vss, double t)
{
    return kZ95 * std::sqrt(std::max(0.0, vii + 2 * t * vis + t * t * vss));
}

} // namespace

TrajectorySeries TrajectoryBuilder::build(const LearnerProfile &profile, qint64 competencyId)
{
    TrajectorySeries s;
    s.competencyId = competencyId;
    s.start = profile.header.start;
    s.expectedCompletion = profile.header.expectedCompletion;
    s.asOf = profile.horizon;
    for (const ObservationRow &o : profile.observations) {
        if (o.competencyId != competencyId || !o.rating)
            continue;
        if (s.code.isEmpty()) {
            s.code = o.competencyCode;
            s.name = o.competencyName;
        }
        TrajectoryPoint p{o.id, o.date, *o.rating, o.instrument, o.assessor, o.narrative};
        if (o.isCommitteeDecision()) {
            s.decisions.append(p);
        } else {
            s.points.append(p);
            if (!s.instruments.contains(o.instrument))
                s.instruments.append(o.instrument);
        }
    }
    const analytics::ForecastView *f = profile.forecast(competencyId);
    if (f) {
        s.code = f->competencyCode;
        s.name = f->competencyName;
        s.scaleMin = f->scaleMin;
        s.scaleMax = f->scaleMax;
        s.target = f->target;
    }
    if (!s.start.isValid())
        return s;
    // A learner still in training is drawn up to the latest data; one who finished, up to the end.
    const bool inTraining
        = profile.header.status == QLatin1String("active") || profile.header.status == QLatin1String("leave");
    const QDate completion = s.expectedCompletion.isValid() ? s.expectedCompletion : s.start.addYears(3);
    QDate end = inTraining ? std::max(completion, s.asOf) : completion;
    if (!s.points.isEmpty())
        end = std::max(end, s.points.last().date);
    const qint64 days = std::max<qint64>(1, s.start.daysTo(end));
    const CohortNorm *n = profile.norm(competencyId);
    for (int i = 0; i < kCurvePoints; ++i) {
        const QDate date = s.start.addDays(days * i / (kCurvePoints - 1));
        const double t = s.start.daysTo(date) / 365.25;
        s.curveDates.append(date);
        if (f) {
            const double level = f->intercept + f->slope * t;
            const double w = halfWidth(f->covII, f->covIS, f->covSS, t);
            s.fit.append(level);
            s.fitLow.append(level - w);
            s.fitHigh.append(level + w);
        }
        if (n) {
            const double level = n->intercept + n->slope * t;
            const double w = halfWidth(n->varI, n->covIS, n->varS, t);
            s.norm.append(level);
            s.normLow.append(level - w);
            s.normHigh.append(level + w);
        }
    }
    return s;
}

QList<qint64> TrajectoryBuilder::chartableCompetencies(const LearnerProfile &profile)
{
    QList<qint64> ids;
    for (const CompetencyStanding &c : profile.competencies)
        ids.append(c.competencyId);
    for (const ObservationRow &o : profile.observations) {
        if (o.competencyId && o.rating && !ids.contains(*o.competencyId))
            ids.append(*o.competencyId);
    }
    return ids;
}

} // namespace pme::core::workspace
