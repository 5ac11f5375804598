// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/DemoCohortGenerator.h"
#include "sync/CsvReader.h"
#include "sync/FrameworkLoader.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace pme::core;

namespace {

const QStringList kCsvFiles{QStringLiteral("roster.csv"), QStringLiteral("assessments.csv"),
                            QStringLiteral("milestones.csv"), QStringLiteral("exams.csv"),
                            QStringLiteral("outcomes.csv")};
const QStringList kAllFiles = kCsvFiles + QStringList{QStringLiteral("truth.json")};

// The lexicon a narrative analyser would start from; a phrase preceded by a negation in the
// same clause ("no concerns about patient safety") does not count.
const QStringList kConcerning{QStringLiteral("had difficulty"),
                              QStringLiteral("required repeated prompting"),
                              QStringLiteral("concerns about patient safety"),
                              QStringLiteral("was late"),
                              QStringLiteral("unprofessional"),
                              QStringLiteral("did not follow up")};

struct Table {
    QStringList header;
    QList<QStringList> rows;
    qint64 recordsWithErrors = 0;
    bool ok = false;
    char delimiter = '\0';

    qsizetype column(const char *name) const { return header.indexOf(QLatin1String(name)); }
};

Table readCsv(const QString &path)
{
    Table table;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return table;
    const QByteArray bytes = file.readAll();
    const CsvSummary summary = CsvReader().readBytes(
        std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), [&table](const CsvRecord &record) {
            QStringList fields;
            for (std::string_view f : record.fields())
                fields.append(QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size())));
            if (record.isHeader())
                table.header = fields;
            else
                table.rows.append(fields);
            return true;
        });
    table.ok = summary.ok();
    table.recordsWithErrors = summary.recordsWithErrors;
    table.delimiter = summary.delimiter;
    return table;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool isConcerning(const QString &narrative)
{
    static const QRegularExpression negation(QStringLiteral("\\b(no|not|never|without)\\b"));
    static const QRegularExpression clauseEnd(QStringLiteral("[.,;:\\n]"));
    const QString text = narrative.toLower();
    for (const QString &phrase : kConcerning) {
        for (qsizetype at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            const qsizetype clause = text.left(at).lastIndexOf(clauseEnd) + 1;
            const QStringList words = text.mid(clause, at - clause).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (!words.mid(std::max<qsizetype>(0, words.size() - 4)).join(QLatin1Char(' ')).contains(negation))
                return true;
        }
    }
    return false;
}

double correlation(const QList<QPair<double, double>> &pairs)
{
    double mx = 0, my = 0;
    for (const auto &[x, y] : pairs) {
        mx += x;
        my += y;
    }
    mx /= pairs.size();
    my /= pairs.size();
    double sxy = 0, sxx = 0, syy = 0;
    for (const auto &[x, y] : pairs) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

bool isHalfStep(const QString &text, double *value)
{
    bool ok = false;
    *value = text.toDouble(&ok);
    return ok && *value >= 1 && *value <= 5 && std::fmod(*value * 2, 1.0) == 0;
}

} // namespace

class TestDemoCohort : public QObject {
    Q_OBJECT

private:
    // The statistical checks share one reasonably large, fixed cohort.
    QTemporaryDir m_dir;
    DemoCohortConfig m_config;
    DemoCohortFiles m_files;
    std::map<QString, Table> m_tables;
    QJsonObject m_truth;
    QHash<QString, QJsonObject> m_truthById;

    const Table &table(const char *name) { return m_tables[QLatin1String(name)]; }

    static Result<DemoCohortFiles> generate(const DemoCohortConfig &config, const QString &dir,
                                            const DemoCohortProgress &progress = {})
    {
        return DemoCohortGenerator::write(config, dir, progress);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config.seed = 2026;
        m_config.learners = 300;
        m_config.years = 6;
        auto files = generate(m_config, m_dir.path());
        QVERIFY2(files.ok(), files.ok() ? "" : qPrintable(files.error().message));
        m_files = *files;
        for (const QString &name : kCsvFiles)
            m_tables[name] = readCsv(m_dir.filePath(name));
        m_truth = QJsonDocument::fromJson(fileBytes(m_files.truth)).object();
        for (const QJsonValue &v : m_truth.value(QStringLiteral("learners")).toArray())
            m_truthById.insert(v[QStringLiteral("id")].toString(), v.toObject());
        QCOMPARE(m_truthById.size(), 300);
    }

