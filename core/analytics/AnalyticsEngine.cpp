// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/AnalyticsEngine.h"
#include "analytics/ResultWriter.h"

#include "domain/Dates.h"
#include "governance/ActingUser.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "store/Database.h"
#include "store/Statement.h"

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

// The store's horizon for a refresh of these learners: it moves only forward, to the last
// run's or the day after the newest of their evidence.
Result<QDate> refreshHorizon(Database &db, const std::vector<qint64> &learnerIds, QDate horizon)
{
    Statement newest(db, "SELECT max(observed_on) FROM observations WHERE learner_id = ?");
    for (qint64 id : learnerIds) {
        newest.bind(1, id);
        if (auto r = newest.forEachRow([&](Statement &s) {
                if (const auto d = parseIsoDate(s.columnUtf8(0)); d && d->addDays(1) > horizon)
                    horizon = d->addDays(1);
            });
            !r)
            return r.error();
    }
    return horizon;
}

// The rule set, the evidence as of the request's point, and the fitted (or, for a refresh of
// a few learners, the stored) models with their forecasts. phases.trajectories holds the
// milliseconds the fits took.
Result<RecomputeResult> prepare(Database &db, ResultWriter *writer, const RecomputeRequest &request,
                                std::optional<LastRun> &last)
{
    // A store's first recompute stores the default rule set: in the results' transaction.
    Database &rulesDb = writer ? writer->db() : db;
    auto rules = request.ruleSetVersion ? RuleSet::version(rulesDb, *request.ruleSetVersion) : RuleSet::active(rulesDb);
    if (!rules)
        return rules.error();
    if (!request.learnerIds.empty()) {
        auto run = lastFullRun(db);
        if (!run)
            return run.error();
        last = *run;
    }
    const bool incremental = !request.learnerIds.empty() && last && request.asOf.kind() == AsOf::Kind::Latest;
    AnalyticsDataset::Options options;
    options.writersLockedOut = writer && writer->writersLockedOut();
    if (incremental) {
        options.learnerIds = request.learnerIds;
        auto horizon = refreshHorizon(db, request.learnerIds, last->horizon);
        if (!horizon)
            return horizon.error();
        options.horizon = *horizon;
    }
    auto data = AnalyticsDataset::load(db, request.asOf, options);
    if (!data)
        return data.error();

    QElapsedTimer fits;
    fits.start();
    RecomputeResult result{std::move(*data), {}, {}, std::move(*rules), {}, incremental, false, 0, 0, {}, {}};
    if (incremental) {
        for (qint64 id : request.learnerIds) {
            if (const auto l = result.data.learnerIndex(id))
                result.scope.push_back(*l);
        }
        auto models = AnalyticsEngine::storedModels(db, result.data);
        if (!models)
            return models.error();
        result.trajectories = Trajectories::forecastWith(result.data, std::move(*models), result.scope);
    } else {
        for (std::size_t l = 0; l < result.data.learners().size(); ++l)
            result.scope.push_back(static_cast<qint32>(l));
        result.trajectories = Trajectories::compute(result.data);
    }
    result.phases.trajectories = fits.elapsed();
    return result;
}

// The run's row and, for a person, its audit entry, in the results' transaction.
Result<void> recordRun(ResultWriter &writer, RecomputeResult &result, const RecomputeRequest &request,
                       const QJsonObject &norms, const QString &startedAt)
{
    const bool person = request.user && request.user->isValid();
    if (person) {
        if (auto r = writer.requireUser(request.user->id()); !r)
            return r;
    }
    Database &out = writer.db();
    Statement run(out, "INSERT INTO analytics_runs (scope, as_of, horizon, rule_set_id, learners, flags_raised, "
                       "flags_open, started_at, milliseconds, user_id, norms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    run.bindStatic(1, result.incremental ? "learners" : "full");
    run.bind(2, request.asOf.spec());
    run.bind(3, toIsoDate(result.data.horizon()));
    run.bind(4, result.rules.id());
    run.bind(5, static_cast<qint64>(result.scope.size()));
    run.bind(6, result.merge.raised);
    run.bind(7, result.merge.open);
    run.bind(8, startedAt);
    run.bind(9, result.milliseconds);
    if (person)
        run.bind(10, request.user->id());
    else
        run.bindNull(10);
    run.bind(11, QString::fromUtf8(QJsonDocument(norms).toJson(QJsonDocument::Compact)));
    if (auto r = run.exec(); !r)
        return r;
    result.runId = out.lastInsertRowId();
    if (!request.audit || !request.user)
        return {};
    const QJsonObject details{
        {QStringLiteral("scope"), result.incremental ? QStringLiteral("learners") : QStringLiteral("full")},
        {QStringLiteral("learners"), static_cast<qint64>(result.scope.size())},
        {QStringLiteral("rule_set_version"), result.rules.version()},
        {QStringLiteral("flags_raised"), result.merge.raised},
        {QStringLiteral("flags_open"), result.merge.open}};
    if (auto r = request.audit->append(out, *request.user, AuditAction::AnalyticsRecomputed,
                                       QStringLiteral("analytics_run"), result.runId, std::nullopt,
                                       QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
        !r)
        return r.error();
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
    const bool persist = request.persist && request.asOf.kind() == AsOf::Kind::Latest;
    // The results' transaction comes first: from here on no other connection commits, so the
    // state the recompute reads is the state its results replace.
    std::unique_ptr<ResultWriter> writer;
    if (persist) {
        auto begun = ResultWriter::begin(db);
        if (!begun)
            return begun.error();
        writer = std::move(*begun);
    }
    std::optional<LastRun> last;
    auto prepared = prepare(db, writer.get(), request, last);
    if (!prepared)
        return prepared.error();
    RecomputeResult &result = *prepared;
    result.phases.load = timer.elapsed() - result.phases.trajectories;

    // The models and estimates are written while the rules are evaluated.
    if (writer)
        writer->writeEstimates(result.data, result.trajectories, result.scope, !result.incremental);
    auto evaluation = FlagRules::evaluate(db, result.data, result.trajectories, result.rules, result.scope,
                                          result.incremental ? &last->norms : nullptr);
    if (!evaluation)
        return evaluation.error();
    result.evaluation = std::move(*evaluation);
    result.phases.rules = timer.elapsed() - result.phases.load - result.phases.trajectories;
    if (!writer) {
        result.milliseconds = timer.elapsed();
        return std::move(result);
    }

    if (auto r = writer->estimatesWritten(); !r)
        return r.error();
    auto merged = FlagStore::merge(writer->db(), result.data, result.evaluation.flags, result.scope, result.rules.id());
    if (!merged)
        return merged.error();
    result.merge = *merged;
    result.milliseconds = timer.elapsed();
    result.phases.store = result.milliseconds - result.phases.load - result.phases.trajectories - result.phases.rules;
    const QJsonObject &norms = result.incremental ? last->norms : result.evaluation.norms;
    if (auto r = recordRun(*writer, result, request, norms, startedAt); !r)
        return r.error();
    if (auto r = writer->commit(); !r)
        return r.error();
    result.stored = true;
    return std::move(result);
}

} // namespace pme::core::analytics
