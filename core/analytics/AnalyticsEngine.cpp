// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/AnalyticsEngine.h"

#include "domain/Dates.h"
#include "governance/ActingUser.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace pme::core::analytics {

namespace {

struct LastRun {
    QDate horizon;
    QJsonObject norms;
};

Result<std::optional<LastRun>> lastFullRun(Database &db)
{
    Statement select(db, "SELECT horizon, norms FROM analytics_runs WHERE scope = 'full' AND as_of = 'latest' "
                         "ORDER BY id DESC LIMIT 1");
    std::optional<LastRun> run;
    auto r = select.forEachRow([&](Statement &s) {
        LastRun last;
        last.horizon = parseIsoDate(s.columnText(0)).value_or(QDate());
        last.norms = QJsonDocument::fromJson(s.columnText(1).toUtf8()).object();
        run = last;
    });
    if (!r)
        return r.error();
    return run;
}

Result<void> writeModels(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                         const QString &now)
{
    if (auto r = db.execute("DELETE FROM growth_models"); !r)
        return r;
    Statement insert(db, "INSERT INTO growth_models (competency_id, observations, learners, intercept, slope, vcov_ii, "
                         "vcov_is, vcov_ss, re_var_i, re_cov_is, re_var_s, residual_var, theta, reml, evaluations, "
                         "boundary, fitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const CompetencyModel &model : trajectories.models()) {
        if (!model.fit)
            continue;
        const GrowthFit &f = *model.fit;
        insert.bind(1, data.competencies()[static_cast<std::size_t>(model.competency)].id);
        insert.bind(2, f.observations);
        insert.bind(3, f.groups);
        insert.bind(4, f.fixedEffects(0));
        insert.bind(5, f.fixedEffects(1));
        insert.bind(6, f.fixedCovariance(0, 0));
        insert.bind(7, f.fixedCovariance(0, 1));
        insert.bind(8, f.fixedCovariance(1, 1));
        insert.bind(9, f.randomCovariance(0, 0));
        insert.bind(10, f.randomCovariance(0, 1));
        insert.bind(11, f.randomCovariance(1, 1));
        insert.bind(12, f.residualVariance);
        insert.bind(13, QString::fromUtf8(QJsonDocument(QJsonArray{f.theta(0), f.theta(1), f.theta(2)})
                                              .toJson(QJsonDocument::Compact)));
        insert.bind(14, f.remlCriterion);
        insert.bind(15, f.evaluations);
        insert.bind(16, f.boundary ? 1 : 0);
        insert.bind(17, now);
        if (auto r = insert.exec(); !r)
            return r;
    }
    return {};
}

Result<void> writeEstimates(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                            std::span<const qint32> scope, bool everyone)
{
    if (everyone) {
        if (auto r = db.execute("DELETE FROM learner_estimates"); !r)
            return r;
    } else {
        Statement remove(db, "DELETE FROM learner_estimates WHERE learner_id = ?");
        for (qint32 l : scope) {
            remove.bind(1, data.learners()[static_cast<std::size_t>(l)].id);
            if (auto r = remove.exec(); !r)
                return r;
        }
    }
    Statement insert(db, "INSERT INTO learner_estimates (learner_id, competency_id, observations, last_observed_on, "
                         "intercept, slope, cov_ii, cov_is, cov_ss, years_now, level_now, level_now_sd, cohort_now, "
                         "cohort_spread_now, years_at_completion, level_at_completion, level_at_completion_sd, "
                         "probability_target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (qint32 l : scope) {
        const LearnerRecord &learner = data.learners()[static_cast<std::size_t>(l)];
        for (const LearnerForecast &f : trajectories.forecastsFor(l)) {
            insert.bind(1, learner.id);
            insert.bind(2, data.competencies()[static_cast<std::size_t>(f.competency)].id);
            insert.bind(3, f.observations);
            if (f.lastDay)
                insert.bind(4, toIsoDate(learner.start.addDays(*f.lastDay)));
            else
                insert.bindNull(4);
            insert.bind(5, f.estimate.coefficients(0));
            insert.bind(6, f.estimate.coefficients(1));
            insert.bind(7, f.estimate.covariance(0, 0));
            insert.bind(8, f.estimate.covariance(0, 1));
            insert.bind(9, f.estimate.covariance(1, 1));
            insert.bind(10, f.yearsNow);
            insert.bind(11, f.levelNow);
            insert.bind(12, f.levelNowSd);
            insert.bind(13, f.cohortNow);
            insert.bind(14, f.cohortSpreadNow);
            insert.bind(15, f.yearsAtCompletion);
            insert.bind(16, f.levelAtCompletion);
            insert.bind(17, f.levelAtCompletionSd);
            insert.bind(18, f.probabilityTarget);
            if (auto r = insert.exec(); !r)
                return r;
        }
    }
    return {};
}

} // namespace

