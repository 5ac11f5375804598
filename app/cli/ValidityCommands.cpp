// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// evaluate, rules show|set: how well the rules work, and changing them.
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

class ValidityCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::ValidityCommands)

public:
    static int runEvaluate(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const QString outcome = parser.value(QStringLiteral("outcome"));
        if (outcome.isEmpty()
            || (!parser.isSet(QStringLiteral("as-of")) && !parser.isSet(QStringLiteral("as-of-days"))))
            return ctx.usage(tr("use: evaluate --outcome KIND (--as-of DATE | --as-of-days N)"),
                             QStringLiteral("evaluate"));
        auto when = AsOfOption::read(parser);
        if (!when)
            return ctx.usage(when.error().message, QStringLiteral("evaluate"));
        auto session = ctx.session(tr("measure rule validity"), CliContext::Needs::DataManager);
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        Validity::Options options;
        if (parser.isSet(QStringLiteral("bootstrap")))
            options.bootstrap = parser.value(QStringLiteral("bootstrap")).toInt();
        options.store = !parser.isSet(QStringLiteral("no-store"));
        auto report = Validity::evaluate(db, outcome, *when, options);
        if (!report)
            return ctx.fail(report.error());
        if (options.store) {
            auto audit = session->store->audit();
            if (!audit)
                return ctx.fail(audit.error());
            const QJsonObject details{{QStringLiteral("outcome"), outcome}, {QStringLiteral("as_of"), when->spec()},
                                      {QStringLiteral("rule_set_version"), report->ruleSetVersion}};
            if (auto r = (*audit)->append(db, session->user, core::AuditAction::ValidityEvaluated, QStringLiteral("rule_set"),
                                          report->ruleSetId, std::nullopt,
                                          QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
                !r)
                return ctx.fail(r.error());
        }
        QJsonArray rules;
        const QLocale locale;
        const auto fmt = [&](const std::optional<double> &v, int decimals = 3) {
            return v ? locale.toString(*v, 'f', decimals) : QStringLiteral("–");
        };
        if (!ctx.json())
            ctx.out() << tr("Outcome %1, %2, rule set version %3:").arg(outcome, when->describe()).arg(report->ruleSetVersion)
                      << Qt::endl;
        for (const RuleValidity &v : report->rules) {
            rules.append(QJsonObject{{QStringLiteral("rule"), v.rule},
                                     {QStringLiteral("n"), v.n},
                                     {QStringLiteral("adverse"), v.adverse},
                                     {QStringLiteral("base_rate"), v.baseRate},
                                     {QStringLiteral("auc"), optionalJson(v.auc)},
                                     {QStringLiteral("auc_low"), optionalJson(v.aucLow)},
                                     {QStringLiteral("auc_high"), optionalJson(v.aucHigh)},
                                     {QStringLiteral("threshold"), v.threshold},
                                     {QStringLiteral("flagged"), v.flagged},
                                     {QStringLiteral("sensitivity"), optionalJson(v.sensitivity)},
                                     {QStringLiteral("specificity"), optionalJson(v.specificity)},
                                     {QStringLiteral("ppv"), optionalJson(v.ppv)},
                                     {QStringLiteral("npv"), optionalJson(v.npv)},
                                     {QStringLiteral("brier"), optionalJson(v.brier)},
                                     {QStringLiteral("calibration_error"), optionalJson(v.calibrationError)},
                                     {QStringLiteral("reliability"), v.reliability},
                                     {QStringLiteral("lead_time_days"), optionalJson(v.leadTimeDays)}});
            if (!ctx.json())
                ctx.out() << QStringLiteral("  %1 n=%2 base %3  AUC %4 [%5, %6]  flagged %7  sens %8 spec %9 PPV %10 "
                                            "NPV %11%12%13\n")
                                 .arg(v.rule, -24)
                                 .arg(locale.toString(v.n), fmt(v.baseRate), fmt(v.auc), fmt(v.aucLow), fmt(v.aucHigh),
                                      locale.toString(v.flagged), fmt(v.sensitivity), fmt(v.specificity), fmt(v.ppv))
                                 .arg(fmt(v.npv),
                                      v.brier ? tr("  Brier %1 ECE %2").arg(fmt(v.brier), fmt(v.calibrationError))
                                              : QString(),
                                      v.leadTimeDays ? tr("  lead %1 days").arg(fmt(v.leadTimeDays, 0)) : QString());
        }
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("outcome"), outcome},
                                      {QStringLiteral("as_of"), when->spec()},
                                      {QStringLiteral("rule_set_version"), report->ruleSetVersion},
                                      {QStringLiteral("per_competency"), report->perCompetency},
                                      {QStringLiteral("best_rule"), report->bestRule()},
                                      {QStringLiteral("stored"), options.store},
                                      {QStringLiteral("rules"), rules}});
        else
            ctx.out() << tr("Best rule by AUC: %1.").arg(report->bestRule()) << Qt::endl;
        return Ok;
    }

    static int runRulesShow(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        auto session = ctx.session(tr("read the rule set"));
        if (!session)
            return ctx.fail(session.error());
        core::Database &db = session->db();
        auto set = parser.isSet(QStringLiteral("version"))
            ? RuleSet::version(db, parser.value(QStringLiteral("version")).toInt())
            : RuleSet::active(db);
        if (!set)
            return ctx.fail(set.error());
        if (ctx.json()) {
            QJsonObject o = QJsonDocument::fromJson(set->toJson()).object();
            o.insert(QStringLiteral("version"), set->version());
            o.insert(QStringLiteral("reason"), set->reason());
            ctx.printJson(o);
        } else {
            ctx.out() << tr("Rule set version %1: %2").arg(set->version()).arg(set->reason()) << Qt::endl
                      << QString::fromUtf8(set->toJson()) << Qt::endl;
        }
        return Ok;
    }

    static int runRulesSet(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args)
    {
        const QString reason = parser.value(QStringLiteral("reason"));
        if (reason.trimmed().isEmpty())
            return ctx.usage(tr("a new rule-set version needs --reason TEXT."), QStringLiteral("rules set"));
        auto user = ctx.actingUser(tr("change the rule set"));
        if (!user)
            return ctx.fail(user.error());
        if (!user->hasRole(core::Role::ProgramDirector))
            return ctx.fail(core::makeError(core::ErrorKind::Denied,
                                            tr("%1 may not change the rule set: only a program director may.")
                                                .arg(user->username())));
        QFile file(args.first());
        if (!file.open(QIODevice::ReadOnly))
            return ctx.fail(core::makeError(core::ErrorKind::NotFound,
                                            tr("Could not read %1: %2").arg(args.first(), file.errorString())));
        auto governed = ctx.governed();
        if (!governed)
            return ctx.fail(governed.error());
        auto audit = (*governed)->audit();
        if (!audit)
            return ctx.fail(audit.error());
        core::Database &db = (*governed)->database();
        core::Transaction tx(db);
        if (!tx.isActive())
            return ctx.fail(tx.error());
        auto set = RuleSet::store(db, file.readAll(), reason, user->id());
        if (!set)
            return ctx.fail(set.error());
        const QJsonObject details{{QStringLiteral("version"), set->version()}, {QStringLiteral("reason"), reason}};
        if (auto r = (*audit)->append(db, *user, core::AuditAction::RuleSetChanged, QStringLiteral("rule_set"), set->id(),
                                      std::nullopt, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
            !r)
            return ctx.fail(r.error());
        if (auto r = tx.commit(); !r)
            return ctx.fail(r.error());
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("version"), set->version()}});
        else
            ctx.out() << tr("Stored rule set version %1. Run 'pmecoach-cli recompute' to apply it.").arg(set->version())
                      << Qt::endl;
        return Ok;
    }
};

} // namespace

