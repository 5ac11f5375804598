// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Sync speed and memory against the sqlite3 shell, side by side in one run:
//   bench_sync [--rows N] [--dir DIR] [--keep] [--shared]
// 1. writes an observation CSV like a real export (quoted narratives with commas, doubled
//    quotes and line breaks; 5,000 learners, 16 competencies, 300 assessors);
// 2. times `sqlite3 DB ".import --csv FILE t"` into a plain table;
// 3. times a full PME Coach sync of the same file into a fresh store (parse, map, validate,
//    upsert with provenance, commit), in a child process whose peak memory is measured;
// 4. times a re-sync of the unchanged file;
// and prints the figures and the ratios the sync issue sets (≤ 0.8 and ≤ 0.5; < 200 MB).
// --shared keeps a second connection open on the store during each sync, as the app's own
// connection is while the import wizard syncs: the first sync then stays in WAL mode
// (Database::tryRollbackJournal), which is the slower path.
#include "Version.h"
#include "domain/Framework.h"
#include "store/Database.h"
#include "store/FrameworkRepository.h"
#include "store/Store.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <optional>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace pme::core;

namespace {

constexpr int kLearners = 5000;
constexpr int kCompetencies = 16;
constexpr int kAssessors = 300;

void writeRoster(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    QTextStream out(&file);
    out << "learner_id,family_name,given_name,program,start_date,expected_completion_date\n";
    for (int i = 0; i < kLearners; ++i)
        out << "L" << i << ",Family" << i << ",Given" << i << ",BENCH,2022-07-01,2025-06-30\n";
}

void writeObservations(const QString &path, qint64 rows)
{
    std::FILE *f = std::fopen(QFile::encodeName(path).constData(), "wb");
    std::mt19937_64 rng(20261127);
    std::fputs("observation_id,learner_id,date,framework,competency,rating,assessor,instrument,narrative\n", f);
    static const char *const phrases[] = {
        "Took a focused history, then examined the patient carefully",
        "Presented the case clearly; \"well organised\" according to the team",
        "Needs to broaden the differential, especially for chest pain",
        "Excellent rapport with the family, explained the plan in plain words",
        "Good handover.\nNext step: anticipate overnight issues",
    };
    for (qint64 i = 0; i < rows; ++i) {
        const int learner = static_cast<int>(rng() % kLearners);
        const int day = static_cast<int>(rng() % 1000);
        const int year = 2022 + day / 365;
        const int month = 1 + (day % 365) / 31;
        const int dom = 1 + (day % 28);
        const int competency = 1 + static_cast<int>(rng() % kCompetencies);
        const double rating = 1.0 + static_cast<double>(rng() % 9) / 2.0;
        std::string narrative = phrases[rng() % 5];
        narrative += ", with attention to detail and safety (form ";
        narrative += std::to_string(i % 977);
        narrative += ")";
        std::string quoted;
        for (char c : narrative) {
            quoted += c;
            if (c == '"')
                quoted += '"';
        }
        std::fprintf(f, "OBS-%lld,L%d,%04d-%02d-%02d,bench,C%d,%.1f,A%d,mini-CEX,\"%s\"\n", static_cast<long long>(i),
                     learner, year, month, dom, competency, rating, static_cast<int>(rng() % kAssessors), quoted.c_str());
    }
    std::fclose(f);
}

Framework benchFramework()
{
    Framework f;
    f.code = QStringLiteral("bench");
    f.name = QStringLiteral("Benchmark framework");
    f.scaleMin = 1;
    f.scaleMax = 5;
    f.scaleStep = 0.5;
    f.targetLevel = 4;
    for (int i = 1; i <= kCompetencies; ++i)
        f.competencies.append({0, 0, QStringLiteral("C%1").arg(i), QStringLiteral("Competency %1").arg(i), {}, {}, {}, {}, {}, 0});
    return f;
}

// The child: sync FILE into DB, print seconds and the counts.
int childSync(const QString &db, const QString &file, bool shared)
{
    auto store = Store::open(db);
    auto profiles = ProfileRegistry::load(QString());
    if (!store || !profiles)
        return 2;
    std::optional<Database> other;
    if (shared) {
        auto reader = Database::open(db);
        if (!reader || !reader->execute("SELECT count(*) FROM learners;"))
            return 2;
        other.emplace(std::move(reader).value());
    }
    SyncJob job(store->database(), *profiles);
    SyncRequest request;
    request.path = file;
    QElapsedTimer timer;
    timer.start();
    const SyncReport report = job.run(request);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("%.3f %lld %lld %lld %lld %s\n", seconds, static_cast<long long>(report.inserted),
                static_cast<long long>(report.updated), static_cast<long long>(report.unchanged),
                static_cast<long long>(report.rejected), qPrintable(report.status));
    return report.status == QLatin1String("ok") ? 0 : 1;
}

struct ChildResult {
    double wallSeconds = 0;
    double innerSeconds = 0;
    long peakKb = 0;
    QString output;
};

// Runs this program as a child (so its peak memory is its own) and measures it.
ChildResult runChild(const QStringList &arguments)
{
    ChildResult result;
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        QList<QByteArray> storage;
        std::vector<char *> argv;
        storage << QCoreApplication::applicationFilePath().toLocal8Bit();
        for (const QString &a : arguments)
            storage << a.toLocal8Bit();
        for (QByteArray &s : storage)
            argv.push_back(s.data());
        argv.push_back(nullptr);
        int pipeFd[2];
        Q_UNUSED(pipeFd);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    result.wallSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    result.peakKb = usage.ru_maxrss;
    return result;
}

double timeProcess(const QString &program, const QStringList &arguments)
{
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(-1);
    if (process.exitCode() != 0)
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), process.readAllStandardError().constData());
    return static_cast<double>(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args.at(1) == QLatin1String("--child-sync"))
        return childSync(args.at(2), args.at(3), args.contains(QLatin1String("--shared")));

    qint64 rows = 1000000;
    QString dirPath;
    // --keep leaves the files behind, for profiling a sync of them by hand.
    const bool keep = args.contains(QLatin1String("--keep"));
    const bool shared = args.contains(QLatin1String("--shared"));
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--rows"))
            rows = args.at(i + 1).toLongLong();
        if (args.at(i) == QLatin1String("--dir"))
            dirPath = args.at(i + 1);
    }
    QTemporaryDir temp(dirPath.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_sync-XXXXXX")
                                         : dirPath + QStringLiteral("/bench_sync-XXXXXX"));
    temp.setAutoRemove(!keep);
    const QDir dir(temp.path());
    const QString csv = dir.filePath(QStringLiteral("observations.csv"));
    const QString roster = dir.filePath(QStringLiteral("roster.csv"));
    writeObservations(csv, rows);
    writeRoster(roster);
    std::printf("PME Coach %s sync benchmark: %lld rows, %.1f MB\n", pme::core::kVersion,
                static_cast<long long>(rows), static_cast<double>(QFile(csv).size()) / 1e6);

    if (keep)
        std::printf("files kept in %s\n", qPrintable(dir.path()));

    // The store gets its framework and learners first; those are not part of the timed sync.
    const QString db = dir.filePath(QStringLiteral("store.sqlite"));
    {
        auto store = Store::open(db);
        auto profiles = ProfileRegistry::load(QString());
        if (!store || !profiles || !FrameworkRepository(store->database()).save(benchFramework())) {
            std::fprintf(stderr, "cannot prepare the benchmark store\n");
            return 1;
        }
        SyncJob job(store->database(), *profiles);
        SyncRequest request;
        request.path = roster;
        job.run(request);
    }

    const double shell = timeProcess(QStringLiteral("sqlite3"),
                                     {dir.filePath(QStringLiteral("shell.sqlite")), QStringLiteral(".import --csv %1 t").arg(csv)});
    QStringList childArgs{QStringLiteral("--child-sync"), db, csv};
    if (shared)
        childArgs << QStringLiteral("--shared");
    const ChildResult first = runChild(childArgs);
    const ChildResult again = runChild(childArgs);
    const double shell2 = timeProcess(QStringLiteral("sqlite3"),
                                      {dir.filePath(QStringLiteral("shell2.sqlite")), QStringLiteral(".import --csv %1 t").arg(csv)});
    const double shellBest = std::min(shell, shell2);

    if (shared)
        std::printf("(--shared: another connection was open during each sync, so it ran in WAL mode)\n");
    std::printf("sqlite3 .import (plain table):     %.2f s, %.2f s (best %.2f s)\n", shell, shell2, shellBest);
    std::printf("PME Coach first sync (process):    %.2f s  peak %.0f MB  ratio to .import %.2f (target <= 0.80)\n",
                first.wallSeconds, static_cast<double>(first.peakKb) / 1024.0, first.wallSeconds / shellBest);
    std::printf("PME Coach re-sync, nothing changed: %.2f s  peak %.0f MB  ratio to first sync %.2f (target <= 0.50)\n",
                again.wallSeconds, static_cast<double>(again.peakKb) / 1024.0, again.wallSeconds / first.wallSeconds);
    std::printf("peak memory target: < 200 MB: %s\n", std::max(first.peakKb, again.peakKb) < 200 * 1024 ? "met" : "NOT met");
    return 0;
}
