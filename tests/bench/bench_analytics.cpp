// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Growth-model speed and agreement against lme4, side by side in one run:
//   bench_analytics [--learners N] [--observations N] [--competencies N] [--seed N] [--no-r] [--keep DIR]
//   bench_analytics --recompute STORE   (only the store phases, on a store kept by --keep)
// 1. generates a cohort: per learner and competency a random intercept and slope (correlated),
//    residual noise, uneven numbers of ratings per learner, t between 0 and 3 years;
// 2. phase "growth": builds the per-learner sufficient statistics from the raw rows and fits
//    rating ~ t + (t | learner) by REML for every competency (core/analytics/GrowthModel);
// 3. loads the same rows into a store and times the product's full recompute of it, each time
//    on a fresh copy without results (the last time on the store itself): twice before lme4
//    runs and three times after (the median of the five is the figure);
// 4. phase "lme4": Rscript tests/validation/lme4_fit.R fits the same models from a CSV written
//    beforehand; R times its own lmer() calls, and the wall time of the process is shown too;
// 5. times the full recompute once more with the flags merged, then 25 single learners'
//    refreshes;
// and prints the figures, the ratios (the target is ours ≥ 20× faster) and the largest
// differences between the two fits. Prints; never asserts a time.
#include "analytics/AnalyticsEngine.h"
#include "analytics/GrowthModel.h"
#include "store/BackgroundCheckpoint.h"
#include "store/Statement.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <QDate>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace pme::core;
using namespace pme::core::analytics;

namespace {

struct Options {
    int learners = 5000;
    qint64 observations = 1000000;
    int competencies = 16;
    quint64 seed = 20260101;
    bool runR = true;
    QString keepDir;
    QString recomputeStore;
};

/// The raw rows, as a store query would hand them over (structure of arrays).
struct Cohort {
    int learners = 0;
    int competencies = 0;
    std::vector<int> competency;
    std::vector<int> learner;
    std::vector<double> t;
    std::vector<double> rating;
};

Cohort generate(const Options &o)
{
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> z;
    std::uniform_real_distribution<double> years(0, 3);
    // How active a learner is, and how often each competency is rated for them: uneven, as
    // real workplace-based assessment is (some residents are observed 5× as often as others).
    std::lognormal_distribution<double> activity(0, 0.6);
    std::vector<double> weights(std::size_t(o.learners) * std::size_t(o.competencies));
    for (double &w : weights)
        w = activity(rng);
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());

    // True curves: intercept 1.5–2.5, slope ≈ 0.8/year, SDs 0.5 and 0.2 with correlation 0.3.
    std::vector<double> b0(weights.size()), b1(weights.size());
    std::vector<double> beta0(std::size_t(o.competencies)), beta1(std::size_t(o.competencies));
    for (int c = 0; c < o.competencies; ++c) {
        beta0[std::size_t(c)] = 1.5 + 1.0 * c / std::max(1, o.competencies - 1);
        beta1[std::size_t(c)] = 0.6 + 0.4 * (c % 5) / 4.0;
    }
    for (std::size_t k = 0; k < b0.size(); ++k) {
        const double z1 = z(rng), z2 = z(rng);
        b0[k] = 0.5 * z1;
        b1[k] = 0.2 * (0.3 * z1 + std::sqrt(1 - 0.09) * z2);
    }

    Cohort cohort;
    cohort.learners = o.learners;
    cohort.competencies = o.competencies;
    const std::size_t n = std::size_t(o.observations);
    cohort.competency.resize(n);
    cohort.learner.resize(n);
    cohort.t.resize(n);
    cohort.rating.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t k = pick(rng);
        const int learner = int(k / std::size_t(o.competencies)), c = int(k % std::size_t(o.competencies));
        const double t = years(rng);
        cohort.competency[i] = c;
        cohort.learner[i] = learner;
        cohort.t[i] = t;
        cohort.rating[i] = beta0[std::size_t(c)] + b0[k] + (beta1[std::size_t(c)] + b1[k]) * t + 0.5 * z(rng);
    }
    return cohort;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

