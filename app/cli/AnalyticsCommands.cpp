// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// recompute, flags, forecast, model, observations export.
#include "CliContext.h"
#include "Command.h"
#include "AsOfOption.h"
#include "ExitCode.h"
#include "analytics/AnalyticsEngine.h"
#include "analytics/AnalyticsQueries.h"
#include "analytics/Validity.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "store/Transaction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

namespace pme::cli {

namespace {

using namespace core::analytics;

class AnalyticsCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::AnalyticsCommands)

public:
    // --as-of DATE or --as-of-days N; latest when neither.
    static std::optional<qint64> learnerOption(const QCommandLineParser &parser, bool *ok)
    {
        *ok = true;
        if (!parser.isSet(QStringLiteral("learner")))
            return std::nullopt;
        const qint64 id = parser.value(QStringLiteral("learner")).toLongLong(ok);
        return id;
    }

    static QJsonObject flagJson(const QString &rule, const QString &learnerName, qint64 learnerId,
                                const QString &competency, int severity, double score, const QString &explanation,
                                const QJsonObject &details, const QString &state, const std::vector<qint64> &evidence)
    {
        QJsonArray ids;
        for (qint64 id : evidence)
            ids.append(id);
        return QJsonObject{{QStringLiteral("learner_id"), learnerId},
                           {QStringLiteral("learner"), learnerName},
                           {QStringLiteral("rule"), rule},
                           {QStringLiteral("title"), RuleSet::ruleTitle(rule)},
                           {QStringLiteral("competency"), competency.isEmpty() ? QJsonValue() : QJsonValue(competency)},
                           {QStringLiteral("severity"), severity},
                           {QStringLiteral("score"), score},
                           {QStringLiteral("state"), state},
                           {QStringLiteral("explanation"), explanation},
                           {QStringLiteral("details"), details},
                           {QStringLiteral("evidence"), ids}};
    }

    static QString severityName(int severity)
    {
        return severity >= 3 ? tr("high") : severity == 2 ? tr("moderate") : tr("low");
    }