Result<std::vector<CompetencyModel>> AnalyticsEngine::storedModels(Database &db, const AnalyticsDataset &data)
{
    std::vector<CompetencyModel> models;
    Statement select(db, "SELECT competency_id, observations, learners, intercept, slope, vcov_ii, vcov_is, vcov_ss, "
                         "re_var_i, re_cov_is, re_var_s, residual_var, theta, reml, evaluations, boundary "
                         "FROM growth_models ORDER BY competency_id");
    auto r = select.forEachRow([&](Statement &s) {
        const auto c = data.competencyIndex(s.columnInt64(0));
        if (!c)
            return;
        GrowthFit f;
        f.observations = s.columnInt64(1);
        f.groups = s.columnInt64(2);
        f.fixedEffects << s.columnDouble(3), s.columnDouble(4);
        f.fixedCovariance << s.columnDouble(5), s.columnDouble(6), s.columnDouble(6), s.columnDouble(7);
        f.randomCovariance << s.columnDouble(8), s.columnDouble(9), s.columnDouble(9), s.columnDouble(10);
        f.residualVariance = s.columnDouble(11);
        const QJsonArray theta = QJsonDocument::fromJson(s.columnText(12).toUtf8()).array();
        for (int i = 0; i < 3 && i < theta.size(); ++i)
            f.theta(i) = theta.at(i).toDouble();
        f.remlCriterion = s.columnDouble(13);
        f.evaluations = static_cast<int>(s.columnInt64(14));
        f.boundary = s.columnInt64(15) != 0;
        models.push_back({*c, std::move(f), {}});
    });
    if (!r)
        return r.error();
    return models;
}

Result<std::vector<qint64>> AnalyticsEngine::learnersChangedBy(Database &db, const std::vector<qint64> &batchIds)
{
    QJsonArray batches;
    for (qint64 id : batchIds)
        batches.append(id);
    std::vector<qint64> ids;
    Statement select(db, "SELECT learner_id FROM observations WHERE batch_id IN (SELECT value FROM json_each(?1)) "
                         "UNION SELECT learner_id FROM outcomes WHERE batch_id IN (SELECT value FROM json_each(?1))");
    select.bind(1, QString::fromUtf8(QJsonDocument(batches).toJson(QJsonDocument::Compact)));
    if (auto r = select.forEachRow([&](Statement &s) { ids.push_back(s.columnInt64(0)); }); !r)
        return r.error();
    return ids;
}

Result<RecomputeResult> AnalyticsEngine::refreshAfterSync(Database &db, const std::vector<qint64> &batchIds,
                                                          const AuditLog *audit, const ActingUser *user)
{
    auto changed = learnersChangedBy(db, batchIds);
    if (!changed)
        return changed.error();
    RecomputeRequest request;
    request.audit = audit;
    request.user = user;
    Statement count(db, "SELECT (SELECT count(*) FROM learners), (SELECT count(*) FROM growth_models)");
    qint64 learners = 0, models = 0;
    if (auto r = count.forEachRow([&](Statement &s) {
            learners = s.columnInt64(0);
            models = s.columnInt64(1);
        });
        !r)
        return r.error();
    // A few learners: refresh them under the stored models. Many: the cohort itself moved.
    if (models > 0 && !changed->empty() && static_cast<qint64>(changed->size()) * 10 <= learners)
        request.learnerIds = std::move(*changed);
    return recompute(db, request);
}

