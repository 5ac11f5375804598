// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "Translations.h"
#include "UiTestStores.h"
#include "dialogs/FirstAdministratorDialog.h"
#include "dialogs/LoginDialog.h"
#include "governance/DemoAccounts.h"
#include "store/LearnerRepository.h"
#include "store/ProgramRepository.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace pme;
using tests::UiTestStores;

/// The sign-in dialog, the first-run administrator dialog, and how demo accounts show.
class TestSignIn : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_signin"));
        QSettings().clear();
        QVERIFY(m_stores.isValid());
        core::installTranslations(*QCoreApplication::instance());
    }

    void login_rightPassword_signsIn()
    {
        auto store = storeWithCoach();
        LoginDialog dialog(store->path(), m_stores.options());
        dialog.show();
        QSignalSpy started(&dialog, &ui::LoginDialog::signInStarted);
        submit(dialog, QStringLiteral("Coach"), UiTestStores::kCoachPassword);
        QCOMPARE(started.size(), 1);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.user().username(), QStringLiteral("coach"));
        QVERIFY(dialog.user().hasRole(core::Role::Coach));
    }

    void login_wrongPassword_saysSoAndStaysOpen()
    {
        auto store = storeWithCoach();
        LoginDialog dialog(store->path(), m_stores.options());
        dialog.show();
        submit(dialog, QStringLiteral("coach"), QStringLiteral("not-the-password"));
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("message"));
        QTRY_VERIFY(message->text().contains(QStringLiteral("user name or password is incorrect")));
        QVERIFY(!dialog.isBusy());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
        QVERIFY(!dialog.user().isValid());
    }

    void login_lockedOut_saysHowLongInPlainEnglish()
    {
        auto store = storeWithCoach();
        LoginDialog dialog(store->path(), m_stores.options());
        dialog.show();
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("message"));
        for (int attempt = 1; attempt <= core::Authenticator::kFreeFailures; ++attempt) {
            submit(dialog, QStringLiteral("coach"), QStringLiteral("wrong-guess-%1").arg(attempt));
            QTRY_VERIFY(!dialog.isBusy());
        }
        // The English plural forms (translations/pmecoach_en.ts), not "30 second(s)".
        QVERIFY2(message->text().endsWith(QStringLiteral("Try again in 30 seconds.")), qPrintable(message->text()));
        QCOMPARE(QCoreApplication::translate("pme::core::Authenticator",
                                             "Too many failed sign-ins: this account is locked. Try again in %n "
                                             "second(s).",
                                             nullptr, 1),
                 QStringLiteral("Too many failed sign-ins: this account is locked. Try again in 1 second."));
    }

    void demoStore_isMarkedBeforeAndAfterSignIn()
    {
        auto store = m_stores.open(QStringLiteral("demo.sqlite"));
        core::Program program;
        program.code = QStringLiteral("IM");
        program.name = QStringLiteral("Internal Medicine");
        core::Learner learner;
        learner.programId = *core::ProgramRepository(store->database()).add(program);
        learner.displayName = QStringLiteral("Amara Okafor");
        learner.startDate = QDate(2025, 7, 1);
        QVERIFY(core::LearnerRepository(store->database()).add(learner));
        QVERIFY(core::DemoAccounts::create(store->database(), UiTestStores::accounts(*store), core::ActingUser()));

        LoginDialog dialog(store->path(), m_stores.options());
        dialog.setDemoAccounts(*core::DemoAccounts::present(store->database()));
        auto *banner = dialog.findChild<QLabel *>(QStringLiteral("demoBanner"));
        QVERIFY(!banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("DEMO")));
        QVERIFY(banner->text().contains(QStringLiteral("demo-coach")));
        dialog.show();
        submit(dialog, QStringLiteral("demo-coach"), core::DemoAccounts::password());
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.user().isDemo());

        const QString path = store->path();
        ui::MainWindow window(m_stores.open(path), dialog.user());
        QVERIFY(window.windowTitle().contains(QStringLiteral("DEMO")));
        auto *tag = window.findChild<QLabel *>(QStringLiteral("demoTag"));
        QVERIFY(tag);
        QCOMPARE(tag->text(), QStringLiteral("DEMO"));
        QVERIFY(window.findChild<QLabel *>(QStringLiteral("signedInLabel"))->text().contains(QStringLiteral("Coach")));
    }

    void firstAdministrator_checksAsYouType_thenCreatesAndSignsIn()
    {
        auto store = m_stores.open(QStringLiteral("first.sqlite"));
        ui::FirstAdministratorDialog dialog(store->path(), m_stores.options());
        dialog.show();
        auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createButton"));
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("message"));
        QVERIFY(!create->isEnabled());
        fill(dialog, "username", QStringLiteral("rita"));
        fill(dialog, "password", QStringLiteral("short"));
        QVERIFY(message->text().contains(QStringLiteral("10")));
        QVERIFY(!create->isEnabled());
        fill(dialog, "password", UiTestStores::kAdminPassword);
        fill(dialog, "repeatPassword", UiTestStores::kAdminPassword + QLatin1Char('x'));
        QVERIFY(message->text().contains(QStringLiteral("differ")));
        QVERIFY(!create->isEnabled());
        fill(dialog, "repeatPassword", UiTestStores::kAdminPassword);
        QVERIFY(create->isEnabled());
        create->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.user().hasRole(core::Role::Admin));
        QVERIFY(!*UiTestStores::accounts(*store).needsFirstAdministrator());
    }

private:
    using LoginDialog = ui::LoginDialog;

    std::unique_ptr<core::GovernedStore> storeWithCoach()
    {
        auto store = m_stores.open(QStringLiteral("signin-%1.sqlite").arg(++m_counter));
        UiTestStores::makeUser(*store, UiTestStores::makeAdmin(*store), QStringLiteral("coach"), core::Role::Coach);
        return store;
    }

    static void fill(QWidget &dialog, const char *name, const QString &text)
    {
        auto *edit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

    static void submit(LoginDialog &dialog, const QString &username, const QString &password)
    {
        fill(dialog, "username", username);
        fill(dialog, "password", password);
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
        QVERIFY(button->isEnabled());
        button->click();
    }

    UiTestStores m_stores;
    int m_counter = 0;
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