/// One timed way of getting the 16 fits. Further phases (the store-based full recompute) are
/// added to the list in main().
struct Phase {
    QString name;
    double seconds = 0;
    bool ran = false;
    QString note;
};

/// Phase "growth": raw rows → sufficient statistics per (competency, learner) → fits.
std::vector<GrowthFit> fitOurs(const Cohort &cohort, Phase &phase, double &groupSeconds)
{
    QElapsedTimer timer;
    timer.start();
    std::vector<std::vector<GrowthGroup>> groups(std::size_t(cohort.competencies),
                                                 std::vector<GrowthGroup>(std::size_t(cohort.learners)));
    for (auto &perCompetency : groups)
        for (std::size_t l = 0; l < perCompetency.size(); ++l)
            perCompetency[l].learnerId = qint64(l);
    for (std::size_t i = 0; i < cohort.t.size(); ++i)
        groups[std::size_t(cohort.competency[i])][std::size_t(cohort.learner[i])].add(cohort.t[i], cohort.rating[i]);
    groupSeconds = seconds(timer);

    std::vector<GrowthFit> fits;
    for (const auto &perCompetency : groups) {
        auto fit = fitGrowthModel(perCompetency);
        if (!fit) {
            std::printf("fit failed: %s\n", qPrintable(fit.error().message));
            fits.emplace_back();
            continue;
        }
        fits.push_back(std::move(*fit));
    }
    phase.seconds = seconds(timer);
    phase.ran = true;
    return fits;
}

void writeCsv(const Cohort &cohort, const QString &path)
{
    std::FILE *f = std::fopen(QFile::encodeName(path).constData(), "wb");
    std::fputs("competency,learner,t,rating\n", f);
    for (std::size_t i = 0; i < cohort.t.size(); ++i)
        std::fprintf(f, "C%d,%d,%.17g,%.17g\n", cohort.competency[i], cohort.learner[i], cohort.t[i], cohort.rating[i]);
    std::fclose(f);
}

/// lme4's figures per competency index: quantity → value, and BLUPs per learner.
struct Lme4Fit {
    QHash<QString, double> scalars;
    QHash<qint64, Eigen::Vector2d> blups;
};

std::vector<Lme4Fit> runLme4(const QString &csv, const QString &out, int competencies, Phase &phase,
                             double &rOwnSeconds)
{
    const QString rscript = QStandardPaths::findExecutable(QStringLiteral("Rscript"));
    if (rscript.isEmpty()) {
        phase.note = QStringLiteral("Rscript not found");
        return {};
    }
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(rscript, {QStringLiteral(PME_LME4_SCRIPT), csv, out});
    process.waitForFinished(-1);
    phase.seconds = seconds(timer);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        phase.note = QString::fromLocal8Bit(process.readAllStandardError()).right(400);
        return {};
    }
    phase.ran = true;
    std::vector<Lme4Fit> fits(static_cast<std::size_t>(competencies));
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    file.readLine();
    while (!file.atEnd()) {
        const QList<QByteArray> f = file.readLine().trimmed().split(',');
        if (f.size() != 4)
            continue;
        if (f[1] == "elapsed") {
            rOwnSeconds = f[3].toDouble();
            continue;
        }
        const std::size_t c = std::size_t(f[0].mid(1).toInt());
        if (c >= fits.size())
            continue;
        const double value = f[3].toDouble();
        if (f[1] == "blup0" || f[1] == "blup1") {
            auto it = fits[c].blups.find(f[2].toLongLong());
            if (it == fits[c].blups.end())
                it = fits[c].blups.insert(f[2].toLongLong(), Eigen::Vector2d::Zero());
            (*it)(f[1] == "blup0" ? 0 : 1) = value;
        } else
            fits[c].scalars.insert(QString::fromLatin1(f[1]), value);
    }
    return fits;
}

double relative(double ours, double theirs)
{
    return std::abs(ours - theirs) / std::max(std::abs(theirs), 1e-300);
}

