// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Sync speed and memory against the sqlite3 shell, side by side in one run:
//   bench_sync [--rows N] [--rounds N] [--dir DIR] [--keep] [--shared]
// 1. writes an observation CSV like a real export (quoted narratives with commas, doubled
//    quotes and line breaks; 5,000 learners, 16 competencies, 300 assessors);
// 2. times `sqlite3 DB ".import --csv FILE t"` into a plain table;
// 3. times a full PME Coach sync of the same file into a fresh store (parse, map, validate,
//    upsert with provenance, commit), in a child process whose peak memory is measured;
// 4. times a re-sync of the unchanged file;
// repeats 2-4 in rounds (3 by default), and prints the figures and the ratios the sync issue
// sets (≤ 0.8 and ≤ 0.5; < 200 MB), of the best and of the median runs.
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

#include <algorithm>
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
    int rounds = 3;
    QString dirPath;
    // --keep leaves the files behind, for profiling a sync of them by hand.
    const bool keep = args.contains(QLatin1String("--keep"));
    const bool shared = args.contains(QLatin1String("--shared"));
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--rows"))
            rows = args.at(i + 1).toLongLong();
        if (args.at(i) == QLatin1String("--dir"))
            dirPath = args.at(i + 1);
        if (args.at(i) == QLatin1String("--rounds"))
            rounds = std::max(1, args.at(i + 1).toInt());
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
    // Each round syncs into a copy of it.
    const QString prepared = dir.filePath(QStringLiteral("prepared.sqlite"));
    {
        auto store = Store::open(prepared);
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

    // Rounds of (.import, first sync, re-sync), interleaved so that a noisy neighbour on a
    // shared machine weighs on both sides alike; the best and the median of each are compared.
    std::vector<double> shell, first, again;
    long peakKb = 0;
    for (int round = 0; round < rounds; ++round) {
        const QString shellDb = dir.filePath(QStringLiteral("shell.sqlite"));
        QFile::remove(shellDb);
        shell.push_back(timeProcess(QStringLiteral("sqlite3"), {shellDb, QStringLiteral(".import --csv %1 t").arg(csv)}));
        const QString db = dir.filePath(QStringLiteral("store.sqlite"));
        QFile::remove(db);
        QFile::copy(prepared, db);
        QStringList childArgs{QStringLiteral("--child-sync"), db, csv};
        if (shared)
            childArgs << QStringLiteral("--shared");
        const ChildResult firstRun = runChild(childArgs);
        const ChildResult againRun = runChild(childArgs);
        first.push_back(firstRun.wallSeconds);
        again.push_back(againRun.wallSeconds);
        peakKb = std::max({peakKb, firstRun.peakKb, againRun.peakKb});
    }

    if (shared)
        std::printf("(--shared: another connection was open during each sync, so it ran in WAL mode)\n");
    const auto best = [](const std::vector<double> &v) { return *std::min_element(v.begin(), v.end()); };
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    };
    const auto list = [](const std::vector<double> &v) {
        QStringList parts;
        for (double x : v)
            parts << QString::number(x, 'f', 2);
        return parts.join(QStringLiteral(", "));
    };
    std::printf("%d rounds of (.import, first sync, re-sync), in seconds:\n", rounds);
    std::printf("sqlite3 .import (plain table):      %s (best %.2f, median %.2f)\n", qPrintable(list(shell)), best(shell),
                median(shell));
    std::printf("PME Coach first sync (process):     %s (best %.2f, median %.2f)\n", qPrintable(list(first)), best(first),
                median(first));
    std::printf("PME Coach re-sync, nothing changed: %s (best %.2f, median %.2f)\n", qPrintable(list(again)), best(again),
                median(again));
    std::printf("first sync / .import:   best %.2f, median %.2f (target <= 0.80)\n", best(first) / best(shell),
                median(first) / median(shell));
    std::printf("re-sync / first sync:   best %.2f, median %.2f (target <= 0.50)\n", best(again) / best(first),
                median(again) / median(first));
    std::printf("peak memory of a sync:  %.0f MB (target < 200 MB: %s)\n", static_cast<double>(peakKb) / 1024.0,
                peakKb < 200 * 1024 ? "met" : "NOT met");
    return 0;
}