QList<Command> validityCommands()
{
    using V = ValidityCommands;
    const auto tr = [](const char *text) { return ValidityCommands::tr(text); };
    return {
        {QStringLiteral("evaluate"), tr("Measure each rule against an outcome (AUC, PPV, calibration) and store it."),
         QString(), 0, 0,
         [tr](QCommandLineParser &p) {
             AsOfOption::add(p);
             p.addOption({QStringLiteral("outcome"), tr("The outcome kind, e.g. fail_or_withdrawn."), tr("KIND")});
             p.addOption({QStringLiteral("bootstrap"), tr("Bootstrap resamples for the AUC interval (1000)."), tr("N")});
             p.addOption({QStringLiteral("no-store"), tr("Print the figures without storing them.")});
         },
         V::runEvaluate},
        {QStringLiteral("rules show"), tr("Show the active rule set (or --version N)."), QString(), 0, 0,
         [tr](QCommandLineParser &p) { p.addOption({QStringLiteral("version"), tr("The version."), tr("N")}); },
         V::runRulesShow},
        {QStringLiteral("rules set"), tr("Store FILE as the next rule-set version."), tr("FILE"), 1, 1,
         [tr](QCommandLineParser &p) { p.addOption({QStringLiteral("reason"), tr("Why it changes."), tr("TEXT")}); },
         V::runRulesSet},
    };
}

} // namespace pme::cli