    void sameSeed_givesIdenticalBytes()
    {
        QTemporaryDir a, b;
        const DemoCohortConfig config{7, 40, 4, QDate(2026, 6, 30), 0};
        QVERIFY(generate(config, a.path()).ok());
        QVERIFY(generate(config, b.path()).ok());
        for (const QString &name : kAllFiles) {
            const QByteArray first = fileBytes(a.filePath(name));
            QVERIFY2(!first.isEmpty(), qPrintable(name));
            QVERIFY2(first == fileBytes(b.filePath(name)), qPrintable(name));
        }
    }

    void differentSeed_givesDifferentFiles()
    {
        QTemporaryDir a, b;
        QVERIFY(generate({7, 40, 4, QDate(2026, 6, 30), 0}, a.path()).ok());
        QVERIFY(generate({8, 40, 4, QDate(2026, 6, 30), 0}, b.path()).ok());
        for (const QString &name : kAllFiles)
            QVERIFY2(fileBytes(a.filePath(name)) != fileBytes(b.filePath(name)), qPrintable(name));
    }

    void observationVolume_leavesOtherFilesUnchanged()
    {
        QTemporaryDir a, b;
        QVERIFY(generate({7, 30, 3, QDate(2026, 6, 30), 0}, a.path()).ok());
        QVERIFY(generate({7, 30, 3, QDate(2026, 6, 30), 150}, b.path()).ok());
        QVERIFY(fileBytes(a.filePath(QStringLiteral("assessments.csv")))
                != fileBytes(b.filePath(QStringLiteral("assessments.csv"))));
        for (const char *name : {"roster.csv", "milestones.csv", "exams.csv", "outcomes.csv"})
            QCOMPARE(fileBytes(a.filePath(QLatin1String(name))), fileBytes(b.filePath(QLatin1String(name))));
    }

