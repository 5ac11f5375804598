// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CCC commands as a committee meets them, on the demo store: prepare a meeting, read a
// packet, decide (an override needs its rationale), supersede, and write the reports.
#include "CliRunner.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject object(const Run &run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCliCcc : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_configHome = m_dir.filePath(QStringLiteral("config"));
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const Run built = buildDemoStore(m_dir.filePath(QStringLiteral("files")), m_db);
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
        const Run flags = as(QStringLiteral("demo-director"), {QStringLiteral("--json"), QStringLiteral("flags")});
        QVERIFY2(flags.exitCode == 0, qPrintable(flags.err));
        QSet<qint64> seen;
        for (const QJsonValue &v : QJsonDocument::fromJson(flags.out.toUtf8()).array()) {
            const qint64 id = v[QStringLiteral("learner_id")].toInteger();
            if (!seen.contains(id) && m_learners.size() < 2)
                m_learners.append(id);
            seen.insert(id);
        }
        QCOMPARE(m_learners.size(), 2);
    }

    void packet_isJsonWithProposalsForEverySubcompetency()
    {
        const Run run = as(QStringLiteral("demo-ccc"),
                           {QStringLiteral("ccc"), QStringLiteral("packet"), QStringLiteral("--learner"),
                            QString::number(m_learners[0]), QStringLiteral("--period"), QStringLiteral("2026-spring")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject packet = object(run);
        QCOMPARE(packet[QStringLiteral("period")][QStringLiteral("end")].toString(), QStringLiteral("2026-06-30"));
        const QJsonArray proposals = packet[QStringLiteral("proposals")].toArray();
        QCOMPARE(proposals.size(), 21);
        QCOMPARE(packet[QStringLiteral("trajectories")].toArray().size(), 21);
        int proposed = 0;
        for (const QJsonValue &p : proposals) {
            if (p[QStringLiteral("proposed_level")].isDouble()) {
                const double level = p[QStringLiteral("proposed_level")].toDouble();
                QCOMPARE(level * 2, std::round(level * 2)); // half levels
                ++proposed;
            }
        }
        QVERIFY(proposed > 10);
        QVERIFY(!packet[QStringLiteral("open_flags")].toArray().isEmpty());
        // A coach is no committee; a bad period is a usage error.
        QCOMPARE(as(QStringLiteral("demo-coach"),
                    {QStringLiteral("ccc"), QStringLiteral("packet"), QStringLiteral("--learner"),
                     QString::number(m_learners[0]), QStringLiteral("--period"), QStringLiteral("2026-spring")})
                     .exitCode,
                 5);
        QCOMPARE(as(QStringLiteral("demo-ccc"),
                    {QStringLiteral("ccc"), QStringLiteral("packet"), QStringLiteral("--learner"),
                     QString::number(m_learners[0]), QStringLiteral("--period"), QStringLiteral("summer")})
                     .exitCode,
                 2);
    }

    void packet_showsSharedPlansAndNeverPrivateCoachingContent()
    {
        {
            auto db = pme::core::Database::open(m_db);
            QVERIFY(db);
            for (const char *sql :
                 {"INSERT INTO goal_plans (learner_id, title, visibility, created_at, updated_at) "
                  "VALUES (?, 'Shared plan on procedures', 'program', '2026-01-01', '2026-01-01')",
                  "INSERT INTO goal_plans (learner_id, title, visibility, created_at, updated_at) "
                  "VALUES (?, 'Private draft PRIVATE-MARK', 'private', '2026-01-01', '2026-01-01')",
                  "INSERT INTO coaching_notes (learner_id, author_user_id, body, created_at, updated_at) "
                  "SELECT ?, id, 'Note body PRIVATE-MARK', '2026-01-01', '2026-01-01' FROM users "
                  "WHERE username = 'demo-coach'"}) {
                pme::core::Statement insert(*db, sql);
                insert.bind(1, m_learners[1]);
                QVERIFY(insert.exec());
            }
        }
        const Run run = as(QStringLiteral("demo-director"),
                           {QStringLiteral("ccc"), QStringLiteral("packet"), QStringLiteral("--learner"),
                            QString::number(m_learners[1]), QStringLiteral("--period"), QStringLiteral("2026-spring")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(QStringLiteral("Shared plan on procedures")));
        QVERIFY(!run.out.contains(QStringLiteral("PRIVATE-MARK")));
    }

    void meeting_preparedDecidedSupersededAndReported()
    {
        const Run prepared
            = as(QStringLiteral("demo-ccc"),
                 {QStringLiteral("--json"), QStringLiteral("ccc"), QStringLiteral("prepare"),
                  QStringLiteral("--program"), QStringLiteral("IM"), QStringLiteral("--period"),
                  QStringLiteral("2026-spring"), QStringLiteral("--held-on"), QStringLiteral("2026-07-08"),
                  QStringLiteral("--chair"), QStringLiteral("demo-ccc"), QStringLiteral("--member"),
                  QStringLiteral("demo-director"), QStringLiteral("--learner"), QString::number(m_learners[0]),
                  QStringLiteral("--learner"), QString::number(m_learners[1])});
        QVERIFY2(prepared.exitCode == 0, qPrintable(prepared.err));
        const QString meeting = QString::number(object(prepared)[QStringLiteral("meeting")].toInteger());
        const Run agenda = as(QStringLiteral("demo-director"),
                              {QStringLiteral("--json"), QStringLiteral("ccc"), QStringLiteral("agenda"),
                               QStringLiteral("--meeting"), meeting});
        QVERIFY2(agenda.exitCode == 0, qPrintable(agenda.err));
        QCOMPARE(object(agenda)[QStringLiteral("agenda")].toArray().size(), 2);
        QCOMPARE(object(agenda)[QStringLiteral("members")].toArray().size(), 2);

        const QString learner = QString::number(m_learners[0]);
        const QStringList decide{QStringLiteral("--json"),
                                 QStringLiteral("ccc"),
                                 QStringLiteral("decide"),
                                 QStringLiteral("--meeting"),
                                 meeting,
                                 QStringLiteral("--learner"),
                                 learner,
                                 QStringLiteral("--accept"),
                                 QStringLiteral("--progress"),
                                 QStringLiteral("not_as_expected"),
                                 QStringLiteral("--progress-rationale"),
                                 QStringLiteral("Slower than peers"),
                                 QStringLiteral("--action"),
                                 QStringLiteral("remediation,2026-10-31,demo-director,Focused plan")};
        const Run refused
            = as(QStringLiteral("demo-ccc"), decide + QStringList{QStringLiteral("--level"), QStringLiteral("PC1=1")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QStringLiteral("rationale")), qPrintable(refused.err));
        const Run decided
            = as(QStringLiteral("demo-ccc"),
                 decide + QStringList{QStringLiteral("--level"), QStringLiteral("PC1=1:Direct observation on nights")});
        QVERIFY2(decided.exitCode == 0, qPrintable(decided.err));
        const QJsonObject outcome = object(decided);
        QVERIFY(outcome[QStringLiteral("observations")].toArray().size() > 10);
        QCOMPARE(outcome[QStringLiteral("interventions")].toArray().size(), 1);
        QCOMPARE(as(QStringLiteral("demo-ccc"), decide).exitCode, 3); // already finalised

        const QString first = QString::number(outcome[QStringLiteral("decisions")].toArray().first().toInteger());
        QCOMPARE(as(QStringLiteral("demo-ccc"),
                    {QStringLiteral("ccc"), QStringLiteral("supersede"), QStringLiteral("--decision"), first,
                     QStringLiteral("--level"), QStringLiteral("2")})
                     .exitCode,
                 3); // no reason
        QCOMPARE(as(QStringLiteral("demo-ccc"),
                    {QStringLiteral("ccc"), QStringLiteral("supersede"), QStringLiteral("--decision"), first,
                     QStringLiteral("--level"), QStringLiteral("2"), QStringLiteral("--reason"),
                     QStringLiteral("Late ratings")})
                     .exitCode,
                 0);

        const QString csv = m_dir.filePath(QStringLiteral("levels.csv"));
        const Run levels = as(QStringLiteral("demo-director"),
                              {QStringLiteral("ccc"), QStringLiteral("report"), QStringLiteral("--meeting"), meeting,
                               QStringLiteral("--out"), csv});
        QVERIFY2(levels.exitCode == 0, qPrintable(levels.err));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + outcome[QStringLiteral("observations")].toArray().size());
        QVERIFY(lines.at(0).startsWith("program,period,period_end,learner_id,resident,subcompetency,level"));
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QByteArray &l) { return l.contains(",PC1,2,"); }));

        for (const QStringList &extra : {QStringList{}, QStringList{QStringLiteral("--learner"), learner}}) {
            const QString pdf
                = m_dir.filePath(extra.isEmpty() ? QStringLiteral("report.pdf") : QStringLiteral("summary.pdf"));
            const Run written = as(QStringLiteral("demo-director"),
                                   QStringList{QStringLiteral("ccc"), QStringLiteral("report"),
                                               QStringLiteral("--meeting"), meeting, QStringLiteral("--out"), pdf}
                                       + extra);
            QVERIFY2(written.exitCode == 0, qPrintable(written.err));
            QFile out(pdf);
            QVERIFY(out.open(QIODevice::ReadOnly));
            QVERIFY(out.read(5) == "%PDF-");
        }
        QCOMPARE(as(QStringLiteral("demo-coach"),
                    {QStringLiteral("ccc"), QStringLiteral("report"), QStringLiteral("--meeting"), meeting,
                     QStringLiteral("--out"), csv})
                     .exitCode,
                 5);
    }

private:
    Run as(const QString &user, const QStringList &arguments)
    {
        return asDemoUser(m_db, user, arguments);
    }

    QTemporaryDir m_dir;
    QString m_db;
    QList<qint64> m_learners;
};

QTEST_GUILESS_MAIN(TestCliCcc)
#include "tst_cli_ccc.moc"
