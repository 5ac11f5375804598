// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/AnalyticsQueries.h"

#include "analytics/RuleSet.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonDocument>
#include <QLocale>

#include <map>

namespace pme::core::analytics {

QString FlagView::validityText() const
{
    if (!validity || validity->n == 0)
        return AnalyticsQueries::tr("How often flags like this one were right has not been measured yet on this "
                                    "program's outcomes.");
    const QLocale locale;
    if (validity->ppv)
        return AnalyticsQueries::tr("Flags like this one: PPV %1 (n = %2; outcome %3, AUC %4).")
            .arg(locale.toString(*validity->ppv, 'f', 2), locale.toString(validity->n), validity->outcomeKind,
                 validity->auc ? locale.toString(*validity->auc, 'f', 2) : QStringLiteral("–"));
    return AnalyticsQueries::tr("Flags like this one: none were raised among %1 learners with the outcome %2 "
                                "recorded, so their PPV is unknown (AUC %3).")
        .arg(locale.toString(validity->n), validity->outcomeKind,
             validity->auc ? locale.toString(*validity->auc, 'f', 2) : QStringLiteral("–"));
}

namespace {

constexpr const char *kFlagColumns
    = "SELECT f.id, f.learner_id, l.display_name, f.competency_id, c.code, c.name, f.rule_code, r.version, "
      "f.rule_set_id, f.severity, f.score, f.explanation, f.details, f.state, f.state_reason, f.as_of, f.raised_at, "
      "f.updated_at FROM flags f JOIN learners l ON l.id = f.learner_id JOIN rule_sets r ON r.id = f.rule_set_id "
      "LEFT JOIN competencies c ON c.id = f.competency_id ";

FlagView readFlag(Statement &s)
{
    FlagView v;
    v.id = s.columnInt64(0);
    v.learnerId = s.columnInt64(1);
    v.learnerName = s.columnText(2);
    v.competencyId = s.columnOptionalInt64(3);
    v.competencyCode = s.columnText(4);
    v.competencyName = s.columnText(5);
    v.rule = s.columnText(6);
    v.ruleTitle = RuleSet::ruleTitle(v.rule);
    v.ruleSetVersion = static_cast<int>(s.columnInt64(7));
    v.ruleSetId = s.columnInt64(8);
    v.severity = static_cast<int>(s.columnInt64(9));
    v.score = s.columnDouble(10);
    v.explanation = s.columnText(11);
    v.details = QJsonDocument::fromJson(s.columnText(12).toUtf8()).object();
    v.state = s.columnText(13);
    v.stateReason = s.columnText(14);
    v.asOf = s.columnText(15);
    v.raisedAt = s.columnText(16);
    v.updatedAt = s.columnText(17);
    return v;
}

bool usesTrajectory(const QString &rule)
{
    return rule == QLatin1String("below_expected") || rule == QLatin1String("low_attainment");
}

Result<void> complete(Database &db, QList<FlagView> &flags, bool withEvidence)
{
    Statement evidence(db, "SELECT observation_id FROM flag_evidence WHERE flag_id = ? ORDER BY observation_id");
    // A flag on a competency's trajectory used every rating of it up to the as-of day: they are
    // read here rather than stored with each flag.
    Statement ratings(db, "SELECT id FROM observations WHERE learner_id = ? AND competency_id = ? "
                          "AND rating IS NOT NULL AND kind <> 'exam' AND kind <> 'narrative' AND observed_on < ? "
                          "ORDER BY id");
    std::map<std::pair<qint64, QString>, std::optional<Validity::Stored>> validity;
    for (FlagView &flag : flags) {
        if (withEvidence) {
            const auto add = [&](Statement &s) { flag.evidence.push_back(s.columnInt64(0)); };
            if (flag.competencyId && usesTrajectory(flag.rule)) {
                ratings.bind(1, flag.learnerId);
                ratings.bind(2, *flag.competencyId);
                ratings.bind(3, flag.details.value(QStringLiteral("cutoff")).toString());
                if (auto r = ratings.forEachRow(add); !r)
                    return r;
            } else {
                evidence.bind(1, flag.id);
                if (auto r = evidence.forEachRow(add); !r)
                    return r;
            }
        }
        const auto key = std::make_pair(flag.ruleSetId, flag.rule);
        auto it = validity.find(key);
        if (it == validity.end()) {
            auto stored = Validity::latestFor(db, flag.ruleSetId, flag.rule);
            if (!stored)
                return stored.error();
            it = validity.emplace(key, *stored).first;
        }
        flag.validity = it->second;
    }
    return {};
}

} // namespace

Result<QList<FlagView>> AnalyticsQueries::flags(Database &db, const ActingUser &user, const FlagFilter &filter)
{
    if (filter.learnerId) {
        if (auto r = AccessPolicy::requireRead(db, user, DataKind::Flags, *filter.learnerId); !r)
            return r.error();
    }
    auto scope = AccessPolicy::scope(db, user, DataKind::Flags);
    if (!scope)
        return scope.error();
    const QByteArray sql = QByteArray(kFlagColumns)
        + "WHERE (?1 OR f.learner_id IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR f.learner_id = ?3) "
          "ORDER BY f.severity DESC, l.display_name, f.rule_code, c.sort_order";
    Statement select(db, sql.constData());
    scope->bind(select, 1, 2);
    select.bind(3, filter.learnerId);
    QList<FlagView> flags;
    if (auto r = select.forEachRow([&](Statement &s) {
            FlagView v = readFlag(s);
            if (filter.states.isEmpty() || filter.states.contains(v.state))
                flags.append(std::move(v));
        });
        !r)
        return r.error();
    if (auto r = complete(db, flags, filter.withEvidence); !r)
        return r.error();
    return flags;
}

Result<FlagView> AnalyticsQueries::flag(Database &db, const ActingUser &user, qint64 flagId)
{
    const QByteArray sql = QByteArray(kFlagColumns) + "WHERE f.id = ?";
    Statement select(db, sql.constData());
    select.bind(1, flagId);
    QList<FlagView> found;
    if (auto r = select.forEachRow([&](Statement &s) { found.append(readFlag(s)); }); !r)
        return r.error();
    if (found.isEmpty())
        return makeError(ErrorKind::NotFound, tr("There is no flag %1.").arg(flagId));
    if (auto r = AccessPolicy::requireRead(db, user, DataKind::Flags, found.first().learnerId); !r)
        return r.error();
    if (auto r = complete(db, found, true); !r)
        return r.error();
    return found.first();
}

Result<QList<ForecastView>> AnalyticsQueries::forecasts(Database &db, const ActingUser &user,
                                                        std::optional<qint64> learnerId)
{
    if (learnerId) {
        if (auto r = AccessPolicy::requireRead(db, user, DataKind::Profile, *learnerId); !r)
            return r.error();
    }
    auto scope = AccessPolicy::scope(db, user, DataKind::Profile);
    if (!scope)
        return scope.error();
    Statement select(db, "SELECT e.learner_id, l.display_name, e.competency_id, c.code, c.name, fw.code, "
                         "fw.target_level, fw.scale_min, fw.scale_max, e.observations, e.last_observed_on, e.intercept, "
                         "e.slope, e.cov_ii, e.cov_is, e.cov_ss, e.years_now, e.level_now, e.level_now_sd, e.cohort_now, "
                         "e.cohort_spread_now, e.years_at_completion, e.level_at_completion, e.level_at_completion_sd, "
                         "e.probability_target FROM learner_estimates e JOIN learners l ON l.id = e.learner_id "
                         "JOIN competencies c ON c.id = e.competency_id JOIN frameworks fw ON fw.id = c.framework_id "
                         "WHERE (?1 OR e.learner_id IN (SELECT value FROM json_each(?2))) "
                         "AND (?3 IS NULL OR e.learner_id = ?3) ORDER BY l.display_name, e.learner_id, fw.code, "
                         "c.sort_order, c.code");
    scope->bind(select, 1, 2);
    select.bind(3, learnerId);
    QList<ForecastView> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            ForecastView v;
            v.learnerId = s.columnInt64(0);
            v.learnerName = s.columnText(1);
            v.competencyId = s.columnInt64(2);
            v.competencyCode = s.columnText(3);
            v.competencyName = s.columnText(4);
            v.frameworkCode = s.columnText(5);
            v.target = s.columnOptionalDouble(6);
            v.scaleMin = s.columnDouble(7);
            v.scaleMax = s.columnDouble(8);
            v.observations = static_cast<int>(s.columnInt64(9));
            v.lastObservedOn = s.columnText(10);
            v.intercept = s.columnDouble(11);
            v.slope = s.columnDouble(12);
            v.covII = s.columnDouble(13);
            v.covIS = s.columnDouble(14);
            v.covSS = s.columnDouble(15);
            v.yearsNow = s.columnDouble(16);
            v.levelNow = s.columnDouble(17);
            v.levelNowSd = s.columnDouble(18);
            v.cohortNow = s.columnDouble(19);
            v.cohortSpreadNow = s.columnDouble(20);
            v.yearsAtCompletion = s.columnOptionalDouble(21);
            v.levelAtCompletion = s.columnOptionalDouble(22);
            v.levelAtCompletionSd = s.columnOptionalDouble(23);
            v.probabilityTarget = s.columnOptionalDouble(24);
            list.append(std::move(v));
        });
        !r)
        return r.error();
    return list;
}