void compare(const std::vector<GrowthFit> &ours, const std::vector<Lme4Fit> &theirs)
{
    double fixed = 0, reml = 0, variance = 0, blupAbs = 0, blupSd = 0, remlAbs = 0;
    int lower = 0;
    for (std::size_t c = 0; c < ours.size() && c < theirs.size(); ++c) {
        const GrowthFit &a = ours[c];
        const auto &s = theirs[c].scalars;
        fixed = std::max({fixed, relative(a.fixedEffects(0), s.value(QStringLiteral("beta0"))),
                          relative(a.fixedEffects(1), s.value(QStringLiteral("beta1")))});
        reml = std::max(reml, relative(a.remlCriterion, s.value(QStringLiteral("reml"))));
        remlAbs = std::max(remlAbs, std::abs(a.remlCriterion - s.value(QStringLiteral("reml"))));
        lower += a.remlCriterion <= s.value(QStringLiteral("reml")) ? 1 : 0;
        variance = std::max({variance, relative(a.randomCovariance(0, 0), s.value(QStringLiteral("var0"))),
                             relative(a.randomCovariance(1, 1), s.value(QStringLiteral("var1"))),
                             relative(a.randomCovariance(0, 1), s.value(QStringLiteral("cov01"))),
                             relative(a.residualVariance, s.value(QStringLiteral("sigma2")))});
        const double sd0 = std::sqrt(a.randomCovariance(0, 0)), sd1 = std::sqrt(a.randomCovariance(1, 1));
        for (const GrowthEstimate &e : a.estimates) {
            const auto it = theirs[c].blups.constFind(e.learnerId);
            if (it == theirs[c].blups.constEnd())
                continue;
            const Eigen::Vector2d d = (e.randomEffects - *it).cwiseAbs();
            blupAbs = std::max(blupAbs, d.maxCoeff());
            blupSd = std::max({blupSd, d(0) / sd0, d(1) / sd1});
        }
    }
    std::printf("agreement with lme4 (max over %zu competencies):\n", ours.size());
    std::printf("  fixed effects      %.2e relative\n", fixed);
    std::printf("  REML criterion     %.2e relative (%.2e absolute); ours ≤ lme4's in %d of %zu\n", reml, remlAbs,
                lower, ours.size());
    std::printf("  variance components %.2e relative (G and σ²)\n", variance);
    std::printf("  BLUPs              %.2e absolute, %.2e in SDs of the random effect\n", blupAbs, blupSd);
}