    static int runRecompute(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("recompute"));
        auto session = ctx.session(tr("recompute the analytics"), CliContext::Needs::DataManager);
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        auto audit = session->store->audit();
        if (!audit)
            return ctx.fail(audit.error());
        RecomputeRequest request;
        request.asOf = *when;
        request.audit = *audit;
        request.user = &session->user;
        for (const QString &id : parser.values(QStringLiteral("learner")))
            request.learnerIds.push_back(id.toLongLong());
        auto result = AnalyticsEngine::recompute(db, request);
        if (!result)
            return ctx.fail(result.error());
        int fitted = 0;
        for (const CompetencyModel &m : result->trajectories.models())
            fitted += m.fit ? 1 : 0;
        int inTraining = 0;
        for (qint32 l : result->scope)
            inTraining += result->data.learners()[static_cast<std::size_t>(l)].inTraining ? 1 : 0;
        if (ctx.json()) {
            ctx.printJson(QJsonObject{
                {QStringLiteral("status"), QStringLiteral("ok")},
                {QStringLiteral("as_of"), when->spec()},
                {QStringLiteral("horizon"), core::toIsoDate(result->data.horizon())},
                {QStringLiteral("scope"), result->incremental ? QStringLiteral("learners") : QStringLiteral("full")},
                {QStringLiteral("stored"), result->stored},
                {QStringLiteral("rule_set_version"), result->rules.version()},
                {QStringLiteral("learners"), static_cast<qint64>(result->scope.size())},
                {QStringLiteral("learners_in_training"), inTraining},
                {QStringLiteral("models_fitted"), fitted},
                {QStringLiteral("rated_observations"), static_cast<qint64>(result->data.ratings().size())},
                {QStringLiteral("flags"), static_cast<qint64>(result->evaluation.flags.size())},
                {QStringLiteral("flags_raised"), result->merge.raised},
                {QStringLiteral("flags_reopened"), result->merge.reopened},
                {QStringLiteral("flags_resolved"), result->merge.autoResolved},
                {QStringLiteral("flags_open"), result->merge.open},
                {QStringLiteral("milliseconds"), result->milliseconds}});
            return Ok;
        }
        const QLocale locale;
        ctx.out() << tr("Analytics %1 (%2): %3 learners, %4 in training; %5 growth models from %6 rated observations; "
                        "rule set version %7.")
                         .arg(when->describe(), result->incremental ? tr("those learners only") : tr("everyone"),
                              locale.toString(static_cast<qint64>(result->scope.size())), locale.toString(inTraining),
                              locale.toString(fitted), locale.toString(static_cast<qint64>(result->data.ratings().size())),
                              locale.toString(result->rules.version()))
                  << Qt::endl;
        if (result->stored)
            ctx.out() << tr("Stored: %1 flags fire; %2 new, %3 reopened, %4 resolved because the rule no longer "
                            "fires; %5 open. Took %6 ms.")
                             .arg(locale.toString(static_cast<qint64>(result->evaluation.flags.size())),
                                  locale.toString(result->merge.raised), locale.toString(result->merge.reopened),
                                  locale.toString(result->merge.autoResolved), locale.toString(result->merge.open),
                                  locale.toString(result->milliseconds))
                      << Qt::endl;
        else
            ctx.out() << tr("%1 flags would fire. A past state is computed, not stored. Took %2 ms.")
                             .arg(locale.toString(static_cast<qint64>(result->evaluation.flags.size())),
                                  locale.toString(result->milliseconds))
                      << Qt::endl;
        return Ok;
    }

    static int runFlags(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        bool ok = false;
        const auto learner = learnerOption(parser, &ok);
        if (!ok)
            return ctx.usage(tr("--learner takes a learner id."), QStringLiteral("flags"));
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("flags"));
        auto session = ctx.session(tr("read flags"));
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        QJsonArray array;
        if (when->kind() == AsOf::Kind::Latest) {
            AnalyticsQueries::FlagFilter filter;
            filter.learnerId = learner;
            if (!parser.isSet(QStringLiteral("all")))
                filter.states = {QStringLiteral("open"), QStringLiteral("acknowledged")};
            auto flags = AnalyticsQueries::flags(db, session->user, filter);
            if (!flags)
                return ctx.fail(flags.error());
            for (const FlagView &f : *flags) {
                QJsonObject o = flagJson(f.rule, f.learnerName, f.learnerId, f.competencyCode, f.severity, f.score,
                                         f.explanation, f.details, f.state, f.evidence);
                o.insert(QStringLiteral("id"), f.id);
                o.insert(QStringLiteral("rule_set_version"), f.ruleSetVersion);
                o.insert(QStringLiteral("validity"), f.validityText());
                array.append(o);
                if (!ctx.json())
                    ctx.out() << QStringLiteral("#%1  %2  [%3, %4]  %5%6\n    %7\n    %8\n")
                                     .arg(f.id)
                                     .arg(f.learnerName, severityName(f.severity), f.state, f.ruleTitle,
                                          f.competencyCode.isEmpty() ? QString() : QStringLiteral(" — ") + f.competencyName,
                                          f.explanation, f.validityText());
            }
        } else {
            if (learner) {
                if (auto r = core::AccessPolicy::requireRead(db, session->user, core::DataKind::Flags, *learner); !r)
                    return ctx.fail(r.error());
            }
            auto scope = core::AccessPolicy::scope(db, session->user, core::DataKind::Flags);
            if (!scope)
                return ctx.fail(scope.error());
            RecomputeRequest request;
            request.asOf = *when;
            request.persist = false;
            auto result = AnalyticsEngine::recompute(db, request);
            if (!result)
                return ctx.fail(result.error());
            for (const FlagCandidate &f : result->evaluation.flags) {
                const LearnerRecord &l = result->data.learners()[static_cast<std::size_t>(f.learner)];
                if (!scope->contains(l.id) || (learner && *learner != l.id))
                    continue;
                const QString competency
                    = f.competency ? result->data.competencies()[static_cast<std::size_t>(*f.competency)].code : QString();
                array.append(flagJson(f.rule, l.displayName, l.id, competency, f.severity, f.score, f.explanation,
                                      f.detailsObject(), QStringLiteral("computed"), f.evidence));
                if (!ctx.json())
                    ctx.out() << QStringLiteral("%1  [%2]  %3%4\n    %5\n")
                                     .arg(l.displayName, severityName(f.severity), RuleSet::ruleTitle(f.rule),
                                          competency.isEmpty() ? QString() : QStringLiteral(" — ") + competency,
                                          f.explanation);
            }
        }
        if (ctx.json())
            ctx.printJson(array);
        else if (array.isEmpty())
            ctx.out() << tr("No flags.") << Qt::endl;
        return Ok;
    }

    static QJsonObject forecastJson(const ForecastView &f)
    {
        return QJsonObject{{QStringLiteral("learner_id"), f.learnerId},
                           {QStringLiteral("learner"), f.learnerName},
                           {QStringLiteral("competency"), f.competencyCode},
                           {QStringLiteral("framework"), f.frameworkCode},
                           {QStringLiteral("observations"), f.observations},
                           {QStringLiteral("last_observed_on"), f.lastObservedOn},
                           {QStringLiteral("years_now"), f.yearsNow},
                           {QStringLiteral("level_now"), f.levelNow},
                           {QStringLiteral("level_now_sd"), f.levelNowSd},
                           {QStringLiteral("cohort_now"), f.cohortNow},
                           {QStringLiteral("cohort_spread_now"), f.cohortSpreadNow},
                           {QStringLiteral("years_at_completion"), optionalJson(f.yearsAtCompletion)},
                           {QStringLiteral("level_at_completion"), optionalJson(f.levelAtCompletion)},
                           {QStringLiteral("level_at_completion_sd"), optionalJson(f.levelAtCompletionSd)},
                           {QStringLiteral("target"), optionalJson(f.target)},
                           {QStringLiteral("probability_target"), optionalJson(f.probabilityTarget)}};
    }

    static int runForecast(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        bool ok = false;
        const auto learner = learnerOption(parser, &ok);
        if (!ok)
            return ctx.usage(tr("--learner takes a learner id."), QStringLiteral("forecast"));
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("forecast"));
        auto session = ctx.session(tr("read forecasts"));
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        QList<ForecastView> list;
        if (when->kind() == AsOf::Kind::Latest) {
            auto stored = AnalyticsQueries::forecasts(db, session->user, learner);
            if (!stored)
                return ctx.fail(stored.error());
            list = *stored;
        } else {
            if (learner) {
                if (auto r = core::AccessPolicy::requireRead(db, session->user, core::DataKind::Profile, *learner); !r)
                    return ctx.fail(r.error());
            }
            auto scope = core::AccessPolicy::scope(db, session->user, core::DataKind::Profile);
            if (!scope)
                return ctx.fail(scope.error());
            RecomputeRequest request;
            request.asOf = *when;
            request.persist = false;
            auto result = AnalyticsEngine::recompute(db, request);
            if (!result)
                return ctx.fail(result.error());
            for (const LearnerForecast &f : result->trajectories.forecasts()) {
                const LearnerRecord &l = result->data.learners()[static_cast<std::size_t>(f.learner)];
                const CompetencyRecord &c = result->data.competencies()[static_cast<std::size_t>(f.competency)];
                if (!scope->contains(l.id) || (learner && *learner != l.id) || !l.inTraining)
                    continue;
                ForecastView v;
                v.learnerId = l.id;
                v.learnerName = l.displayName;
                v.competencyId = c.id;
                v.competencyCode = c.code;
                v.competencyName = c.name;
                v.frameworkCode = c.frameworkCode;
                v.target = c.target;
                v.observations = f.observations;
                v.lastObservedOn = f.lastDay ? core::toIsoDate(l.start.addDays(*f.lastDay)) : QString();
                v.yearsNow = f.yearsNow;
                v.levelNow = f.levelNow;
                v.levelNowSd = f.levelNowSd;
                v.cohortNow = f.cohortNow;
                v.cohortSpreadNow = f.cohortSpreadNow;
                v.yearsAtCompletion = f.yearsAtCompletion;
                v.levelAtCompletion = f.levelAtCompletion;
                v.levelAtCompletionSd = f.levelAtCompletionSd;
                v.probabilityTarget = f.probabilityTarget;
                list.append(v);
            }
        }
        const QString competency = parser.value(QStringLiteral("competency"));
        QJsonArray array;
        const QLocale locale;
        for (const ForecastView &f : std::as_const(list)) {
            if (!competency.isEmpty() && f.competencyCode != competency)
                continue;
            array.append(forecastJson(f));
            if (!ctx.json())
                ctx.out() << QStringLiteral("%1  %2  now %3 (cohort %4)  at completion %5  P(target) %6  n=%7\n")
                                 .arg(f.learnerName, -28)
                                 .arg(f.competencyCode, -10)
                                 .arg(locale.toString(f.levelNow, 'f', 2), locale.toString(f.cohortNow, 'f', 2),
                                      f.levelAtCompletion ? locale.toString(*f.levelAtCompletion, 'f', 2)
                                                          : QStringLiteral("–"),
                                      f.probabilityTarget ? locale.toString(*f.probabilityTarget, 'f', 2)
                                                          : QStringLiteral("–"),
                                      locale.toString(f.observations));
        }
        if (ctx.json())
            ctx.printJson(array);
        else if (array.isEmpty())
            ctx.out() << tr("No forecasts: run 'pmecoach-cli recompute' after a sync.") << Qt::endl;
        return Ok;
    }

    static int runModel(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const QString code = parser.value(QStringLiteral("competency"));
        if (code.isEmpty())
            return ctx.usage(tr("use: model --competency CODE"), QStringLiteral("model"));
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("model"));
        auto session = ctx.session(tr("read the growth models"));
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        auto data = AnalyticsDataset::load(db, *when);
        if (!data)
            return ctx.fail(data.error());
        QJsonArray array;
        for (std::size_t c = 0; c < data->competencies().size(); ++c) {
            const CompetencyRecord &competency = data->competencies()[c];
            if (competency.code != code)
                continue;
            const auto groups = data->growthGroups(static_cast<qint32>(c));
            auto fit = fitGrowthModel(groups);
            if (!fit)
                return ctx.fail(fit.error());
            const double corr = fit->randomCovariance(0, 0) > 0 && fit->randomCovariance(1, 1) > 0
                ? fit->randomCovariance(0, 1) / std::sqrt(fit->randomCovariance(0, 0) * fit->randomCovariance(1, 1))
                : 0.0;
            const QJsonObject o{
                {QStringLiteral("competency"), competency.code},
                {QStringLiteral("framework"), competency.frameworkCode},
                {QStringLiteral("name"), competency.name},
                {QStringLiteral("as_of"), when->spec()},
                {QStringLiteral("formula"), QStringLiteral("rating ~ t + (t | learner), t in years of training, REML")},
                {QStringLiteral("observations"), fit->observations},
                {QStringLiteral("learners"), fit->groups},
                {QStringLiteral("fixed_effects"), QJsonObject{{QStringLiteral("intercept"), fit->fixedEffects(0)},
                                                              {QStringLiteral("slope"), fit->fixedEffects(1)}}},
                {QStringLiteral("fixed_effects_se"),
                 QJsonObject{{QStringLiteral("intercept"), std::sqrt(fit->fixedCovariance(0, 0))},
                             {QStringLiteral("slope"), std::sqrt(fit->fixedCovariance(1, 1))}}},
                {QStringLiteral("variance_components"),
                 QJsonObject{{QStringLiteral("intercept_var"), fit->randomCovariance(0, 0)},
                             {QStringLiteral("slope_var"), fit->randomCovariance(1, 1)},
                             {QStringLiteral("intercept_slope_cov"), fit->randomCovariance(0, 1)},
                             {QStringLiteral("intercept_slope_corr"), corr},
                             {QStringLiteral("residual_var"), fit->residualVariance}}},
                {QStringLiteral("theta"), QJsonArray{fit->theta(0), fit->theta(1), fit->theta(2)}},
                {QStringLiteral("reml_criterion"), fit->remlCriterion},
                {QStringLiteral("evaluations"), fit->evaluations},
                {QStringLiteral("boundary"), fit->boundary}};
            array.append(o);
            if (!ctx.json()) {
                const QLocale locale;
                ctx.out() << tr("%1 (%2), %3: rating ~ t + (t | learner), REML").arg(competency.name, competency.frameworkCode,
                                                                                   when->describe())
                          << Qt::endl
                          << tr("  %1 observations of %2 learners").arg(locale.toString(fit->observations),
                                                                       locale.toString(fit->groups))
                          << Qt::endl
                          << tr("  fixed effects: intercept %1 (SE %2), slope %3 a year (SE %4)")
                                 .arg(locale.toString(fit->fixedEffects(0), 'f', 4),
                                      locale.toString(std::sqrt(fit->fixedCovariance(0, 0)), 'f', 4),
                                      locale.toString(fit->fixedEffects(1), 'f', 4),
                                      locale.toString(std::sqrt(fit->fixedCovariance(1, 1)), 'f', 4))
                          << Qt::endl
                          << tr("  random effects: intercept variance %1, slope variance %2, correlation %3; "
                                "residual variance %4")
                                 .arg(locale.toString(fit->randomCovariance(0, 0), 'f', 5),
                                      locale.toString(fit->randomCovariance(1, 1), 'f', 5), locale.toString(corr, 'f', 3),
                                      locale.toString(fit->residualVariance, 'f', 5))
                          << Qt::endl
                          << tr("  REML criterion %1 (%2 evaluations%3)")
                                 .arg(locale.toString(fit->remlCriterion, 'f', 4), locale.toString(fit->evaluations),
                                      fit->boundary ? tr("; on the boundary") : QString())
                          << Qt::endl;
            }
        }
        if (array.isEmpty())
            return ctx.fail(core::makeError(core::ErrorKind::NotFound, tr("There is no competency %1.").arg(code)));
        if (ctx.json())
            ctx.printJson(array.size() == 1 ? QJsonValue(array.first()) : QJsonValue(array));
        return Ok;
    }

    static int runObservationsExport(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const QString out = parser.value(QStringLiteral("out"));
        if (out.isEmpty())
            return ctx.usage(tr("use: observations export --out FILE"), QStringLiteral("observations export"));
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("observations export"));
        auto session = ctx.session(tr("export observations"));
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        auto scope = core::AccessPolicy::scope(db, session->user, core::DataKind::Observations);
        if (!scope)
            return ctx.fail(scope.error());
        auto data = AnalyticsDataset::load(db, *when);
        if (!data)
            return ctx.fail(data.error());
        const QString competency = parser.value(QStringLiteral("competency"));
        QSaveFile file(out);
        if (!file.open(QIODevice::WriteOnly))
            return ctx.fail(core::makeError(core::ErrorKind::Io,
                                            tr("Could not write %1: %2").arg(out, file.errorString())));
        file.write("learner_id,competency,observation_id,observed_on,years,rating\n");
        qint64 rows = 0;
        for (const RatedPoint &p : data->ratings()) {
            const LearnerRecord &l = data->learners()[static_cast<std::size_t>(p.learner)];
            const CompetencyRecord &c = data->competencies()[static_cast<std::size_t>(p.competency)];
            if (!scope->contains(l.id) || (!competency.isEmpty() && c.code != competency))
                continue;
            QByteArray line = QByteArray::number(l.id) + ',' + c.code.toUtf8() + ',' + QByteArray::number(p.observationId)
                + ',' + core::toIsoDate(l.start.addDays(p.day)).toLatin1() + ','
                + QByteArray::number(p.years(), 'g', 17) + ',' + QByteArray::number(p.rating, 'g', 17) + '\n';
            file.write(line);
            ++rows;
        }
        if (!file.commit())
            return ctx.fail(core::makeError(core::ErrorKind::Io,
                                            tr("Could not write %1: %2").arg(out, file.errorString())));
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("file"), out},
                                      {QStringLiteral("rows"), rows},
                                      {QStringLiteral("as_of"), when->spec()}});
        else
            ctx.out() << tr("Wrote %1 rated observations (what the growth models see, %2) to %3.")
                             .arg(QLocale().toString(rows), when->describe(), out)
                      << Qt::endl;
        return Ok;
    }

};

} // namespace

