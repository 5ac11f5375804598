// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The growth model against lme4 on real-shaped data: the demo cohort and the USask EM sample,
// each synced through the real import path, one model per competency, fitted by us and by
// lmer(rating ~ t + (t | learner), REML = TRUE) in tests/validation/lme4_fit.R.
//
// Tolerances (docs/analytics-model.md): fixed effects and the REML criterion 1e-6 relative;
// variance components (G and σ²) 1e-4 relative to the larger of the value and 1e-4 σ²; BLUPs
// 1e-4 of the random effect's SD (absolute differences mean little on their own: an intercept
// SD of 0.5 and a slope SD of 0.02 are both common). lme4 is run with tightened optimiser
// tolerances for these comparisons, and once with its defaults to check that our optimum is at
// least as good as lme4's own.
#include "analytics/AnalyticsDataset.h"
#include "analytics/GrowthModel.h"
#include "demo/DemoStoreBuilder.h"
#include "domain/Framework.h"
#include "store/FrameworkRepository.h"
#include "store/LearnerRepository.h"
#include "store/Statement.h"
#include "store/Store.h"
#include "sync/FrameworkLoader.h"
#include "sync/ProfileRegistry.h"
#include "sync/SyncJob.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace pme::core;
using namespace pme::core::analytics;