Result<RecomputeResult> AnalyticsEngine::recompute(Database &db, const RecomputeRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    const QString startedAt = nowUtcIso();
    auto rules = request.ruleSetVersion ? RuleSet::version(db, *request.ruleSetVersion) : RuleSet::active(db);
    if (!rules)
        return rules.error();

    const bool latest = request.asOf.kind() == AsOf::Kind::Latest;
    std::optional<LastRun> last;
    if (!request.learnerIds.empty()) {
        auto run = lastFullRun(db);
        if (!run)
            return run.error();
        last = *run;
    }
    const bool incremental = !request.learnerIds.empty() && last && latest;

    AnalyticsDataset::Options options;
    if (incremental) {
        options.learnerIds = request.learnerIds;
        // The horizon moves only forward: the last run's, or the newest of these learners' evidence.
        QDate horizon = last->horizon;
        Statement newest(db, "SELECT max(observed_on) FROM observations WHERE learner_id = ?");
        for (qint64 id : request.learnerIds) {
            newest.bind(1, id);
            if (auto r = newest.forEachRow([&](Statement &s) {
                    if (const auto d = parseIsoDate(s.columnUtf8(0)); d && d->addDays(1) > horizon)
                        horizon = d->addDays(1);
                });
                !r)
                return r.error();
        }
        options.horizon = horizon;
    }
    auto data = AnalyticsDataset::load(db, request.asOf, options);
    if (!data)
        return data.error();

    RecomputeResult result{std::move(*data), {}, {}, std::move(*rules), {}, incremental, false, 0, 0, {}, {}};
    result.phases.load = timer.elapsed();
    if (incremental) {
        for (qint64 id : request.learnerIds) {
            if (const auto l = result.data.learnerIndex(id))
                result.scope.push_back(*l);
        }
        auto models = storedModels(db, result.data);
        if (!models)
            return models.error();
        result.trajectories = Trajectories::forecastWith(result.data, std::move(*models), result.scope);
    } else {
        for (std::size_t l = 0; l < result.data.learners().size(); ++l)
            result.scope.push_back(static_cast<qint32>(l));
        result.trajectories = Trajectories::compute(result.data);
    }
    result.phases.trajectories = timer.elapsed() - result.phases.load;
    auto evaluation = FlagRules::evaluate(db, result.data, result.trajectories, result.rules, result.scope,
                                          incremental ? &last->norms : nullptr);
    if (!evaluation)
        return evaluation.error();
    result.evaluation = std::move(*evaluation);
    result.phases.rules = timer.elapsed() - result.phases.load - result.phases.trajectories;

    if (!request.persist || !latest) {
        result.milliseconds = timer.elapsed();
        return result;
    }

    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const QString now = nowUtcIso();
    if (!incremental) {
        if (auto r = writeModels(db, result.data, result.trajectories, now); !r)
            return r.error();
    }
    if (auto r = writeEstimates(db, result.data, result.trajectories, result.scope, !incremental); !r)
        return r.error();
    auto merged = FlagStore::merge(db, result.data, result.evaluation.flags, result.scope, result.rules.id());
    if (!merged)
        return merged.error();
    result.merge = *merged;
    result.milliseconds = timer.elapsed();
    result.phases.store = result.milliseconds - result.phases.load - result.phases.trajectories - result.phases.rules;
    Statement run(db, "INSERT INTO analytics_runs (scope, as_of, horizon, rule_set_id, learners, flags_raised, "
                      "flags_open, started_at, milliseconds, user_id, norms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    run.bindStatic(1, incremental ? "learners" : "full");
    run.bind(2, request.asOf.spec());
    run.bind(3, toIsoDate(result.data.horizon()));
    run.bind(4, result.rules.id());
    run.bind(5, static_cast<qint64>(result.scope.size()));
    run.bind(6, result.merge.raised);
    run.bind(7, result.merge.open);
    run.bind(8, startedAt);
    run.bind(9, result.milliseconds);
    if (request.user && request.user->isValid())
        run.bind(10, request.user->id());
    else
        run.bindNull(10);
    const QJsonObject &norms = incremental ? last->norms : result.evaluation.norms;
    run.bind(11, QString::fromUtf8(QJsonDocument(norms).toJson(QJsonDocument::Compact)));
    if (auto r = run.exec(); !r)
        return r.error();
    result.runId = db.lastInsertRowId();
    if (request.audit && request.user) {
        const QJsonObject details{{QStringLiteral("scope"), incremental ? QStringLiteral("learners") : QStringLiteral("full")},
                                  {QStringLiteral("learners"), static_cast<qint64>(result.scope.size())},
                                  {QStringLiteral("rule_set_version"), result.rules.version()},
                                  {QStringLiteral("flags_raised"), result.merge.raised},
                                  {QStringLiteral("flags_open"), result.merge.open}};
        if (auto r = request.audit->append(db, *request.user, AuditAction::AnalyticsRecomputed,
                                           QStringLiteral("analytics_run"), result.runId, std::nullopt,
                                           QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
            !r)
            return r.error();
    }
    if (auto r = tx.commit(); !r)
        return r.error();
    result.stored = true;
    return result;
}

} // namespace pme::core::analytics