/// The same rows in a store, as a sync would leave them: one framework of `competencies`
/// competencies (scale 1–5, target 4), one program, learners who started on 2023-07-01 with a
/// three-year program, each observation on the day its t falls on.
bool buildStore(const Cohort &cohort, Database &db)
{
    const auto run = [&](const char *sql) { return db.execute(sql).ok(); };
    if (!run("BEGIN")
        || !run("INSERT INTO frameworks (code, name, kind, scale_min, scale_max, scale_step, target_level, imported_at) "
                "VALUES ('bench', 'Bench', 'milestones', 1, 5, 0.5, 4, '2026-01-01T00:00:00.000Z');"
                "INSERT INTO programs (code, name, created_at) VALUES ('B', 'Bench', '2026-01-01T00:00:00.000Z');"
                "INSERT INTO sources (code, name) VALUES ('bench', 'Bench');"))
        return false;
    Statement competency(db, "INSERT INTO competencies (framework_id, code, name, sort_order) VALUES (1, ?, ?, ?)");
    for (int c = 0; c < cohort.competencies; ++c) {
        competency.bind(1, QStringLiteral("C%1").arg(c));
        competency.bind(2, QStringLiteral("Competency %1").arg(c));
        competency.bind(3, c);
        if (!competency.exec().ok())
            return false;
    }
    Statement learner(db, "INSERT INTO learners (program_id, display_name, start_date, expected_completion_date, "
                          "status, created_at, updated_at) VALUES (1, ?, '2023-07-01', '2026-06-30', 'active', "
                          "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
    for (int l = 0; l < cohort.learners; ++l) {
        learner.bind(1, QStringLiteral("Learner %1").arg(l + 1));
        if (!learner.exec().ok())
            return false;
    }
    const QDate start(2023, 7, 1);
    std::vector<QByteArray> days(1200);
    for (std::size_t d = 0; d < days.size(); ++d)
        days[d] = start.addDays(qint64(d)).toString(Qt::ISODate).toLatin1();
    Statement observation(db, "INSERT INTO observations (learner_id, competency_id, kind, observed_on, rating, "
                              "source_id, source_key, key_hash) VALUES (?, ?, 'assessment', ?, ?, (SELECT id FROM "
                              "sources WHERE code = 'bench'), ?, ?)");
    for (std::size_t i = 0; i < cohort.t.size(); ++i) {
        const auto day = std::size_t(std::lround(cohort.t[i] * 365.25));
        observation.bind(1, qint64(cohort.learner[i] + 1));
        observation.bind(2, qint64(cohort.competency[i] + 1));
        observation.bindStatic(3, std::string_view(days[day].constData(), std::size_t(days[day].size())));
        observation.bind(4, cohort.rating[i]);
        observation.bind(5, QString::number(i));
        observation.bind(6, qint64(i));
        if (!observation.exec().ok())
            return false;
    }
    return run("COMMIT");
}

Options parse(const QStringList &args)
{
    Options o;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const auto next = [&] { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == QLatin1String("--learners"))
            o.learners = next().toInt();
        else if (a == QLatin1String("--observations"))
            o.observations = next().toLongLong();
        else if (a == QLatin1String("--competencies"))
            o.competencies = next().toInt();
        else if (a == QLatin1String("--seed"))
            o.seed = next().toULongLong();
        else if (a == QLatin1String("--no-r"))
            o.runR = false;
        else if (a == QLatin1String("--keep"))
            o.keepDir = next();
        else if (a == QLatin1String("--recompute"))
            o.recomputeStore = next();
    }
    o.learners = std::max(o.learners, 3);
    o.competencies = std::max(o.competencies, 1);
    o.observations = std::max<qint64>(o.observations, 10);
    return o;
}

