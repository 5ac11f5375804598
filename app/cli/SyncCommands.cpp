// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// sync, identities list|link, profiles list.
#include "CliContext.h"
#include "analytics/AnalyticsEngine.h"
#include "Command.h"
#include "ExitCode.h"
#include "governance/GovernedStore.h"
#include "governance/Role.h"
#include "store/LearnerRepository.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"
#include "sync/SyncPlan.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>


namespace pme::cli {

namespace {

class SyncCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::SyncCommands)

public:
    static QJsonObject reportJson(const core::SyncReport &report)
    {
        QJsonArray rejects;
        for (const core::SyncReject &reject : report.rejects)
            rejects.append(QJsonObject{{QStringLiteral("row"), reject.row},
                                       {QStringLiteral("column"), reject.column},
                                       {QStringLiteral("reason"), reject.reason}});
        return QJsonObject{
            {QStringLiteral("file"), report.file},
            {QStringLiteral("profile"), report.profile},
            {QStringLiteral("status"), report.status},
            {QStringLiteral("message"), report.message},
            {QStringLiteral("dry_run"), report.dryRun},
            {QStringLiteral("batch_id"), report.batchId},
            {QStringLiteral("sha256"), report.sha256},
            {QStringLiteral("rows_read"), report.rowsRead},
            {QStringLiteral("inserted"), report.inserted},
            {QStringLiteral("updated"), report.updated},
            {QStringLiteral("unchanged"), report.unchanged},
            {QStringLiteral("rejected"), report.rejected},
            {QStringLiteral("rejects"), rejects},
            {QStringLiteral("unlinked_identities"), QJsonArray::fromStringList(report.unlinkedIdentities)}};
    }

    static void printReport(CliContext &ctx, const core::SyncReport &report)
    {
        const QLocale locale;
        if (report.status == QLatin1String("refused") || report.status == QLatin1String("cancelled")) {
            ctx.err() << tr("%1: %2 — %3").arg(report.file, report.status, report.message) << Qt::endl;
            return;
        }
        ctx.out() << tr("%1 (%2)%3: %4 rows read, %5 inserted, %6 updated, %7 unchanged, %8 rejected.")
                         .arg(report.file, report.profile, report.dryRun ? tr(" [dry run]") : QString(),
                              locale.toString(report.rowsRead), locale.toString(report.inserted),
                              locale.toString(report.updated), locale.toString(report.unchanged),
                              locale.toString(report.rejected))
                  << Qt::endl;
        for (const core::SyncReject &reject : report.rejects)
            ctx.out() << tr("  row %1%2: %3")
                             .arg(reject.row)
                             .arg(reject.column.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(reject.column),
                                  reject.reason)
                      << Qt::endl;
        if (report.rejectsTotal > report.rejects.size())
            ctx.out() << tr("  … and %1 more rejected rows (all are kept with batch %2).")
                             .arg(report.rejectsTotal - report.rejects.size())
                             .arg(report.batchId)
                      << Qt::endl;
        if (!report.unlinkedIdentities.isEmpty())
            ctx.out() << tr("  %1 learner ids of this source are not linked to a learner yet: see "
                            "'pmecoach-cli identities list'.")
                             .arg(report.unlinkedIdentities.size())
                      << Qt::endl;
    }

    static int runSync(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args)
    {
        auto user = ctx.dataManager(tr("sync files"));
        if (!user)
            return ctx.fail(user.error());
        auto governed = ctx.governed();
        if (!governed)
            return ctx.fail(governed.error());
        auto profiles = core::ProfileRegistry::load();
        if (!profiles)
            return ctx.fail(profiles.error());
        for (const QString &file : parser.values(QStringLiteral("profile-file"))) {
            if (auto added = profiles->addFile(file); !added)
                return ctx.fail(added.error());
        }
        const QString profile = parser.value(QStringLiteral("profile"));
        if (!profile.isEmpty() && !profiles->find(profile))
            return ctx.usage(tr("there is no profile named '%1' (see 'pmecoach-cli profiles list').").arg(profile),
                             QStringLiteral("sync"));
        auto audit = (*governed)->audit();
        if (!audit)
            return ctx.fail(audit.error());
        core::SyncJob job((*governed)->database(), *profiles);
        // Rosters first (they create the learners the other files refer to), outcomes last.
        QList<core::SyncPlanFile> planned;
        for (const QString &file : args)
            planned.append({file, profile});
        planned = core::SyncPlan((*governed)->database(), *profiles).ordered(planned);
        QStringList files;
        for (const core::SyncPlanFile &file : std::as_const(planned))
            files << file.path;

        QJsonArray reports;
        std::vector<qint64> batches;
        int exitCode = Ok;
        for (const QString &file : files) {
            core::SyncRequest request;
            request.path = file;
            request.profileName = profile;
            request.dryRun = parser.isSet(QStringLiteral("dry-run"));
            request.user = &*user;
            request.audit = *audit;
            const core::SyncReport report = job.run(request);
            if (!request.dryRun && report.batchId > 0 && report.status != QLatin1String("refused")
                && report.inserted + report.updated > 0)
                batches.push_back(report.batchId);
            if (report.status == QLatin1String("refused") && exitCode == Ok)
                exitCode = report.errorKind == core::ErrorKind::NotFound ? NotFound : BadInput;
            if (ctx.json())
                reports.append(reportJson(report));
            else
                printReport(ctx, report);
        }
        // The analytics follow the data: the learners whose evidence changed are refreshed
        // (everyone, when the cohort itself changed).
        if (!batches.empty() && !parser.isSet(QStringLiteral("no-recompute"))) {
            auto refreshed = core::analytics::AnalyticsEngine::refreshAfterSync((*governed)->database(), batches,
                                                                              *audit, &*user);
            if (!refreshed)
                return ctx.fail(refreshed.error());
            if (!ctx.json())
                ctx.out() << tr("Analytics refreshed for %n learner(s); %1 open flags.", nullptr,
                                static_cast<int>(refreshed->scope.size()))
                                 .arg(refreshed->merge.open)
                          << Qt::endl;
        }
        if (ctx.json())
            ctx.printJson(reports);
        return exitCode;
    }

