// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// init, frameworks import|list, learners list.
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/AccountService.h"
#include "governance/AuditEntry.h"
#include "governance/AuditLog.h"
#include "governance/LearnerDirectory.h"
#include "store/FrameworkRepository.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"
#include "store/SchemaMigrator.h"
#include "store/StoreSummary.h"
#include "store/Transaction.h"
#include "sync/FrameworkLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace pme::cli {

namespace {

class StoreCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::StoreCommands)

public:
    // Saves the frameworks in one transaction: a file imports whole or not at all. With an
    // acting user the import is audited in the same transaction.
    static core::Result<QList<qint64>> saveFrameworks(CliContext &ctx, const QList<core::Framework> &frameworks,
                                                      const core::ActingUser &actor = {}, const QString &file = {})
    {
        auto store = ctx.store();
        if (!store)
            return store.error();
        core::Database &db = (*store)->database();
        core::Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        core::FrameworkRepository repository(db);
        QList<qint64> ids;
        QJsonArray codes;
        for (const core::Framework &framework : frameworks) {
            auto id = repository.save(framework);
            if (!id)
                return id.error();
            ids.append(*id);
            codes.append(framework.code);
        }
        if (actor.isValid()) {
            auto log = ctx.auditLog();
            if (!log)
                return log.error();
            const QJsonObject details{{QStringLiteral("file"), QFileInfo(file).fileName()},
                                      {QStringLiteral("codes"), codes}};
            auto entry = (*log)->append(db, actor, core::AuditAction::FrameworksImported, QStringLiteral("framework"),
                                        std::nullopt, std::nullopt,
                                        QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
            if (!entry)
                return entry.error();
        }
        if (auto r = tx.commit(); !r)
            return r.error();
        return ids;
    }

    // Before the first account, anyone may import (the store is being set up); after it, only
    // the roles that manage what the program assesses against.
    static core::Result<core::ActingUser> frameworkImporter(CliContext &ctx)
    {
        auto service = ctx.accounts();
        if (!service)
            return service.error();
        auto firstRun = (*service)->needsFirstAdministrator();
        if (!firstRun)
            return firstRun.error();
        if (*firstRun)
            return core::ActingUser();
        auto actor = ctx.actingUser(tr("import frameworks into a database with accounts"));
        if (!actor)
            return actor.error();
        if (!core::AccessPolicy::mayImportFrameworks(*actor))
            return core::makeError(core::ErrorKind::Denied,
                                   tr("Only program directors and administrators can import frameworks."));
        return actor;
    }

    static int runInit(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto store = ctx.store(true);
        if (!store)
            return ctx.fail(store.error());
        core::Database &db = (*store)->database();
        auto existing = core::FrameworkRepository(db).list();
        if (!existing)
            return ctx.fail(existing.error());
        int added = 0;
        if (existing->isEmpty()) {
            auto builtIns = core::FrameworkLoader::builtIns();
            if (!builtIns)
                return ctx.fail(builtIns.error());
            auto saved = saveFrameworks(ctx, *builtIns);
            if (!saved)
                return ctx.fail(saved.error());
            added = static_cast<int>(saved->size());
        }
        auto summary = core::StoreSummary::read(db);
        if (!summary)
            return ctx.fail(summary.error());
        if (ctx.json()) {
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("database"), (*store)->path()},
                                      {QStringLiteral("schema_version"), summary->schemaVersion},
                                      {QStringLiteral("frameworks_added"), added},
                                      {QStringLiteral("backup"), (*store)->backupPath()}});
        } else {
            ctx.out() << tr("PME Coach store ready: %1 (schema %2).")
                             .arg(QDir::toNativeSeparators((*store)->path()))
                             .arg(summary->schemaVersion)
                      << Qt::endl;
            if (added > 0)
                ctx.out() << tr("Added the %n built-in framework(s).", nullptr, added) << Qt::endl;
        }
        return Ok;
    }

    static std::optional<double> doubleOption(const QCommandLineParser &parser, const QString &name, bool *ok)
    {
        if (!parser.isSet(name))
            return std::nullopt;
        bool parsed = false;
        const double value = QLocale::c().toDouble(parser.value(name), &parsed);
        if (!parsed)
            *ok = false;
        return value;
    }

    static int runFrameworksImport(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args)
    {
        core::FrameworkFileOptions options;
        options.code = parser.value(QStringLiteral("code"));
        options.name = parser.value(QStringLiteral("name"));
        if (parser.isSet(QStringLiteral("kind"))) {
            options.kind = core::Framework::kindFromString(parser.value(QStringLiteral("kind")));
            if (!options.kind)
                return ctx.usage(tr("--kind must be milestones, epa or competencies."),
                                 QStringLiteral("frameworks import"));
        }
        bool ok = true;
        options.scaleMin = doubleOption(parser, QStringLiteral("scale-min"), &ok);
        options.scaleMax = doubleOption(parser, QStringLiteral("scale-max"), &ok);
        options.scaleStep = doubleOption(parser, QStringLiteral("scale-step"), &ok);
        options.targetLevel = doubleOption(parser, QStringLiteral("target"), &ok);
        if (!ok)
            return ctx.usage(tr("--scale-min, --scale-max, --scale-step and --target take numbers such as 1 or 0.5."),
                             QStringLiteral("frameworks import"));

        auto frameworks = core::FrameworkLoader::loadFile(args.first(), options);
        if (!frameworks)
            return ctx.fail(frameworks.error());
        auto importer = frameworkImporter(ctx);
        if (!importer)
            return ctx.fail(importer.error());
        auto saved = saveFrameworks(ctx, *frameworks, *importer, args.first());
        if (!saved)
            return ctx.fail(saved.error());

        int competencies = 0;
        QJsonArray imported;
        for (const core::Framework &f : *frameworks) {
            competencies += static_cast<int>(f.competencies.size());
            imported.append(QJsonObject{{QStringLiteral("code"), f.code},
                                        {QStringLiteral("name"), f.name},
                                        {QStringLiteral("competencies"), static_cast<int>(f.competencies.size())}});
        }
        if (ctx.json()) {
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("file"), args.first()},
                                      {QStringLiteral("frameworks"), imported},
                                      {QStringLiteral("competencies"), competencies}});
        } else {
            ctx.out() << tr("Imported %1 framework(s) with %2 competencies from %3.")
                             .arg(frameworks->size())
                             .arg(competencies)
                             .arg(QFileInfo(args.first()).fileName())
                      << Qt::endl;
        }
        return Ok;
    }

    static QJsonObject frameworkJson(const core::FrameworkSummary &summary)
    {
        const core::Framework &f = summary.framework;
        QJsonObject object{{QStringLiteral("code"), f.code},
                           {QStringLiteral("name"), f.name},
                           {QStringLiteral("kind"), core::Framework::kindToString(f.kind)},
                           {QStringLiteral("version"), f.version},
                           {QStringLiteral("scale_min"), f.scaleMin},
                           {QStringLiteral("scale_max"), f.scaleMax},
                           {QStringLiteral("scale_step"), f.scaleStep},
                           {QStringLiteral("competencies"), summary.competencyCount}};
        if (f.targetLevel)
            object.insert(QStringLiteral("target_level"), *f.targetLevel);
        return object;
    }

    static int runFrameworksList(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto store = ctx.store();
        if (!store)
            return ctx.fail(store.error());
        auto list = core::FrameworkRepository((*store)->database()).list();
        if (!list)
            return ctx.fail(list.error());
        if (ctx.json()) {
            QJsonArray array;
            for (const auto &summary : *list)
                array.append(frameworkJson(summary));
            ctx.printJson(array);
            return Ok;
        }
        if (list->isEmpty()) {
            ctx.out() << tr("No frameworks yet. Run 'pmecoach-cli init' for the built-in ones, or "
                            "'pmecoach-cli frameworks import FILE'.")
                      << Qt::endl;
            return Ok;
        }
        for (const auto &summary : *list) {
            ctx.out() << QStringLiteral("%1  %2  (%3, %4)")
                             .arg(summary.framework.code, -24)
                             .arg(summary.framework.name)
                             .arg(core::Framework::kindToString(summary.framework.kind))
                             .arg(tr("%n competencies", nullptr, summary.competencyCount))
                      << Qt::endl;
        }
        return Ok;
    }

    static int runLearnersList(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        auto store = ctx.store();
        if (!store)
            return ctx.fail(store.error());
        core::Database &db = (*store)->database();
        core::LearnerQuery query;
        if (parser.isSet(QStringLiteral("program"))) {
            auto program = core::ProgramRepository(db).findByCode(parser.value(QStringLiteral("program")));
            if (!program)
                return ctx.fail(program.error());
            query.programId = program->id;
        }
        if (parser.isSet(QStringLiteral("status"))) {
            query.status = core::Learner::statusFromString(parser.value(QStringLiteral("status")));
            if (!query.status)
                return ctx.usage(tr("--status must be active, completed, withdrawn, leave or dismissed."),
                                 QStringLiteral("learners list"));
        }
        query.nameContains = parser.value(QStringLiteral("search"));
        auto viewer = ctx.actingUser(tr("list learners"));
        if (!viewer)
            return ctx.fail(viewer.error());
        // Core narrows the list to the learners this person may see; the CLI only says who asks.
        auto rows = core::LearnerDirectory::list(db, *viewer, query);
        if (!rows)
            return ctx.fail(rows.error());
        if (ctx.json()) {
            QJsonArray array;
            for (const auto &row : *rows) {
                const core::Learner &l = row.learner;
                array.append(QJsonObject{
                    {QStringLiteral("id"), l.id},
                    {QStringLiteral("name"), l.displayName},
                    {QStringLiteral("program"), row.programCode},
                    {QStringLiteral("start_date"), core::toIsoDate(l.startDate)},
                    {QStringLiteral("expected_completion_date"),
                     l.expectedCompletionDate.isValid() ? core::toIsoDate(l.expectedCompletionDate) : QString()},
                    {QStringLiteral("status"), core::Learner::statusToString(l.status)}});
            }
            ctx.printJson(array);
            return Ok;
        }
        if (rows->isEmpty()) {
            ctx.out() << tr("No learners match. Learners come from a roster sync.") << Qt::endl;
            return Ok;
        }
        const QLocale locale;
        for (const auto &row : *rows) {
            ctx.out() << QStringLiteral("%1  %2  %3  %4  %5")
                             .arg(row.learner.id, 6)
                             .arg(row.learner.displayName, -28)
                             .arg(row.programCode, -10)
                             .arg(locale.toString(row.learner.startDate, QLocale::ShortFormat))
                             .arg(core::Learner::statusToString(row.learner.status))
                      << Qt::endl;
        }
        return Ok;
    }

    static void addFrameworkImportOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("code"), tr("Framework code for a CSV file (default: the file name)."), tr("CODE")},
            {QStringLiteral("name"), tr("Framework name for a CSV file."), tr("NAME")},
            {QStringLiteral("kind"), tr("milestones, epa or competencies (CSV files)."), tr("KIND")},
            {QStringLiteral("scale-min"), tr("Lowest rating of the scale (CSV files; default 1)."), tr("N")},
            {QStringLiteral("scale-max"), tr("Highest rating of the scale (CSV files; default 5)."), tr("N")},
            {QStringLiteral("scale-step"), tr("Step between ratings (CSV files; default 1)."), tr("N")},
            {QStringLiteral("target"), tr("Level expected at completion (CSV files)."), tr("N")},
        });
    }

    static void addLearnerListOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("program"), tr("Only learners of this program code."), tr("CODE")},
            {QStringLiteral("status"), tr("Only learners with this status."), tr("STATUS")},
            {QStringLiteral("search"), tr("Only learners whose name contains TEXT."), tr("TEXT")},
        });
    }
};

} // namespace

QList<Command> storeCommands()
{
    using S = StoreCommands;
    return {
        {QStringLiteral("init"),
         StoreCommands::tr("Create the database (or upgrade it) and add the built-in frameworks."), QString(), 0, 0,
         nullptr, S::runInit},
        {QStringLiteral("frameworks import"),
         StoreCommands::tr("Import competency frameworks from a JSON or CSV file."), StoreCommands::tr("FILE"), 1, 1,
         S::addFrameworkImportOptions, S::runFrameworksImport},
        {QStringLiteral("frameworks list"), StoreCommands::tr("List the frameworks in the database."), QString(), 0, 0,
         nullptr, S::runFrameworksList},
        {QStringLiteral("learners list"), StoreCommands::tr("List learners."), QString(), 0, 0,
         S::addLearnerListOptions, S::runLearnersList},
    };
}

} // namespace pme::cli