QList<Command> analyticsCommands()
{
    using A = AnalyticsCommands;
    const auto tr = [](const char *text) { return AnalyticsCommands::tr(text); };
    return {
        {QStringLiteral("recompute"), tr("Fit the growth models, forecast and evaluate the flag rules."), QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("learner"), tr("Refresh only this learner (may be repeated)."), tr("ID")});
         },
         A::runRecompute},
        {QStringLiteral("flags"), tr("List risk flags with their explanations."), QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("learner"), tr("Only this learner's flags."), tr("ID")});
             p.addOption({QStringLiteral("all"), tr("Include resolved and dismissed flags.")});
         },
         A::runFlags},
        {QStringLiteral("forecast"), tr("List each learner's estimated level, forecast and probability of reaching "
                                        "the target."),
         QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("learner"), tr("Only this learner."), tr("ID")});
             p.addOption({QStringLiteral("competency"), tr("Only this competency code."), tr("CODE")});
         },
         A::runForecast},
        {QStringLiteral("model"), tr("Fit and show one competency's growth model."), QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("competency"), tr("The competency code."), tr("CODE")});
         },
         A::runModel},
        {QStringLiteral("observations export"), tr("Write the rated observations the models see to a CSV file."),
         QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("out"), tr("The CSV file to write."), tr("FILE")});
             p.addOption({QStringLiteral("competency"), tr("Only this competency code."), tr("CODE")});
         },
         A::runObservationsExport},
    };
}

} // namespace pme::cli