    void headers_matchDocumentedColumns_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("columns");
        const auto list = [](const char *csv) { return QString::fromLatin1(csv).split(QLatin1Char(',')); };
        QTest::newRow("roster") << QStringLiteral("roster.csv")
                                << list("learner_id,family_name,given_name,email,program,program_name,framework,"
                                        "start_date,expected_completion_date,status,stage");
        QTest::newRow("assessments") << QStringLiteral("assessments.csv")
                                     << list("observation_id,learner_id,date,framework,competency,kind,rating,"
                                             "assessor,assessor_role,instrument,context,narrative");
        QTest::newRow("milestones") << QStringLiteral("milestones.csv")
                                    << list("learner_id,date,period,framework,subcompetency,level");
        QTest::newRow("exams") << QStringLiteral("exams.csv") << list("learner_id,date,exam,score,percentile");
        QTest::newRow("outcomes") << QStringLiteral("outcomes.csv") << list("learner_id,outcome,value,date,competency");
    }

    void headers_matchDocumentedColumns()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, columns);
        QCOMPARE(m_tables[file].header, columns);
    }

    void csvFiles_parseCleanly()
    {
        for (const QString &name : kCsvFiles) {
            const Table &t = m_tables[name];
            QVERIFY2(t.ok, qPrintable(name));
            QCOMPARE(t.recordsWithErrors, 0);
            QCOMPARE(t.delimiter, ','); // the sniffer must not be fooled by the narratives
            QVERIFY2(!t.rows.isEmpty(), qPrintable(name));
            for (const QStringList &row : t.rows)
                QCOMPARE(row.size(), t.header.size());
        }
        QCOMPARE(table("roster.csv").rows.size(), m_files.learners);
        QCOMPARE(table("assessments.csv").rows.size(), m_files.observations);
        QCOMPARE(table("milestones.csv").rows.size(), m_files.milestoneRatings);
        QCOMPARE(table("exams.csv").rows.size(), m_files.examScores);
        QCOMPARE(table("outcomes.csv").rows.size(), m_files.outcomeRows);
    }

    void narratives_holdCommasQuotesAndLineBreaks()
    {
        const Table &t = table("assessments.csv");
        const qsizetype col = t.column("narrative");
        bool comma = false, quote = false, lineBreak = false;
        for (const QStringList &row : t.rows) {
            comma = comma || row[col].contains(QLatin1Char(','));
            quote = quote || row[col].contains(QLatin1Char('"'));
            lineBreak = lineBreak || row[col].contains(QLatin1Char('\n'));
        }
        QVERIFY(comma);
        QVERIFY(quote);
        QVERIFY(lineBreak);
    }

    void ratings_areOnScale()
    {
        auto frameworks = FrameworkLoader::builtIns();
        QVERIFY(frameworks.ok());
        QHash<QString, QSet<QString>> codes;
        for (const Framework &f : *frameworks)
            for (const Competency &c : f.competencies)
                codes[f.code].insert(c.code);

        const Table &t = table("assessments.csv");
        QHash<QString, int> kinds;
        for (const QStringList &row : t.rows) {
            const QString kind = row[t.column("kind")];
            const QString rating = row[t.column("rating")];
            ++kinds[kind];
            QVERIFY2(codes.value(row[t.column("framework")]).contains(row[t.column("competency")]), qPrintable(row[0]));
            double value = 0;
            if (kind == QLatin1String("assessment")) {
                QVERIFY2(isHalfStep(rating, &value), qPrintable(rating));
            } else if (kind == QLatin1String("epa")) {
                QCOMPARE(row[t.column("framework")], QStringLiteral("aamc-core-epas"));
                QVERIFY2(isHalfStep(rating, &value) && value == std::floor(value), qPrintable(rating));
            } else {
                QCOMPARE(kind, QStringLiteral("narrative"));
                QVERIFY(rating.isEmpty());
                QVERIFY(!row[t.column("narrative")].isEmpty());
            }
        }
        QVERIFY(kinds.value(QStringLiteral("assessment")) > 0 && kinds.value(QStringLiteral("epa")) > 0
                && kinds.value(QStringLiteral("narrative")) > 0);

        const Table &m = table("milestones.csv");
        for (const QStringList &row : m.rows) {
            double value = 0;
            QVERIFY2(isHalfStep(row[m.column("level")], &value), qPrintable(row[m.column("level")]));
            QVERIFY(codes.value(QStringLiteral("acgme-im-2.0")).contains(row[m.column("subcompetency")]));
        }
    }

    void dates_lieWithinTraining()
    {
        const QDate reference = m_config.referenceDate;
        for (const QString &name : kCsvFiles) {
            if (name == QLatin1String("roster.csv"))
                continue;
            const Table &t = m_tables[name];
            for (const QStringList &row : t.rows) {
                const QDate date = QDate::fromString(row[t.column("date")], Qt::ISODate);
                const QJsonObject truth = m_truthById.value(row[t.column("learner_id")]);
                const QDate start = QDate::fromString(truth[QStringLiteral("start_date")].toString(), Qt::ISODate);
                QVERIFY2(date.isValid() && date >= start && date <= reference,
                         qPrintable(name + QLatin1Char(' ') + row.join(QLatin1Char(' '))));
            }
        }
    }

    void leaveGaps_haveNoObservations()
    {
        int withLeave = 0;
        QHash<QString, QPair<QDate, QDate>> leave;
        for (const QJsonObject &l : std::as_const(m_truthById)) {
            if (!l[QStringLiteral("leave")].isObject())
                continue;
            ++withLeave;
            const QJsonObject gap = l[QStringLiteral("leave")].toObject();
            leave.insert(l[QStringLiteral("id")].toString(),
                         {QDate::fromString(gap[QStringLiteral("start")].toString(), Qt::ISODate),
                          QDate::fromString(gap[QStringLiteral("end")].toString(), Qt::ISODate)});
        }
        QVERIFY2(withLeave >= 6 && withLeave <= 45, qPrintable(QString::number(withLeave)));
        const Table &t = table("assessments.csv");
        for (const QStringList &row : t.rows) {
            const auto gap = leave.value(row[t.column("learner_id")]);
            const QDate date = QDate::fromString(row[t.column("date")], Qt::ISODate);
            QVERIFY(!gap.first.isValid() || date < gap.first || date > gap.second);
        }
    }

    void classProportions_matchPublishedShares()
    {
        QHash<QString, int> counts;
        for (const QJsonObject &l : std::as_const(m_truthById))
            ++counts[l[QStringLiteral("class")].toString()];
        const double n = m_truthById.size();
        const std::pair<const char *, double> expected[]{
            {"on_track", 0.70}, {"fast", 0.12}, {"slow", 0.12}, {"struggling", 0.06}};
        for (const auto &[name, share] : expected) {
            const double actual = counts.value(QLatin1String(name)) / n;
            qInfo("class %s: %.3f", name, actual);
            QVERIFY2(std::abs(actual - share) <= 0.02, name);
        }
    }

    void milestones_riseHalfALevelPerSixMonths()
    {
        const Table &t = table("milestones.csv");
        QHash<QString, double> previous;
        double sum = 0;
        int steps = 0;
        for (const QStringList &row : t.rows) {
            const QString key = row[t.column("learner_id")] + QLatin1Char('/') + row[t.column("subcompetency")];
            const double level = row[t.column("level")].toDouble();
            if (previous.contains(key)) {
                sum += level - previous.value(key);
                ++steps;
            }
            previous.insert(key, level);
        }
        const double rise = sum / steps;
        qInfo("mean CCC rise per six months: %.3f over %d steps", rise, steps);
        QVERIFY2(rise >= 0.4 && rise <= 0.6, qPrintable(QString::number(rise)));
    }

    void completedResidents_fiveToFifteenPercentBelowLevel4()
    {
        QSet<QString> completed;
        const Table &roster = table("roster.csv");
        for (const QStringList &row : roster.rows)
            if (row[roster.column("status")] == QLatin1String("completed"))
                completed.insert(row[roster.column("learner_id")]);
        QVERIFY(completed.size() >= 100);

        const Table &t = table("milestones.csv");
        QHash<QString, double> finalLevel; // rows are in date order for each learner
        for (const QStringList &row : t.rows)
            if (completed.contains(row[t.column("learner_id")]))
                finalLevel.insert(row[t.column("subcompetency")] + QLatin1Char('/') + row[t.column("learner_id")],
                                  row[t.column("level")].toDouble());
        std::map<QString, std::pair<int, int>> bySub; // below, total
        for (auto it = finalLevel.cbegin(); it != finalLevel.cend(); ++it) {
            auto &[below, total] = bySub[it.key().section(QLatin1Char('/'), 0, 0)];
            below += it.value() < 4.0 ? 1 : 0;
            ++total;
        }
        QCOMPARE(bySub.size(), std::size_t{21});
        double sum = 0, lowest = 1, highest = 0;
        for (const auto &[sub, counts] : bySub) {
            const double share = double(counts.first) / counts.second;
            sum += share;
            lowest = std::min(lowest, share);
            highest = std::max(highest, share);
        }
        const double mean = sum / bySub.size();
        qInfo("below level 4 at completion: mean %.3f, per subcompetency %.3f to %.3f", mean, lowest, highest);
        QVERIFY2(mean >= 0.05 && mean <= 0.15, qPrintable(QString::number(mean)));
    }

    void examPercentile_correlatesWithAbility()
    {
        const Table &t = table("exams.csv");
        QList<QPair<double, double>> pairs;
        for (const QStringList &row : t.rows) {
            QCOMPARE(row[t.column("exam")], QStringLiteral("IM-ITE"));
            const double percentile = row[t.column("percentile")].toDouble();
            QVERIFY(percentile >= 0 && percentile <= 100);
            pairs.append(
                {m_truthById.value(row[t.column("learner_id")])[QStringLiteral("ability")].toDouble(), percentile});
        }
        const double r = correlation(pairs);
        qInfo("exam percentile vs ability: r = %.3f over %lld scores", r, static_cast<long long>(pairs.size()));
        QVERIFY2(r > 0.3, qPrintable(QString::number(r)));
    }

    void strugglingNarratives_concernFarMoreOften()
    {
        const Table &t = table("assessments.csv");
        QHash<QString, QPair<int, int>> byClass; // concerning, with narrative
        for (const QStringList &row : t.rows) {
            const QString narrative = row[t.column("narrative")];
            if (narrative.isEmpty())
                continue;
            auto &[concerning, total]
                = byClass[m_truthById.value(row[t.column("learner_id")])[QStringLiteral("class")].toString()];
            concerning += isConcerning(narrative) ? 1 : 0;
            ++total;
        }
        const auto rate = [&byClass](const char *c) {
            const auto counts = byClass.value(QLatin1String(c));
            return counts.second > 0 ? double(counts.first) / counts.second : 0.0;
        };
        qInfo("concerning narratives: struggling %.3f, slow %.3f, on track %.3f, fast %.3f", rate("struggling"),
              rate("slow"), rate("on_track"), rate("fast"));
        QVERIFY(rate("struggling") >= 0.3);
        QVERIFY(rate("struggling") >= 4 * rate("on_track"));
        QVERIFY(isConcerning(QStringLiteral("Was late to rounds.")));
        QVERIFY(!isConcerning(QStringLiteral("No concerns about patient safety.")));
    }

    void outcomes_onlyForCompletedResidents()
    {
        const Table &roster = table("roster.csv");
        QHash<QString, QString> status;
        QHash<QString, QDate> expected;
        for (const QStringList &row : roster.rows) {
            status.insert(row[0], row[roster.column("status")]);
            expected.insert(row[0], QDate::fromString(row[roster.column("expected_completion_date")], Qt::ISODate));
            const bool inTraining = row[roster.column("status")] == QLatin1String("active")
                || row[roster.column("status")] == QLatin1String("leave");
            QCOMPARE(row[roster.column("stage")].isEmpty(), !inTraining);
        }
        const Table &t = table("outcomes.csv");
        QHash<QString, int> level4Rows;
        for (const QStringList &row : t.rows) {
            const QString id = row[t.column("learner_id")];
            QVERIFY2(expected.value(id) < m_config.referenceDate, qPrintable(id));
            const QString outcome = row[t.column("outcome")];
            if (outcome != QLatin1String("completed_on_time"))
                QCOMPARE(status.value(id), QStringLiteral("completed"));
            if (outcome == QLatin1String("level4_at_completion"))
                ++level4Rows[id];
            else if (outcome == QLatin1String("board_result"))
                QVERIFY(row[t.column("value")] == QLatin1String("pass")
                        || row[t.column("value")] == QLatin1String("fail"));
        }
        for (auto it = status.cbegin(); it != status.cend(); ++it)
            QCOMPARE(level4Rows.value(it.key()), it.value() == QLatin1String("completed") ? 21 : 0);
    }

    void roster_hasUniqueIdsAndEmails()
    {
        const Table &t = table("roster.csv");
        QSet<QString> ids, emails;
        for (const QStringList &row : t.rows) {
            ids.insert(row[t.column("learner_id")]);
            emails.insert(row[t.column("email")]);
            QVERIFY(row[t.column("email")].endsWith(QLatin1String("@demo.pmecoach.invalid")));
            QCOMPARE(row[t.column("program")], QStringLiteral("IM"));
        }
        QCOMPARE(ids.size(), t.rows.size());
        QCOMPARE(emails.size(), t.rows.size());
        QVERIFY(ids.contains(QStringLiteral("IM-2020-001")) && ids.contains(QStringLiteral("IM-2025-050")));
    }

    void validate_rejectsBadConfig_data()
    {
        QTest::addColumn<int>("learners");
        QTest::addColumn<int>("years");
        QTest::addColumn<int>("perYear");
        QTest::newRow("no learners") << 0 << 6 << 0;
        QTest::newRow("too many learners") << 20001 << 6 << 0;
        QTest::newRow("no years") << 10 << 0 << 0;
        QTest::newRow("too many years") << 10 << 21 << 0;
        QTest::newRow("negative volume") << 10 << 6 << -1;
    }

    void validate_rejectsBadConfig()
    {
        QFETCH(int, learners);
        QFETCH(int, years);
        QFETCH(int, perYear);
        QTemporaryDir dir;
        auto files = generate({1, learners, years, QDate(2026, 6, 30), perYear}, dir.path());
        QVERIFY(!files.ok());
        QCOMPARE(files.error().kind, ErrorKind::BadInput);
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void cancel_leavesNoFiles()
    {
        QTemporaryDir dir;
        std::atomic<bool> cancel = false;
        qint64 calls = 0;
        DemoCohortProgress progress;
        progress.cancel = &cancel;
        progress.progress = [&](qint64 done, qint64 total) {
            ++calls;
            QCOMPARE(total, 20);
            if (done == 5)
                cancel = true;
        };
        auto files = generate({3, 20, 2, QDate(2026, 6, 30), 0}, dir.path(), progress);
        QVERIFY(!files.ok());
        QCOMPARE(files.error().kind, ErrorKind::Cancelled);
        QCOMPARE(calls, 5);
        QVERIFY(QDir(dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemoCohort)
#include "tst_democohort.moc"
