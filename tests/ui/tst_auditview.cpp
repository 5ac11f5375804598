// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "Translations.h"
#include "UiTestStores.h"
#include "governance/AuditLog.h"
#include "models/AuditTableModel.h"
#include "store/Database.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"
#include "views/AuditView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace pme;
using tests::UiTestStores;

/// The audit view: its model, its filters, the chain check, and who gets it at all.
class TestAuditView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_auditview"));
        QSettings().clear();
        QVERIFY(m_stores.isValid());
        core::installTranslations(*QCoreApplication::instance());
    }

    void init()
    {
        m_store = m_stores.open(QStringLiteral("audit-%1.sqlite").arg(++m_counter));
        core::Program program;
        program.code = QStringLiteral("IM");
        program.name = QStringLiteral("Internal Medicine");
        const qint64 programId = *core::ProgramRepository(m_store->database()).add(program);
        core::Learner learner;
        learner.programId = programId;
        learner.displayName = QStringLiteral("Amara Okafor");
        learner.startDate = QDate(2025, 7, 1);
        m_learner = *core::LearnerRepository(m_store->database()).add(learner);
        // 1 user_created (root), 2 user_created (coach), 3 login (coach), 4 login_failed,
        // 5 coach_assigned (about the learner).
        m_admin = UiTestStores::makeAdmin(*m_store);
        m_coach = UiTestStores::makeUser(*m_store, m_admin, QStringLiteral("coach"), core::Role::Coach);
        QVERIFY(!UiTestStores::accounts(*m_store).login(QStringLiteral("coach"), QStringLiteral("wrong-password")));
        QVERIFY(UiTestStores::accounts(*m_store).assignCoach(m_admin, m_coach.id(), m_learner));
    }

    void cleanup() { m_store.reset(); }

    void model_passesTheTester_andShowsEntriesNewestFirst()
    {
        ui::AuditTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto entries = (*m_store->audit())->query(m_store->database(), m_admin, {});
        QVERIFY(entries);
        model.setEntries(*entries);
        model.setLearnerNames({{m_learner, QStringLiteral("Amara Okafor")}});
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(ui::AuditTableModel::ColumnCount));
        QCOMPARE(model.index(0, ui::AuditTableModel::IdColumn).data().toLongLong(), 5);
        QCOMPARE(model.index(0, ui::AuditTableModel::ActionColumn).data().toString(), QStringLiteral("Coach assigned"));
        QCOMPARE(model.index(0, ui::AuditTableModel::ActionColumn).data(ui::AuditTableModel::RawRole).toString(),
                 QStringLiteral("coach_assigned"));
        QVERIFY(model.index(0, ui::AuditTableModel::LearnerColumn).data().toString().contains(QStringLiteral("Amara")));
        QCOMPARE(model.index(1, ui::AuditTableModel::ActionColumn).data().toString(),
                 QStringLiteral("Sign-in refused"));
        QVERIFY(model.index(1, ui::AuditTableModel::DetailsColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("wrong_password")));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filters_narrowTheEntries()
    {
        ui::AuditView view(*m_store, m_admin);
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.model()->rowCount(), 5);

        auto *user = view.findChild<QLineEdit *>(QStringLiteral("userFilter"));
        user->setText(QStringLiteral("coach"));
        view.refresh();
        QCOMPARE(actions(view), (QStringList{QStringLiteral("login_failed"), QStringLiteral("login")}));
        user->setText(QStringLiteral("nobody"));
        view.refresh();
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("auditStatus"))->text().contains(QStringLiteral("nobody")));
        user->clear();

        auto *action = view.findChild<QComboBox *>(QStringLiteral("actionFilter"));
        action->setCurrentIndex(action->findData(QStringLiteral("user_created")));
        QCOMPARE(view.model()->rowCount(), 2);
        action->setCurrentIndex(0);

        auto *learner = view.findChild<QComboBox *>(QStringLiteral("learnerFilter"));
        learner->setCurrentIndex(learner->findData(m_learner));
        QCOMPARE(actions(view), QStringList{QStringLiteral("coach_assigned")});
        // One entry: the English plural form of the status line.
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("auditStatus"))->text(), QStringLiteral("1 entry matches."));
        learner->setCurrentIndex(0);

        auto *from = view.findChild<QDateEdit *>(QStringLiteral("fromFilter"));
        auto *to = view.findChild<QDateEdit *>(QStringLiteral("toFilter"));
        const QDate today = QDate::currentDate();
        from->setDate(today.addDays(1));
        QCOMPARE(view.model()->rowCount(), 0);
        from->setDate(today.addDays(-1));
        to->setDate(today.addDays(1));
        QCOMPARE(view.model()->rowCount(), 5);
        view.findChild<QPushButton *>(QStringLiteral("clearFilters"))->click();
        QCOMPARE(from->date(), from->minimumDate());
        QCOMPARE(view.model()->rowCount(), 5);
    }

    void verify_reportsIntact_thenTheEditedEntry()
    {
        ui::AuditView view(*m_store, m_admin);
        auto *result = view.findChild<QLabel *>(QStringLiteral("verificationResult"));
        view.findChild<QPushButton *>(QStringLiteral("verifyButton"))->click();
        QVERIFY2(result->text().contains(QStringLiteral("Intact")), qPrintable(result->text()));
        QVERIFY(result->text().contains(QStringLiteral("5 entries checked")));

        QVERIFY(m_store->database().execute("DROP TRIGGER audit_entries_no_update;"
                                            "UPDATE audit_entries SET username = 'someone' WHERE id = 3;"));
        view.verifyChain();
        QVERIFY2(result->text().contains(QStringLiteral("Broken")), qPrintable(result->text()));
        QVERIFY2(result->text().contains(QStringLiteral("3")), qPrintable(result->text()));
    }

    void programDirector_seesAuditPage_coachDoesNot()
    {
        const auto director
            = UiTestStores::makeUser(*m_store, m_admin, QStringLiteral("director"), core::Role::ProgramDirector);
        {
            ui::MainWindow window(m_stores.open(m_store->path()), director);
            QVERIFY(window.findChild<ui::AuditView *>());
            QVERIFY(window.hasPage(ui::MainWindow::AuditPage));
            QVERIFY(visibleLabels(window).contains(QStringLiteral("Audit Log")));
        }
        ui::MainWindow window(m_stores.open(m_store->path()), m_coach);
        QVERIFY(!window.findChild<ui::AuditView *>());
        QVERIFY(!window.hasPage(ui::MainWindow::AuditPage));
        QVERIFY(!visibleLabels(window).contains(QStringLiteral("Audit Log")));
        window.showPage(ui::MainWindow::AuditPage);
        QVERIFY(window.currentPage() != ui::MainWindow::AuditPage);
        // Core refuses the audit to a coach whatever the window does.
        QCOMPARE((*m_store->audit())->query(m_store->database(), m_coach, {}).error().kind, core::ErrorKind::Denied);
    }

private:
    static QStringList actions(const ui::AuditView &view)
    {
        QStringList keys;
        for (int row = 0; row < view.model()->rowCount(); ++row)
            keys << view.model()
                        ->index(row, ui::AuditTableModel::ActionColumn)
                        .data(ui::AuditTableModel::RawRole)
                        .toString();
        return keys;
    }

    static QStringList visibleLabels(const ui::MainWindow &window)
    {
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QStringList labels;
        for (int i = 0; i < navigation->count(); ++i) {
            if (!navigation->isRowHidden(i))
                labels << navigation->item(i)->text();
        }
        return labels;
    }

    UiTestStores m_stores;
    std::unique_ptr<core::GovernedStore> m_store;
    core::ActingUser m_admin;
    core::ActingUser m_coach;
    qint64 m_learner = 0;
    int m_counter = 0;
};

QTEST_MAIN(TestAuditView)
#include "tst_auditview.moc"