Result<QList<ModelView>> AnalyticsQueries::models(Database &db, const ActingUser &user)
{
    if (!user.isValid())
        return makeError(ErrorKind::Denied, tr("Sign in to read the cohort's growth models."));
    Statement select(db, "SELECT m.competency_id, c.code, c.name, m.observations, m.learners, m.intercept, m.slope, "
                         "m.vcov_ii, m.vcov_is, m.vcov_ss, m.re_var_i, m.re_cov_is, m.re_var_s, m.residual_var, m.reml, "
                         "m.evaluations, m.boundary, m.fitted_at FROM growth_models m "
                         "JOIN competencies c ON c.id = m.competency_id ORDER BY c.framework_id, c.sort_order, c.code");
    QList<ModelView> list;
    if (auto r = select.forEachRow([&](Statement &s) {
            ModelView v;
            v.competencyId = s.columnInt64(0);
            v.competencyCode = s.columnText(1);
            v.competencyName = s.columnText(2);
            v.observations = s.columnInt64(3);
            v.learners = s.columnInt64(4);
            v.intercept = s.columnDouble(5);
            v.slope = s.columnDouble(6);
            v.vcovII = s.columnDouble(7);
            v.vcovIS = s.columnDouble(8);
            v.vcovSS = s.columnDouble(9);
            v.reVarI = s.columnDouble(10);
            v.reCovIS = s.columnDouble(11);
            v.reVarS = s.columnDouble(12);
            v.residualVar = s.columnDouble(13);
            v.reml = s.columnDouble(14);
            v.evaluations = static_cast<int>(s.columnInt64(15));
            v.boundary = s.columnInt64(16) != 0;
            v.fittedAt = s.columnText(17);
            list.append(std::move(v));
        });
        !r)
        return r.error();
    return list;
}

} // namespace pme::core::analytics
