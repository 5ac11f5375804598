// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliRunner.h"
#include "domain/Learner.h"
#include "domain/Program.h"
#include "governance/DemoAccounts.h"
#include "store/Database.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"
#include "store/SchemaMigrator.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pme::core;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                          : QByteArray();
}

const QString kAdminPassword = QStringLiteral("Correct-Horse-7391-battery");
const QString kCoachPassword = QStringLiteral("Tr0ub4dor&3-staple-Q");
const QString kLearnerPassword = QStringLiteral("Learner-Pass-2207-kite");
const QString kWrongPassword = QStringLiteral("Wrong-Guess-5521-zebra");

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        s_configHome = m_dir.filePath(QStringLiteral("config"));
    }

    void init() { m_db = m_dir.filePath(QStringLiteral("cli-%1.sqlite").arg(++m_counter)); }

    void init_createsStoreWithBuiltInFrameworks()
    {
        const Run run = cli({QStringLiteral("--db"), m_db, QStringLiteral("init")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("(schema %1)").arg(SchemaMigrator::currentVersion())),
                 qPrintable(run.out));
        // The CLI loads the English plural forms too.
        QVERIFY2(run.out.contains(QStringLiteral("Added the 2 built-in frameworks.")), qPrintable(run.out));
        const Run list = cli({QStringLiteral("--db"), m_db, QStringLiteral("--json"), QStringLiteral("frameworks"),
                              QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray frameworks = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(frameworks.size(), 2);
        QStringList codes;
        for (const QJsonValue &value : frameworks)
            codes << value[QStringLiteral("code")].toString();
        QVERIFY(codes.contains(QStringLiteral("acgme-im-2.0")));
        // init is idempotent: running it again adds nothing.
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(cli({QStringLiteral("--db"), m_db, QStringLiteral("--json"),
                                              QStringLiteral("frameworks"), QStringLiteral("list")})
                                             .out.toUtf8())
                     .array()
                     .size(),
                 2);
    }

    void frameworksImport_royalCollegeFile_importsAll()
    {
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
        const Run run = cli(
            {QStringLiteral("--db"), m_db, QStringLiteral("--json"), QStringLiteral("frameworks"),
             QStringLiteral("import"), QStringLiteral("--code"), QStringLiteral("rc"),
             QStringLiteral(PME_SHARED_TESTDATA "/meded/royal-college-cbd-epas-usask/rcpsc_cbd_epas_by_program.csv")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(result[QStringLiteral("competencies")].toInt(), 1547);
        QCOMPARE(result[QStringLiteral("frameworks")].toArray().size(), 54);
    }

    void learnersList_showsLearnersFromTheStore()
    {
        addLearners({QStringLiteral("Amara Okafor")});
        makeAdmin();
        Environment env = password(kAdminPassword);
        env.insert(QStringLiteral("PMECOACH_DB"), m_db);
        env.insert(QStringLiteral("PMECOACH_USER"), QStringLiteral("root"));
        const Run text
            = cli({QStringLiteral("learners"), QStringLiteral("list")}, env); // --db, --user from the environment
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("Amara Okafor")), qPrintable(text.out + text.err));
        const Run json = cli({QStringLiteral("--db"), m_db, QStringLiteral("learners"), QStringLiteral("list"),
                              QStringLiteral("--json"), QStringLiteral("--search"), QStringLiteral("amara"),
                              QStringLiteral("--user"), QStringLiteral("root")},
                             password(kAdminPassword));
        QCOMPARE(json.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first()[QStringLiteral("program")].toString(), QStringLiteral("IM"));
        QCOMPARE(rows.first()[QStringLiteral("start_date")].toString(), QStringLiteral("2025-07-01"));
    }

    void errors_haveDocumentedExitCodesAndMessages_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString db = QStringLiteral("@DB@");
        QTest::newRow("no command") << QStringList{} << 2 << QStringLiteral("no command given");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("learners"), QStringLiteral("list"),
                                                       QStringLiteral("--colour")}
                                        << 2 << QStringLiteral("Unknown option 'colour'");
        QTest::newRow("missing file argument") << QStringList{QStringLiteral("frameworks"), QStringLiteral("import")}
                                               << 2 << QStringLiteral("expects FILE");
        QTest::newRow("bad status") << QStringList{QStringLiteral("--db"),     db,
                                                   QStringLiteral("learners"), QStringLiteral("list"),
                                                   QStringLiteral("--status"), QStringLiteral("sleeping")}
                                    << 2 << QStringLiteral("--status must be");
        QTest::newRow("bad number") << QStringList{QStringLiteral("--db"),       db,
                                                   QStringLiteral("frameworks"), QStringLiteral("import"),
                                                   QStringLiteral("--target"),   QStringLiteral("four"),
                                                   QStringLiteral("x.csv")}
                                    << 2 << QStringLiteral("take numbers");
        QTest::newRow("missing database") << QStringList{QStringLiteral("--db"), QStringLiteral("@MISSING@"),
                                                         QStringLiteral("learners"), QStringLiteral("list")}
                                          << 6 << QStringLiteral("pmecoach-cli init");
        QTest::newRow("missing input file") << QStringList{QStringLiteral("--db"), db, QStringLiteral("frameworks"),
                                                           QStringLiteral("import"), QStringLiteral("/no/such.json")}
                                            << 6 << QStringLiteral("There is no file");
        QTest::newRow("malformed input file") << QStringList{QStringLiteral("--db"), db, QStringLiteral("frameworks"),
                                                             QStringLiteral("import"), QStringLiteral("@BADCSV@")}
                                              << 3 << QStringLiteral("no column for the competency code");
        QTest::newRow("learners without a user")
            << QStringList{QStringLiteral("--db"), db, QStringLiteral("learners"), QStringLiteral("list")} << 5
            << QStringLiteral("To list learners, say who you are with --user NAME");
        QTest::newRow("first run hint") << QStringList{QStringLiteral("--db"), db, QStringLiteral("learners"),
                                                       QStringLiteral("list")}
                                        << 5 << QStringLiteral("'pmecoach-cli users add NAME --role admin'");
        QTest::newRow("no password") << QStringList{QStringLiteral("--db"),     db,
                                                    QStringLiteral("--user"),   QStringLiteral("someone"),
                                                    QStringLiteral("learners"), QStringLiteral("list")}
                                     << 5 << QStringLiteral("set PMECOACH_PASSWORD");
        QTest::newRow("bad anchor") << QStringList{QStringLiteral("--db"),     db,
                                                   QStringLiteral("audit"),    QStringLiteral("verify"),
                                                   QStringLiteral("--anchor"), QStringLiteral("12:beef")}
                                    << 2 << QStringLiteral("--anchor takes ID:HEX");
        QTest::newRow("not a database") << QStringList{QStringLiteral("--db"), QStringLiteral("@TEXT@"),
                                                       QStringLiteral("learners"), QStringLiteral("list")}
                                        << 4 << QStringLiteral("not a PME Coach database");
    }

    void errors_haveDocumentedExitCodesAndMessages()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile textFile(text);
        QVERIFY(textFile.open(QIODevice::WriteOnly));
        textFile.write("these are my notes, not a database\n");
        textFile.close();
        const QString badCsv = m_dir.filePath(QStringLiteral("bad.csv"));
        QFile csv(badCsv);
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("title,domain\nHistory,Patient Care\n");
        csv.close();
        for (QString &argument : arguments) {
            argument.replace(QStringLiteral("@DB@"), m_db)
                .replace(QStringLiteral("@MISSING@"), m_dir.filePath(QStringLiteral("missing.sqlite")))
                .replace(QStringLiteral("@TEXT@"), text)
                .replace(QStringLiteral("@BADCSV@"), badCsv);
        }
        const QByteArray before = fileHash(text);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(fileHash(text), before);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing.sqlite"))));
    }

    void jsonErrors_areMachineReadable()
    {
        const Run run = cli({QStringLiteral("--db"), m_dir.filePath(QStringLiteral("absent.sqlite")),
                             QStringLiteral("--json"), QStringLiteral("frameworks"), QStringLiteral("list")});
        QCOMPARE(run.exitCode, 6);
        const QJsonObject error = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(error[QStringLiteral("status")].toString(), QStringLiteral("error"));
        QCOMPARE(error[QStringLiteral("error")].toString(), QStringLiteral("not_found"));
    }

    void help_listsCommandsAndExitCodes()
    {
        const Run run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *command : {"init", "frameworks import", "frameworks list", "learners list", "users add",
                                    "users passwd", "users assign", "users demo", "audit verify", "audit list"})
            QVERIFY2(run.out.contains(QLatin1String(command)), command);
        QVERIFY(run.out.contains(QStringLiteral("4 database refused")));
        QVERIFY(run.out.contains(QStringLiteral("7 audit chain broken")));
        QVERIFY(run.out.contains(QStringLiteral("--user")));
    }

    void firstAdministrator_isCreatedWithoutUser_andOnlyOnce()
    {
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
        const Run notAdmin = cli({QStringLiteral("--db"), m_db, QStringLiteral("users"), QStringLiteral("add"),
                                  QStringLiteral("boss"), QStringLiteral("--role"), QStringLiteral("coach")},
                                 newPassword(kCoachPassword));
        QCOMPARE(notAdmin.exitCode, 5);
        QVERIFY2(notAdmin.err.contains(QStringLiteral("must be an administrator")), qPrintable(notAdmin.err));
        makeAdmin();
        // Once there is an administrator, adding anyone needs one signed in.
        const Run anonymous = cli({QStringLiteral("--db"), m_db, QStringLiteral("users"), QStringLiteral("add"),
                                   QStringLiteral("second"), QStringLiteral("--role"), QStringLiteral("admin")},
                                  newPassword(kCoachPassword));
        QCOMPARE(anonymous.exitCode, 5);
        QVERIFY2(anonymous.err.contains(QStringLiteral("--user NAME")), qPrintable(anonymous.err));
        QVERIFY(!anonymous.err.contains(QStringLiteral("no accounts yet")));
        const Run list = cli({QStringLiteral("--db"), m_db, QStringLiteral("--user"), QStringLiteral("root"),
                              QStringLiteral("--json"), QStringLiteral("users"), QStringLiteral("list")},
                             password(kAdminPassword));
        QCOMPARE(list.exitCode, 0);
        const QJsonArray users = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.first()[QStringLiteral("roles")].toArray().first().toString(), QStringLiteral("admin"));
    }

    void accessDenied_exitsFive_andSaysWhoMay()
    {
        addLearners({QStringLiteral("Amara Okafor")});
        makeAdmin();
        addUser(QStringLiteral("coach"), {QStringLiteral("--role"), QStringLiteral("coach")}, kCoachPassword);
        const QStringList asCoach{QStringLiteral("--db"), m_db, QStringLiteral("--user"), QStringLiteral("coach")};
        const Run users
            = cli(asCoach + QStringList{QStringLiteral("users"), QStringLiteral("list")}, password(kCoachPassword));
        QCOMPARE(users.exitCode, 5);
        QVERIFY2(users.err.contains(QStringLiteral("Only an administrator")), qPrintable(users.err));
        const Run audit
            = cli(asCoach + QStringList{QStringLiteral("audit"), QStringLiteral("list")}, password(kCoachPassword));
        QCOMPARE(audit.exitCode, 5);
        QVERIFY2(audit.err.contains(QStringLiteral("program directors and administrators")), qPrintable(audit.err));
        const Run frameworks = cli(asCoach
                                       + QStringList{QStringLiteral("frameworks"), QStringLiteral("import"),
                                                     QStringLiteral(":/pme/frameworks/aamc-core-epas.json")},
                                   password(kCoachPassword));
        QCOMPARE(frameworks.exitCode, 5);
        QVERIFY2(frameworks.err.contains(QStringLiteral("program directors and administrators")),
                 qPrintable(frameworks.err));
        const Run wrong
            = cli(asCoach + QStringList{QStringLiteral("learners"), QStringLiteral("list")}, password(kWrongPassword));
        QCOMPARE(wrong.exitCode, 5);
        QVERIFY2(wrong.err.contains(QStringLiteral("Cannot sign in as coach")), qPrintable(wrong.err));
        // The refused sign-in is in the audit log, for the administrator to see.
        const Run log = cli({QStringLiteral("--db"), m_db, QStringLiteral("--user"), QStringLiteral("root"),
                             QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("list"),
                             QStringLiteral("--action"), QStringLiteral("login_failed"), QStringLiteral("--by"),
                             QStringLiteral("coach")},
                            password(kAdminPassword));
        QCOMPARE(log.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(log.out.toUtf8()).array().size(), 1);
    }

    void learnerAndCoach_seeOnlyTheirLearners()
    {
        const QList<qint64> ids
            = addLearners({QStringLiteral("Amara Okafor"), QStringLiteral("Ben Tran"), QStringLiteral("Chloe Dubois")});
        makeAdmin();
        addUser(QStringLiteral("ben"),
                {QStringLiteral("--role"), QStringLiteral("learner"), QStringLiteral("--learner"),
                 QString::number(ids.at(1))},
                kLearnerPassword);
        addUser(QStringLiteral("coach"), {QStringLiteral("--role"), QStringLiteral("coach")}, kCoachPassword);
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("--user"), QStringLiteral("root"),
                      QStringLiteral("users"), QStringLiteral("assign"), QStringLiteral("--coach"),
                      QStringLiteral("coach"), QStringLiteral("--learner"), QString::number(ids.at(2))},
                     password(kAdminPassword))
                     .exitCode,
                 0);
        QCOMPARE(listedIds(QStringLiteral("ben"), kLearnerPassword), QList<qint64>{ids.at(1)});
        QCOMPARE(listedIds(QStringLiteral("coach"), kCoachPassword), QList<qint64>{ids.at(2)});
        QCOMPARE(listedIds(QStringLiteral("root"), kAdminPassword), ids);
    }

    void auditVerify_findsAnEditedEntry_andNamesIt()
    {
        QCOMPARE(cli({QStringLiteral("--db"), m_db, QStringLiteral("init")}).exitCode, 0);
        makeAdmin();
        const QStringList verify{QStringLiteral("--db"),   m_db,
                                 QStringLiteral("--user"), QStringLiteral("root"),
                                 QStringLiteral("audit"),  QStringLiteral("verify")};
        const Run intact = cli(verify + QStringList{QStringLiteral("--json")}, password(kAdminPassword));
        QCOMPARE(intact.exitCode, 0);
        const QJsonObject first = QJsonDocument::fromJson(intact.out.toUtf8()).object();
        QCOMPARE(first[QStringLiteral("status")].toString(), QStringLiteral("intact"));
        QCOMPARE(first[QStringLiteral("entries")].toInt(), 2); // user_created, login
        const QString anchor = first[QStringLiteral("anchor")].toString();
        QVERIFY(anchor.startsWith(QStringLiteral("2:")));
        // The anchor is still in the chain a run later.
        QCOMPARE(cli(verify + QStringList{QStringLiteral("--anchor"), anchor}, password(kAdminPassword)).exitCode, 0);

        {
            // What the triggers stop: someone drops them and edits a row.
            auto db = Database::open(m_db);
            QVERIFY(db);
            QVERIFY(db->execute("DROP TRIGGER audit_entries_no_update;"
                                "UPDATE audit_entries SET details = '{\"first_administrator\":false}' WHERE id = 1;"));
        }
        const Run broken = cli(verify, password(kAdminPassword));
        QCOMPARE(broken.exitCode, 7);
        QVERIFY2(broken.out.contains(QStringLiteral("BROKEN")), qPrintable(broken.out));
        QVERIFY2(broken.out.contains(QStringLiteral("entry 1 (altered)")), qPrintable(broken.out));
        const Run json = cli(verify + QStringList{QStringLiteral("--json")}, password(kAdminPassword));
        QCOMPARE(json.exitCode, 7);
        const QJsonArray problems
            = QJsonDocument::fromJson(json.out.toUtf8()).object()[QStringLiteral("problems")].toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first()[QStringLiteral("entry_id")].toInt(), 1);
    }

    void sync_reportsEachFileWithItsExitCode()
    {
        const QString db = m_db;
        const auto run = [&](const QStringList &arguments, const Environment &env = {}) {
            return cli(QStringList{QStringLiteral("--db"), db} + arguments, env);
        };
        QCOMPARE(run({QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(run({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("pd"), QStringLiteral("--role"),
                      QStringLiteral("admin")},
                     newPassword(kAdminPassword))
                     .exitCode,
                 0);
        const QString data = QStringLiteral(PME_SOURCE_DIR "/tests/data/sync/");
        // Given in the "wrong" order: the roster is synced first all the same.
        const Run ok = run({QStringLiteral("--user"), QStringLiteral("pd"), QStringLiteral("--json"), QStringLiteral("sync"),
                            data + QStringLiteral("assessments.csv"), data + QStringLiteral("roster.csv")},
                           password(kAdminPassword));
        QCOMPARE(ok.exitCode, 0);
        const QJsonArray reports = QJsonDocument::fromJson(ok.out.toUtf8()).array();
        QCOMPARE(reports.size(), 2);
        QCOMPARE(reports.at(0)[QStringLiteral("profile")].toString(), QStringLiteral("pmecoach-roster"));
        QCOMPARE(reports.at(1)[QStringLiteral("status")].toString(), QStringLiteral("partial"));
        QCOMPARE(reports.at(1)[QStringLiteral("inserted")].toInt(), 5);
        QCOMPARE(reports.at(1)[QStringLiteral("rejects")].toArray().size(), 6);
        const Run missing = run({QStringLiteral("--user"), QStringLiteral("pd"), QStringLiteral("sync"),
                                 data + QStringLiteral("no-such-file.csv")},
                                password(kAdminPassword));
        QCOMPARE(missing.exitCode, 6);
        const Run refused = run({QStringLiteral("--user"), QStringLiteral("pd"), QStringLiteral("sync"),
                                 QStringLiteral(PME_SOURCE_DIR "/README.md")},
                                password(kAdminPassword));
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains(QStringLiteral("refused")), qPrintable(refused.err));
        const Run anonymous = run({QStringLiteral("sync"), data + QStringLiteral("roster.csv")});
        QCOMPARE(anonymous.exitCode, 5);
    }

    void passwords_appearNowhere()
    {
        addLearners({QStringLiteral("Amara Okafor")});
        QString printed;
        const auto run = [&](const QStringList &arguments, const Environment &env) {
            const Run r = cli(QStringList{QStringLiteral("--db"), m_db} + arguments, env);
            printed += r.out + r.err;
            return r.exitCode;
        };
        QCOMPARE(run({QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("root"), QStringLiteral("--role"),
                      QStringLiteral("admin")},
                     newPassword(kAdminPassword)),
                 0);
        QCOMPARE(
            run({QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("learners"), QStringLiteral("list")},
                password(kAdminPassword)),
            0);
        QCOMPARE(
            run({QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("users"), QStringLiteral("list")},
                password(kWrongPassword)),
            5);
        QCOMPARE(run({QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("users"),
                      QStringLiteral("passwd"), QStringLiteral("root")},
                     both(kAdminPassword, kCoachPassword)),
                 0);
        QCOMPARE(
            run({QStringLiteral("--user"), QStringLiteral("root"), QStringLiteral("audit"), QStringLiteral("list")},
                password(kCoachPassword)),
            0);
        QVERIFY(printed.contains(QStringLiteral("password_changed")));

        QStringList files{m_db, m_db + QStringLiteral("-wal"), m_db + QStringLiteral("-shm")};
        for (QDirIterator it(s_configHome, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            files << it.next();
        for (const QString &secret : {kAdminPassword, kWrongPassword, kCoachPassword}) {
            QVERIFY2(!printed.contains(secret), qPrintable(secret));
            for (const QString &path : std::as_const(files)) {
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = file.readAll();
                const QByteArray utf8 = secret.toUtf8();
                const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
                for (const QByteArray &form : {utf8, utf16, utf8.toHex(), utf8.toBase64()})
                    QVERIFY2(!bytes.contains(form), qPrintable(path + QLatin1Char(' ') + secret));
            }
        }
    }

    void usersDemo_onlyInDemoStores_orWithYes()
    {
        const QList<qint64> ids = addLearners({QStringLiteral("Amara Okafor"), QStringLiteral("Ben Tran")});
        const Run refused = cli({QStringLiteral("--db"), m_db, QStringLiteral("users"), QStringLiteral("demo")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("--yes")), qPrintable(refused.err));
        {
            auto store = Store::open(m_db);
            QVERIFY(store);
            QVERIFY(DemoAccounts::markDemoStore(store->database()));
        }
        const Run made = cli({QStringLiteral("--db"), m_db, QStringLiteral("users"), QStringLiteral("demo")});
        QCOMPARE(made.exitCode, 0);
        QVERIFY2(made.out.contains(QStringLiteral("demo-coach")), qPrintable(made.out + made.err));
        QVERIFY(made.out.contains(DemoAccounts::password()));
        QCOMPARE(listedIds(QStringLiteral("demo-learner"), DemoAccounts::password()), QList<qint64>{ids.first()});
    }

private:
    // The first administrator, created as a person would: the CLI on a store without accounts.
    void makeAdmin()
    {
        const Run run = cli({QStringLiteral("--db"), m_db, QStringLiteral("users"), QStringLiteral("add"),
                             QStringLiteral("root"), QStringLiteral("--role"), QStringLiteral("admin")},
                            newPassword(kAdminPassword));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void addUser(const QString &name, const QStringList &options, const QString &userPassword)
    {
        const Run run = cli(QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--user"), QStringLiteral("root"),
                                        QStringLiteral("users"), QStringLiteral("add"), name}
                                + options,
                            both(kAdminPassword, userPassword));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    QList<qint64> addLearners(const QStringList &names)
    {
        auto store = Store::open(m_db);
        if (!store)
            return {};
        Program program;
        program.code = QStringLiteral("IM");
        program.name = QStringLiteral("Internal Medicine");
        auto programId = ProgramRepository(store->database()).add(program);
        QList<qint64> ids;
        for (const QString &name : names) {
            Learner learner;
            learner.programId = *programId;
            learner.displayName = name;
            learner.startDate = QDate(2025, 7, 1);
            ids << *LearnerRepository(store->database()).add(learner);
        }
        return ids;
    }

    QList<qint64> listedIds(const QString &user, const QString &userPassword)
    {
        const Run run = cli({QStringLiteral("--db"), m_db, QStringLiteral("--user"), user, QStringLiteral("--json"),
                             QStringLiteral("learners"), QStringLiteral("list")},
                            password(userPassword));
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        QList<qint64> ids;
        for (const QJsonValue &row : QJsonDocument::fromJson(run.out.toUtf8()).array())
            ids << row[QStringLiteral("id")].toInteger();
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    QTemporaryDir m_dir;
    QString m_db;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