/// A copy of the store at `from` (open on `db`) at `to`: the whole log copied into the file
/// first, so that the file alone holds every row.
bool copyStore(Database &db, const QString &from, const QString &to)
{
    Statement checkpoint(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    bool complete = false;
    if (!checkpoint.forEachRow([&](Statement &s) { complete = s.columnInt64(0) == 0; }) || !complete) {
        std::printf("could not copy the log into %s\n", qPrintable(from));
        return false;
    }
    QFile::remove(to);
    return QFile::copy(from, to);
}

/// How many times the first full recompute is timed: before lme4 runs, and after.
constexpr int kFirstRunsBefore = 2;
constexpr int kFirstRunsAfter = 3;

/// The full recompute of a store holding no results yet: read every observation, fit every
/// model, forecast every learner, evaluate every rule, store it all.
struct FirstRun {
    double seconds = 0;
    RecomputeResult result;
    double checkpointSeconds = 0; ///< waited for after the run
};

Result<FirstRun> firstRecompute(Database &db)
{
    QElapsedTimer timer;
    timer.start();
    auto computed = AnalyticsEngine::recompute(db, {});
    const double elapsed = seconds(timer);
    if (!computed)
        return computed.error();
    return FirstRun{elapsed, std::move(*computed), 0};
}

/// The product's full recompute on the store at `path` (open on `db`, holding no results),
/// `runs` times, each on a fresh copy of it, or the last on the store itself when `last`.
/// Appended to `firsts`; false on failure.
bool firstRuns(Database &db, const QString &path, int runs, bool last, std::vector<FirstRun> &firsts)
{
    const QString copy = path + QStringLiteral(".first-run.sqlite");
    for (int k = 0; k < runs; ++k) {
        Result<FirstRun> run = makeError(ErrorKind::Internal, QStringLiteral("could not copy the store"));
        if (!last || k + 1 < runs) {
            if (!copyStore(db, path, copy))
                return false;
            auto store = Store::open(copy);
            if (!store)
                return false;
            run = firstRecompute(store->database());
        } else {
            run = firstRecompute(db);
        }
        // The results are durable at the commit; the copy of the log into the database file
        // that follows it in the background finishes before the next run starts.
        QElapsedTimer checkpoint;
        checkpoint.start();
        BackgroundCheckpoint::waitForAll();
        if (!run) {
            std::printf("recompute failed: %s\n", qPrintable(run.error().message));
            return false;
        }
        run->checkpointSeconds = seconds(checkpoint);
        firsts.push_back(std::move(*run));
    }
    for (const QString &file : {copy, QString(copy + QStringLiteral("-wal")), QString(copy + QStringLiteral("-shm"))})
        QFile::remove(file);
    return true;
}

/// The first full recomputes' median (the figure: one run on this shared machine swings by a
/// fifth) against lme4; then, on the store open on `db`, the same again (flags merged, not
/// new), then single learners' refreshes. 0 when it ran.
int storePhases(Database &db, const std::vector<FirstRun> &firsts, int learners, double lme4Own)
{
    std::vector<const FirstRun *> order;
    for (const FirstRun &f : firsts)
        order.push_back(&f);
    std::sort(order.begin(), order.end(), [](const FirstRun *a, const FirstRun *b) { return a->seconds < b->seconds; });
    const FirstRun &median = *order[order.size() / 2];
    QStringList each;
    for (const FirstRun &f : firsts)
        each << QString::number(f.seconds, 'f', 3);
    std::printf("%-36s %8.3f s  median of %zu, each on a store without results (%s s)\n",
                "full recompute from the store", median.seconds, firsts.size(), qPrintable(each.join(QStringLiteral(", "))));
    const RecomputeResult &r = median.result;
    std::printf("  %zu flags; read %lld ms, fit and forecast %lld ms, rules %lld ms, store %lld ms\n",
                r.evaluation.flags.size(), static_cast<long long>(r.phases.load),
                static_cast<long long>(r.phases.trajectories), static_cast<long long>(r.phases.rules),
                static_cast<long long>(r.phases.store));
    if (lme4Own > 0)
        std::printf("ratio lme4 / full recompute          %8.1f×  (target ≥ 20×; %.1f× for the slowest run)\n",
                    lme4Own / median.seconds, lme4Own / order.back()->seconds);
    std::printf("  then waited for its background checkpoint %.3f s\n", median.checkpointSeconds);
    QElapsedTimer timer;
    const auto checkpoint = [&] {
        timer.restart();
        BackgroundCheckpoint::waitForAll();
        std::printf("  then waited for its background checkpoint %.3f s\n", seconds(timer));
    };

    // The same again, as after a sync that changed everything: the flags are merged, not new.
    timer.restart();
    auto again = AnalyticsEngine::recompute(db, {});
    if (again)
        std::printf("%-36s %8.3f s  (read %lld ms, fit and forecast %lld ms, rules %lld ms, store %lld ms)\n",
                    "full recompute again", seconds(timer), static_cast<long long>(again->phases.load),
                    static_cast<long long>(again->phases.trajectories), static_cast<long long>(again->phases.rules),
                    static_cast<long long>(again->phases.store));
    checkpoint();

    // A single learner's refresh after a sync, for 25 learners spread over the cohort.
    std::vector<double> refresh;
    for (int k = 0; k < 25; ++k) {
        RecomputeRequest request;
        request.learnerIds = {qint64(1 + (k * 197) % learners)};
        timer.restart();
        auto one = AnalyticsEngine::recompute(db, request);
        refresh.push_back(seconds(timer) * 1000);
        if (!one || !one->incremental) {
            std::printf("single-learner refresh failed\n");
            return 1;
        }
    }
    std::sort(refresh.begin(), refresh.end());
    std::printf("single learner refresh               median %.1f ms, max %.1f ms over %zu learners (target < 50 ms)\n",
                refresh[refresh.size() / 2], refresh.back(), refresh.size());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Options o = parse(app.arguments());
    if (!o.recomputeStore.isEmpty()) {
        // Results of earlier runs go, so that the first recompute stores everything anew.
        auto store = Store::open(o.recomputeStore);
        if (!store)
            return 1;
        for (const char *sql : {"DELETE FROM flags", "DELETE FROM learner_estimates", "DELETE FROM growth_models",
                                "DELETE FROM analytics_runs"}) {
            if (!store->database().execute(sql))
                return 1;
        }
        int learners = 0;
        Statement count(store->database(), "SELECT count(*) FROM learners");
        if (!count.forEachRow([&](Statement &s) { learners = static_cast<int>(s.columnInt64(0)); }))
            return 1;
        std::printf("bench_analytics: recompute on %s\n", qPrintable(o.recomputeStore));
        std::vector<FirstRun> firsts;
        if (!firstRuns(store->database(), o.recomputeStore, kFirstRunsBefore + kFirstRunsAfter, true, firsts))
            return 1;
        return storePhases(store->database(), firsts, std::max(3, learners), 0);
    }
    std::printf("bench_analytics: %d learners × %d competencies, %lld observations (seed %llu)\n", o.learners,
                o.competencies, static_cast<long long>(o.observations), static_cast<unsigned long long>(o.seed));
    QElapsedTimer timer;
    timer.start();
    const Cohort cohort = generate(o);
    std::printf("generated in %.2f s\n", seconds(timer));

    QTemporaryDir tmp;
    const QString dir = o.keepDir.isEmpty() ? tmp.path() : o.keepDir;
    const QString csv = dir + QStringLiteral("/observations.csv");
    const QString out = dir + QStringLiteral("/lme4.csv");
    if (o.runR) {
        timer.restart();
        writeCsv(cohort, csv);
        std::printf("wrote %s in %.2f s\n", qPrintable(csv), seconds(timer));
    }

    Phase growth;
    growth.name = QStringLiteral("growth: groups + %1 REML fits").arg(o.competencies);
    double groupSeconds = 0;
    const std::vector<GrowthFit> ours = fitOurs(cohort, growth, groupSeconds);
    int evaluations = 0, boundary = 0;
    for (const GrowthFit &f : ours) {
        evaluations += f.evaluations;
        boundary += f.boundary ? 1 : 0;
    }
    std::printf("%-36s %8.3f s  (groups %.3f s; %d criterion evaluations, %.0f a fit; %d on the boundary)\n",
                qPrintable(growth.name), growth.seconds, groupSeconds, evaluations,
                double(evaluations) / double(ours.size()), boundary);

    // The product's full recompute on a store holding the same rows (read every observation,
    // fit every model, forecast every learner, evaluate every rule, store it all): some runs
    // before lme4 and the rest after, so that their median spans the minute lme4 ran in.
    timer.restart();
    const QString storePath = dir + QStringLiteral("/bench.sqlite");
    auto store = Store::open(storePath);
    if (!store || !buildStore(cohort, store->database())) {
        std::printf("could not build the bench store\n");
        return 1;
    }
    std::printf("store with the same rows built in %.2f s\n", seconds(timer));
    std::vector<FirstRun> firsts;
    if (!firstRuns(store->database(), storePath, kFirstRunsBefore, false, firsts))
        return 1;

    Phase lme4;
    lme4.name = QStringLiteral("lme4: lmer() × %1 (R's own timing)").arg(o.competencies);
    double lme4Own = 0;
    if (o.runR) {
        double &rOwn = lme4Own;
        const std::vector<Lme4Fit> theirs = runLme4(csv, out, o.competencies, lme4, rOwn);
        if (lme4.ran) {
            std::printf("%-36s %8.3f s  (Rscript process wall time %.3f s, including reading the CSV)\n",
                        qPrintable(lme4.name), rOwn, lme4.seconds);
            std::printf("ratio lme4 / ours                    %8.1f×  (target ≥ 20×; wall-time ratio %.1f×)\n",
                        rOwn / growth.seconds, lme4.seconds / growth.seconds);
            compare(ours, theirs);
        } else {
            std::printf("lme4 skipped: %s\n", qPrintable(lme4.note));
        }
    }

    if (!firstRuns(store->database(), storePath, kFirstRunsAfter, true, firsts))
        return 1;
    return storePhases(store->database(), firsts, o.learners, lme4.ran ? lme4Own : 0);
}