    static int runIdentitiesList(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto user = ctx.dataManager(tr("list unlinked identities"));
        if (!user)
            return ctx.fail(user.error());
        auto governed = ctx.governed();
        if (!governed)
            return ctx.fail(governed.error());
        auto list = core::LearnerRepository((*governed)->database()).unlinkedIdentities();
        if (!list)
            return ctx.fail(list.error());
        if (ctx.json()) {
            QJsonArray array;
            for (const auto &identity : *list)
                array.append(QJsonObject{{QStringLiteral("source"), identity.sourceCode},
                                         {QStringLiteral("external_id"), identity.externalId},
                                         {QStringLiteral("first_seen_at"), identity.firstSeenAt},
                                         {QStringLiteral("last_seen_at"), identity.lastSeenAt}});
            ctx.printJson(array);
            return Ok;
        }
        if (list->isEmpty())
            ctx.out() << tr("Every learner id seen in a sync is linked to a learner.") << Qt::endl;
        for (const auto &identity : *list)
            ctx.out() << QStringLiteral("%1  %2  (%3)")
                             .arg(identity.sourceCode, -16)
                             .arg(identity.externalId, -28)
                             .arg(identity.lastSeenAt)
                      << Qt::endl;
        return Ok;
    }

    static int runIdentitiesLink(CliContext &ctx, const QCommandLineParser &parser, const QStringList &args)
    {
        bool ok = false;
        const qint64 learnerId = args.at(1).toLongLong(&ok);
        if (!ok || !parser.isSet(QStringLiteral("source")))
            return ctx.usage(tr("use: identities link --source CODE EXTERNAL_ID LEARNER_ID"),
                             QStringLiteral("identities link"));
        auto user = ctx.dataManager(tr("link identities"));
        if (!user)
            return ctx.fail(user.error());
        auto governed = ctx.governed();
        if (!governed)
            return ctx.fail(governed.error());
        core::Database &db = (*governed)->database();
        if (auto r = core::LearnerRepository(db).linkIdentity(parser.value(QStringLiteral("source")), args.at(0),
                                                              learnerId, user->id());
            !r)
            return ctx.fail(r.error());
        ctx.out() << tr("Linked %1 of %2 to learner %3; sync that source's files again to pick up their rows.")
                         .arg(args.at(0), parser.value(QStringLiteral("source")))
                         .arg(learnerId)
                  << Qt::endl;
        return Ok;
    }

    static int runProfilesList(CliContext &ctx, const QCommandLineParser &, const QStringList &)
    {
        auto profiles = core::ProfileRegistry::load();
        if (!profiles)
            return ctx.fail(profiles.error());
        QJsonArray array;
        for (const core::MappingProfile &p : profiles->profiles()) {
            if (ctx.json())
                array.append(QJsonObject{{QStringLiteral("name"), p.name},
                                         {QStringLiteral("title"), p.title},
                                         {QStringLiteral("target"), core::MappingProfile::targetToString(p.target)},
                                         {QStringLiteral("source"), p.sourceCode}});
            else
                ctx.out() << QStringLiteral("%1  %2 (%3)")
                                 .arg(p.name, -26)
                                 .arg(p.title, core::MappingProfile::targetToString(p.target))
                          << Qt::endl;
        }
        if (ctx.json())
            ctx.printJson(array);
        return Ok;
    }

    static void addSyncOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("profile"), tr("Map every file with this profile instead of detecting one."), tr("NAME")},
            {QStringLiteral("profile-file"), tr("Use the mapping profile in FILE (may be repeated)."), tr("FILE")},
            {QStringLiteral("dry-run"), tr("Validate and count, but write nothing.")},
            {QStringLiteral("no-recompute"), tr("Do not refresh the analytics after the sync.")},
        });
    }

    static void addLinkOptions(QCommandLineParser &parser)
    {
        parser.addOption({QStringLiteral("source"), tr("The source system whose id it is."), tr("CODE")});
    }
};

} // namespace

QList<Command> syncCommands()
{
    using S = SyncCommands;
    const auto tr = [](const char *text) { return SyncCommands::tr(text); };
    return {
        {QStringLiteral("sync"), tr("Sync export files into the database (rosters first)."), tr("FILE..."), 1, -1,
         S::addSyncOptions, S::runSync},
        {QStringLiteral("identities list"), tr("List learner ids of sources that are not linked to a learner."),
         QString(), 0, 0, nullptr, S::runIdentitiesList},
        {QStringLiteral("identities link"), tr("Link a source's learner id to a learner."),
         tr("EXTERNAL_ID LEARNER_ID"), 2, 2, S::addLinkOptions, S::runIdentitiesLink},
        {QStringLiteral("profiles list"), tr("List the mapping profiles."), QString(), 0, 0, nullptr,
         S::runProfilesList},
    };
}

} // namespace pme::cli
