// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// demo: writes the synthetic demo cohort's export files; needs no database.
#include "CliContext.h"
#include "Command.h"
#include "ExitCode.h"
#include "demo/DemoCohortGenerator.h"
#include "demo/DemoStoreBuilder.h"
#include "governance/DemoAccounts.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace pme::cli {

namespace {

class DemoCommands final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::DemoCommands)

public:
    static void addOptions(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("out"), tr("Folder for the files (created if missing; required)."), tr("DIR")},
            {QStringLiteral("seed"), tr("Random seed; the same seed gives the same files (default 42)."), tr("N")},
            {QStringLiteral("learners"), tr("Residents across all cohorts (default 150)."), tr("N")},
            {QStringLiteral("years"), tr("Entering cohorts, one a year (default 6)."), tr("N")},
            {QStringLiteral("observations-per-year"),
             tr("Mean workplace observations per resident per year (default: 35 to 60)."), tr("N")},
            {QStringLiteral("reference-date"), tr("The demo's \"today\"; nothing is dated later (default 2026-06-30)."),
             tr("DATE")},
            {QStringLiteral("store"),
             tr("Also build a demo store at FILE by syncing the files into it, with the demo accounts."), tr("FILE")},
        });
    }

    static int run(CliContext &ctx, const QCommandLineParser &parser, const QStringList &)
    {
        const QString command = QStringLiteral("demo");
        if (!parser.isSet(QStringLiteral("out")) || parser.value(QStringLiteral("out")).isEmpty())
            return ctx.usage(tr("--out DIR is required."), command);
        core::DemoCohortConfig config;
        bool ok = true;
        const QLocale c = QLocale::c();
        if (parser.isSet(QStringLiteral("seed")))
            config.seed = c.toULongLong(parser.value(QStringLiteral("seed")), &ok);
        if (!ok)
            return ctx.usage(tr("--seed takes a whole number from 0 to 18446744073709551615."), command);
        const auto intOption = [&](const char *name, int *target) {
            const QString key = QLatin1String(name);
            if (ok && parser.isSet(key))
                *target = c.toInt(parser.value(key), &ok);
        };
        intOption("learners", &config.learners);
        intOption("years", &config.years);
        intOption("observations-per-year", &config.observationsPerYear);
        if (!ok)
            return ctx.usage(tr("--learners, --years and --observations-per-year take whole numbers."), command);
        if (parser.isSet(QStringLiteral("reference-date"))) {
            config.referenceDate = QDate::fromString(parser.value(QStringLiteral("reference-date")), Qt::ISODate);
            if (!config.referenceDate.isValid())
                return ctx.usage(tr("--reference-date takes a date such as 2026-06-30."), command);
        }
        if (auto valid = core::DemoCohortGenerator::validate(config); !valid)
            return ctx.usage(valid.error().message, command);

        const QString outDir = parser.value(QStringLiteral("out"));
        if (parser.isSet(QStringLiteral("store"))) {
            const QString store = parser.value(QStringLiteral("store"));
            auto built = core::DemoStoreBuilder::build(config, outDir, store);
            if (!built)
                return ctx.fail(built.error());
            report(ctx, config, QDir(outDir).absolutePath(), built->files);
            if (!ctx.json()) {
                for (const core::SyncReport &sync : built->syncs)
                    ctx.out() << tr("Synced %1: %2 inserted, %3 rejected.")
                                     .arg(sync.file)
                                     .arg(sync.inserted)
                                     .arg(sync.rejected)
                              << Qt::endl;
                ctx.out() << tr("Demo store ready: %1. Sign in as demo-director, demo-coach, demo-ccc, demo-learner or "
                                "demo-admin with the password %2.")
                                 .arg(QDir::toNativeSeparators(store), core::DemoAccounts::password())
                          << Qt::endl;
            }
            return Ok;
        }
        auto files = core::DemoCohortGenerator::write(config, outDir);
        if (!files)
            return ctx.fail(files.error());
        report(ctx, config, QDir(outDir).absolutePath(), *files);
        return Ok;
    }

private:
    struct Entry {
        QString path;
        qint64 rows;
        QString what;
    };

    static QList<Entry> entries(const core::DemoCohortFiles &f)
    {
        return {
            {f.roster, f.learners, tr("%n learner(s)", nullptr, static_cast<int>(f.learners))},
            {f.assessments, f.observations, tr("%n observation(s)", nullptr, static_cast<int>(f.observations))},
            {f.milestones, f.milestoneRatings, tr("%n CCC rating(s)", nullptr, static_cast<int>(f.milestoneRatings))},
            {f.exams, f.examScores, tr("%n exam score(s)", nullptr, static_cast<int>(f.examScores))},
            {f.outcomes, f.outcomeRows, tr("%n outcome(s)", nullptr, static_cast<int>(f.outcomeRows))},
            {f.truth, f.learners,
             tr("ground truth, for tests only (%n assessor(s))", nullptr, static_cast<int>(f.assessors))},
        };
    }

    static void report(CliContext &ctx, const core::DemoCohortConfig &config, const QString &dir,
                       const core::DemoCohortFiles &files)
    {
        const QString reference = config.referenceDate.toString(Qt::ISODate);
        if (ctx.json()) {
            QJsonArray list;
            for (const Entry &e : entries(files))
                list.append(QJsonObject{{QStringLiteral("name"), QFileInfo(e.path).fileName()},
                                        {QStringLiteral("path"), e.path},
                                        {QStringLiteral("rows"), e.rows},
                                        {QStringLiteral("bytes"), QFileInfo(e.path).size()}});
            // JSON numbers are doubles: a seed beyond 2^53 travels as text.
            const QJsonValue seed = config.seed <= (quint64{1} << 53) ? QJsonValue(static_cast<qint64>(config.seed))
                                                                      : QJsonValue(QString::number(config.seed));
            ctx.printJson(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("out"), dir},
                                      {QStringLiteral("seed"), seed},
                                      {QStringLiteral("learners"), files.learners},
                                      {QStringLiteral("years"), config.years},
                                      {QStringLiteral("reference_date"), reference},
                                      {QStringLiteral("generator_version"), core::DemoCohortGenerator::s_version},
                                      {QStringLiteral("assessors"), files.assessors},
                                      {QStringLiteral("files"), list}});
            return;
        }
        const QLocale locale;
        ctx.out() << tr("Wrote the demo cohort to %1 (seed %2, %3 cohort(s), reference date %4):")
                         .arg(QDir::toNativeSeparators(dir), QString::number(config.seed))
                         .arg(config.years)
                         .arg(locale.toString(config.referenceDate, QLocale::ShortFormat))
                  << Qt::endl;
        for (const Entry &e : entries(files)) {
            ctx.out() << QStringLiteral("  %1 %2 %3")
                             .arg(QFileInfo(e.path).fileName(), -16)
                             .arg(locale.formattedDataSize(QFileInfo(e.path).size()), 10)
                             .arg(e.what)
                      << Qt::endl;
        }
        ctx.out() << tr("Sync the CSV files into a store to build the demo database; truth.json is the "
                        "ground truth for tests, not an export file.")
                  << Qt::endl;
    }
};

} // namespace

QList<Command> demoCommands()
{
    return {
        {QStringLiteral("demo"),
         DemoCommands::tr("Write the synthetic demo cohort's export files (no database needed)."), QString(), 0, 0,
         DemoCommands::addOptions, DemoCommands::run},
    };
}

} // namespace pme::cli