namespace {

struct Point {
    qint64 learner = 0;
    double t = 0;
    double rating = 0;
};

/// One competency's rated observations.
struct Series {
    QString label;
    std::vector<Point> points;
};

/// The data path, kept in one function so it can be swapped for core/analytics/AnalyticsDataset:
/// rated assessment, EPA and milestone observations per competency, t in years since the
/// learner's start date.
// What the product's models see: the analytics dataset's rated points, per competency.
std::vector<Series> ratedSeries(Database &db)
{
    std::vector<Series> series;
    auto data = pme::core::analytics::AnalyticsDataset::load(db, pme::core::analytics::AsOf::latest());
    if (!data) {
        qWarning("%s", qPrintable(data.error().message));
        return series;
    }
    for (std::size_t c = 0; c < data->competencies().size(); ++c) {
        const auto points = data->ratings(static_cast<qint32>(c));
        if (points.empty())
            continue;
        series.push_back({data->competencies()[c].code, {}});
        for (const auto &p : points)
            series.back().points.push_back(
                {data->learners()[static_cast<std::size_t>(p.learner)].id, p.years(), p.rating});
    }
    return series;
}

std::vector<GrowthGroup> groupsOf(const Series &s)
{
    std::map<qint64, GrowthGroup> byLearner;
    for (const Point &p : s.points) {
        GrowthGroup &g = byLearner[p.learner];
        g.learnerId = p.learner;
        g.add(p.t, p.rating);
    }
    std::vector<GrowthGroup> groups;
    for (const auto &[id, g] : byLearner)
        groups.push_back(g);
    return groups;
}

struct Reference {
    QHash<QString, double> scalars;
    QHash<qint64, Eigen::Vector2d> blups;
};

QString rscript()
{
    return QStandardPaths::findExecutable(QStringLiteral("Rscript"));
}

/// Why lme4 cannot be used here, or an empty string when it can.
QString lme4Missing()
{
    if (rscript().isEmpty())
        return QStringLiteral("Rscript is not installed (Debian: r-base-core)");
    QProcess probe;
    probe.start(rscript(), {QStringLiteral("-e"), QStringLiteral("suppressMessages(library(lme4))")});
    if (!probe.waitForFinished(120000) || probe.exitCode() != 0)
        return QStringLiteral("the R package lme4 is not installed (Debian: r-cran-lme4)");
    return {};
}

/// Fits every series with lme4 in one R process, also from our θ; keyed by series label.
QHash<QString, Reference> fitWithLme4(const std::vector<Series> &series, const std::vector<GrowthFit> &fits,
                                      const QString &dir, QString *error)
{
    const QString starts = dir + QStringLiteral("/lme4-starts.csv");
    QFile start(starts);
    if (!start.open(QIODevice::WriteOnly)) {
        *error = starts + QStringLiteral(": cannot write");
        return {};
    }
    start.write("competency,theta1,theta2,theta3\n");
    for (std::size_t i = 0; i < series.size(); ++i) {
        start.write(series[i].label.toUtf8());
        for (int k = 0; k < 3; ++k)
            start.write(',' + QByteArray::number(fits[i].theta(k), 'g', 17));
        start.write("\n");
    }
    start.close();
    const QString input = dir + QStringLiteral("/lme4-input.csv");
    const QString output = dir + QStringLiteral("/lme4-output.csv");
    QFile in(input);
    if (!in.open(QIODevice::WriteOnly)) {
        *error = input + QStringLiteral(": cannot write");
        return {};
    }
    in.write("competency,learner,t,rating\n");
    for (const Series &s : series)
        for (const Point &p : s.points)
            in.write(s.label.toUtf8() + ',' + QByteArray::number(p.learner) + ',' + QByteArray::number(p.t, 'g', 17)
                     + ',' + QByteArray::number(p.rating, 'g', 17) + '\n');
    in.close();
    QProcess r;
    r.start(rscript(),
            {QStringLiteral(PME_SOURCE_DIR "/tests/validation/lme4_fit.R"), input, output, QStringLiteral("tight"),
             starts});
    if (!r.waitForFinished(300000) || r.exitStatus() != QProcess::NormalExit || r.exitCode() != 0) {
        *error = QString::fromLocal8Bit(r.readAllStandardError());
        return {};
    }
    QFile out(output);
    if (!out.open(QIODevice::ReadOnly)) {
        *error = output + QStringLiteral(": not written");
        return {};
    }
    QHash<QString, Reference> references;
    out.readLine();
    while (!out.atEnd()) {
        const QList<QByteArray> f = out.readLine().trimmed().split(',');
        if (f.size() != 4 || f[1] == "elapsed")
            continue;
        Reference &ref = references[QString::fromUtf8(f[0])];
        const double value = f[3].toDouble();
        if (f[1] == "blup0" || f[1] == "blup1") {
            auto it = ref.blups.find(f[2].toLongLong());
            if (it == ref.blups.end())
                it = ref.blups.insert(f[2].toLongLong(), Eigen::Vector2d::Zero());
            (*it)(f[1] == "blup0" ? 0 : 1) = value;
        } else {
            ref.scalars.insert(QString::fromLatin1(f[1]), value);
        }
    }
    return references;
}

double relative(double ours, double theirs)
{
    return std::abs(ours - theirs) / std::max(std::abs(theirs), 1e-300);
}

/// Largest differences seen over a dataset, printed for docs/analytics-model.md.
struct Worst {
    double fixed = 0, reml = 0, variance = 0, blup = 0;
    int fits = 0, singular = 0, lme4StuckElsewhere = 0;
    double lme4Excess = 0; ///< how much higher lme4's criterion was from its own start
};

void compare(const QString &label, const GrowthFit &fit, const Reference &ref, Worst &worst)
{
    const auto s = [&](const char *name) {
        const auto it = ref.scalars.constFind(QLatin1String(name));
        return it == ref.scalars.constEnd() ? std::nan("") : *it;
    };
    // On failure, say where each optimiser ended as well.
    const auto why = [&](const char *what, double a, double b) {
        return qPrintable(QStringLiteral("%1 %2: ours %3, lme4 %4 (REML ours %5, lme4 %6, lme4 defaults %7; "
                                         "θ ours %8 %9 %10, lme4 %11 %12 %13)")
                              .arg(label, QLatin1String(what))
                              .arg(a, 0, 'g', 12)
                              .arg(b, 0, 'g', 12)
                              .arg(fit.remlCriterion, 0, 'g', 15)
                              .arg(s("reml"), 0, 'g', 15)
                              .arg(s("reml_default"), 0, 'g', 15)
                              .arg(fit.theta(0), 0, 'g', 6)
                              .arg(fit.theta(1), 0, 'g', 6)
                              .arg(fit.theta(2), 0, 'g', 6)
                              .arg(s("theta1"), 0, 'g', 6)
                              .arg(s("theta2"), 0, 'g', 6)
                              .arg(s("theta3"), 0, 'g', 6));
    };
    for (int k = 0; k < 2; ++k) {
        const double theirs = s(k == 0 ? "beta0" : "beta1");
        worst.fixed = std::max(worst.fixed, relative(fit.fixedEffects(k), theirs));
        QVERIFY2(relative(fit.fixedEffects(k), theirs) < 1e-6, why("fixed effect", fit.fixedEffects(k), theirs));
    }
    worst.reml = std::max(worst.reml, relative(fit.remlCriterion, s("reml")));
    QVERIFY2(relative(fit.remlCriterion, s("reml")) < 1e-6, why("REML criterion", fit.remlCriterion, s("reml")));
    // lme4's own criterion at our θ is our criterion, and no lme4 run (its defaults, or tight
    // tolerances from its own start) ends lower than ours.
    QVERIFY2(relative(fit.remlCriterion, s("reml_at_start")) < 1e-10,
             why("lme4's criterion at our θ", fit.remlCriterion, s("reml_at_start")));
    for (const char *run : {"reml_default", "reml_own_start"})
        QVERIFY2(fit.remlCriterion <= s(run) + 1e-9 * std::abs(s(run)), why(run, fit.remlCriterion, s(run)));
    if (s("from_start") != 0 && s("reml_own_start") - fit.remlCriterion > 1e-6) {
        ++worst.lme4StuckElsewhere;
        worst.lme4Excess = std::max(worst.lme4Excess, s("reml_own_start") - fit.remlCriterion);
    }

    const double floor = 1e-4 * fit.residualVariance; // a variance this small is zero for our purposes
    const std::pair<double, const char *> components[] = {{fit.randomCovariance(0, 0), "var0"},
                                                          {fit.randomCovariance(1, 1), "var1"},
                                                          {fit.randomCovariance(0, 1), "cov01"},
                                                          {fit.residualVariance, "sigma2"}};
    for (const auto &[ours, name] : components) {
        const double difference = std::abs(ours - s(name)) / std::max(std::abs(s(name)), floor);
        worst.variance = std::max(worst.variance, difference);
        QVERIFY2(difference < 1e-4, why(name, ours, s(name)));
    }
    QCOMPARE(fit.boundary, s("singular") != 0);

    const Eigen::Vector2d sd = fit.randomCovariance.diagonal().cwiseMax(floor).cwiseSqrt();
    QCOMPARE(qsizetype(fit.estimates.size()), ref.blups.size());
    for (const GrowthEstimate &e : fit.estimates) {
        const auto it = ref.blups.constFind(e.learnerId);
        QVERIFY2(it != ref.blups.constEnd(), qPrintable(label));
        const Eigen::Vector2d scaled = (e.randomEffects - *it).cwiseAbs().cwiseQuotient(sd);
        worst.blup = std::max(worst.blup, scaled.maxCoeff());
        QVERIFY2(scaled.maxCoeff() < 1e-4,
                 why("BLUP", e.randomEffects((scaled(0) > scaled(1)) ? 0 : 1), (*it)((scaled(0) > scaled(1)) ? 0 : 1)));
    }
    ++worst.fits;
    worst.singular += fit.boundary ? 1 : 0;
}

/// Fits every competency the model accepts (and that has at least minLearners learners), the
/// same series by lme4, and compares.
void validate(const std::vector<Series> &all, int minLearners, int expectAtLeast, const QString &dir)
{
    std::vector<Series> series;
    std::vector<GrowthFit> fits;
    for (const Series &s : all) {
        const auto groups = groupsOf(s);
        if (qsizetype(groups.size()) < minLearners)
            continue;
        auto fit = fitGrowthModel(groups);
        if (!fit)
            continue;
        series.push_back(s);
        fits.push_back(std::move(*fit));
    }
    QVERIFY2(int(series.size()) >= expectAtLeast, qPrintable(QString::number(series.size())));
    QString error;
    const auto references = fitWithLme4(series, fits, dir, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Worst worst;
    for (std::size_t i = 0; i < series.size(); ++i) {
        QVERIFY2(references.contains(series[i].label), qPrintable(series[i].label));
        compare(series[i].label, fits[i], references[series[i].label], worst);
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d fits (%d singular): max differences fixed %.1e, REML %.1e, variance components %.1e, BLUPs %.1e SD; "
          "%d fits where lme4 from its own start stopped at a clearly worse optimum (by up to %.3g in the criterion)",
          worst.fits, worst.singular, worst.fixed, worst.reml, worst.variance, worst.blup, worst.lme4StuckElsewhere,
          worst.lme4Excess);
}

} // namespace

class TestLme4Validation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_missing = lme4Missing();
    }

    void demoCohort_matchesLme4()
    {
        if (!m_missing.isEmpty())
            QSKIP(qPrintable(QStringLiteral("lme4 validation skipped: ") + m_missing));
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        auto built = DemoStoreBuilder::build(DemoCohortConfig{}, m_dir.filePath(QStringLiteral("demo")), path);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().message));
        auto store = Store::open(path);
        QVERIFY(store.ok());
        validate(ratedSeries(store->database()), 20, 20, m_dir.path());
    }

    void usaskSample_matchesLme4()
    {
        if (!m_missing.isEmpty())
            QSKIP(qPrintable(QStringLiteral("lme4 validation skipped: ") + m_missing));
        auto store = Store::open(m_dir.filePath(QStringLiteral("usask.sqlite")));
        QVERIFY(store.ok());
        Database &db = store->database();
        auto builtIns = FrameworkLoader::builtIns();
        QVERIFY(builtIns.ok());
        for (const Framework &f : *builtIns)
            QVERIFY(FrameworkRepository(db).save(f).ok());
        FrameworkFileOptions options;
        options.code = QStringLiteral("rcpsc-cbd");
        options.name = QStringLiteral("Royal College CBD EPAs");
        auto rc = FrameworkLoader::loadFile(
            QStringLiteral(PME_SHARED_TESTDATA "/meded/royal-college-cbd-epas-usask/rcpsc_cbd_epas_by_program.csv"),
            options);
        QVERIFY(rc.ok());
        for (const Framework &f : *rc)
            QVERIFY(FrameworkRepository(db).save(f).ok());
        auto profiles = ProfileRegistry::load(QString());
        QVERIFY(profiles.ok());
        const auto sync = [&](const QString &file) {
            SyncJob job(db, *profiles);
            SyncRequest request;
            request.path = file;
            return job.run(request);
        };
        const QString sample = QStringLiteral(PME_SHARED_TESTDATA "/meded/usask-cbd-em-sample/");
        QCOMPARE(sync(sample + QStringLiteral("epa_observations.csv")).unlinkedIdentities.size(), 10);

        // The residents with their own programme start dates, then their export usernames linked.
        // residentList.json calls one resident "resident-dummy-10" whom the export calls
        // "resident-dummy-0" (the only unmatched pair; its first observation follows that start).
        QFile residents(sample + QStringLiteral("residentList.json"));
        QVERIFY(residents.open(QIODevice::ReadOnly));
        const QJsonArray list = QJsonDocument::fromJson(residents.readAll()).array();
        QCOMPARE(list.size(), 10);
        QByteArray roster("learner_id,display_name,program,program_name,start_date,expected_completion_date\n");
        QStringList users;
        for (const QJsonValue &r : list) {
            QString user = r[QLatin1String("username")].toString();
            if (user == QLatin1String("resident-dummy-10"))
                user = QStringLiteral("resident-dummy-0");
            users << user;
            const QString start = r[QLatin1String("programStartDate")].toString().left(10);
            roster += QStringLiteral("EM-%1,%1,EM,Emergency Medicine,%2,2023-06-30\n").arg(user, start).toUtf8();
        }
        QFile rosterFile(m_dir.filePath(QStringLiteral("em-roster.csv")));
        QVERIFY(rosterFile.open(QIODevice::WriteOnly));
        rosterFile.write(roster);
        rosterFile.close();
        QCOMPARE(sync(rosterFile.fileName()).inserted, 10);
        auto rows = LearnerRepository(db).list();
        QVERIFY(rows.ok());
        for (const QString &user : users) {
            const auto row = std::find_if(rows->cbegin(), rows->cend(),
                                          [&](const auto &l) { return l.learner.displayName == user; });
            QVERIFY(row != rows->cend());
            const auto linked = LearnerRepository(db).linkIdentity(QStringLiteral("usask-cbd"), user, row->learner.id);
            QVERIFY2(linked.ok(), qPrintable(linked.ok() ? QString() : linked.error().message));
        }
        QCOMPARE(sync(sample + QStringLiteral("epa_observations.csv")).inserted, 4448);
        validate(ratedSeries(db), 5, 8, m_dir.path());
    }

private:
    QTemporaryDir m_dir;
    QString m_missing;
};

QTEST_GUILESS_MAIN(TestLme4Validation)
#include "tst_lme4validation.moc"
