// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileDialogs.h"
#include "MainWindow.h"
#include "SessionController.h"
#include "SignInPrompt.h"
#include "UiTestStores.h"
#include "Version.h"
#include "dialogs/AboutDialog.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pme;
using tests::UiTestStores;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        QVERIFY(m_stores.isValid());
    }

    void cleanup()
    {
        ui::FileDialogs::setAnswerer(nullptr);
        ui::SignInPrompt::setAnswerer(nullptr);
    }

    void navigation_hasEveryAreaAndSwitchesPages()
    {
        auto [store, admin] = openStore(QStringLiteral("nav.sqlite"));
        ui::MainWindow window(std::move(store), admin);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(navigation && pages);
        QStringList labels;
        for (int i = 0; i < navigation->count(); ++i) {
            if (!navigation->isRowHidden(i))
                labels << navigation->item(i)->text();
        }
        QCOMPARE(labels.join(QLatin1Char(',')), QStringLiteral("Cohort,Learner,Goals,Data,Audit Log,Settings"));
        navigation->setCurrentRow(ui::MainWindow::DataPage);
        QCOMPARE(pages->currentIndex(), int(ui::MainWindow::DataPage));
        QCOMPARE(window.currentPage(), ui::MainWindow::DataPage);
        // Every page says what will appear there (the audit log shows it).
        for (int i = 0; i < pages->count(); ++i) {
            if (i == ui::MainWindow::AuditPage)
                continue;
            if (i == ui::MainWindow::LearnerPage) {
                // The profile says how to open one until a learner is opened.
                auto *message = pages->widget(i)->findChild<QLabel *>(QStringLiteral("profileMessage"));
                QVERIFY(message && message->text().contains(QStringLiteral("Cohort")));
                continue;
            }
            if (i == ui::MainWindow::GoalsPage) {
                // Goal plans belong to a learner: the page says to open one first.
                auto *message = pages->widget(i)->findChild<QLabel *>(QStringLiteral("goalsMessage"));
                QVERIFY(message && message->text().contains(QStringLiteral("open a learner")));
                continue;
            }
            auto *explanation = pages->widget(i)->findChild<QLabel *>(QStringLiteral("emptyStateExplanation"));
            QVERIFY(explanation);
            QVERIFY(explanation->text().size() > 20);
        }
    }

    void emptyStore_saysHowDataArrives()
    {
        auto [store, admin] = openStore(QStringLiteral("empty.sqlite"));
        ui::MainWindow window(std::move(store), admin);
        auto *cohort = window.findChild<QWidget *>(QStringLiteral("page0"));
        auto *hint = cohort->findChild<QLabel *>(QStringLiteral("emptyStateHint"));
        QVERIFY(hint->text().contains(QStringLiteral("no learners yet")));
        auto *status = window.findChild<QLabel *>(QStringLiteral("storeLabel"));
        QVERIFY(status->text().contains(QStringLiteral("empty.sqlite")));
        QVERIFY(status->text().contains(QStringLiteral("0 learners")));
    }

    void statusBar_saysWhoIsSignedIn()
    {
        auto [store, admin] = openStore(QStringLiteral("who.sqlite"));
        const auto coach = UiTestStores::makeUser(*store, admin, QStringLiteral("coach"), core::Role::Coach);
        ui::MainWindow window(std::move(store), coach);
        auto *who = window.findChild<QLabel *>(QStringLiteral("signedInLabel"));
        QVERIFY(who);
        QCOMPARE(who->text(), QStringLiteral("Signed in as COACH (Coach)"));
        QVERIFY(window.windowTitle().contains(QStringLiteral("COACH")));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("DEMO")));
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("demoTag")));
    }

    void geometryAndPage_areRemembered()
    {
        {
            auto [store, admin] = openStore(QStringLiteral("geo.sqlite"));
            ui::MainWindow window(std::move(store), admin);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1111, 777);
            window.showPage(ui::MainWindow::SettingsPage);
            window.close();
        }
        auto again = m_stores.open(QStringLiteral("geo.sqlite"));
        const auto admin = *UiTestStores::accounts(*again).login(QStringLiteral("root"), UiTestStores::kAdminPassword);
        ui::MainWindow window(std::move(again), admin);
        QCOMPARE(window.size(), QSize(1111, 777));
        QCOMPARE(window.currentPage(), ui::MainWindow::SettingsPage);
    }

    void openDatabase_asksTheSessionToSignInThere()
    {
        auto [store, admin] = openStore(QStringLiteral("first.sqlite"));
        ui::MainWindow window(std::move(store), admin);
        const QString second = m_stores.path(QStringLiteral("second.sqlite"));
        ui::FileDialogs::setAnswerer([&](const QString &, const QString &) { return second; });
        QSignalSpy requested(&window, &ui::MainWindow::openDatabaseRequested);
        window.showPage(ui::MainWindow::SettingsPage);
        auto *button = window.findChild<QPushButton *>(QStringLiteral("openDatabaseButton"));
        QVERIFY(button);
        button->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), second);
    }

    void session_signsIn_thenSwitchesDatabase()
    {
        ui::SessionController session(m_stores.options());
        // The first-run dialog's part, answered: an administrator for each new store.
        ui::SignInPrompt::setAnswerer([](core::GovernedStore &store) -> std::optional<core::ActingUser> {
            return UiTestStores::makeAdmin(store);
        });
        auto started = session.start(m_stores.path(QStringLiteral("session-a.sqlite")));
        QVERIFY(started && *started);
        QVERIFY(session.window());
        QVERIFY(session.window()->isVisible());
        QCOMPARE(session.window()->user().username(), QStringLiteral("root"));

        const QString second = m_stores.path(QStringLiteral("session-b.sqlite"));
        ui::FileDialogs::setAnswerer([&](const QString &, const QString &) { return second; });
        session.window()->findChild<QPushButton *>(QStringLiteral("openDatabaseButton"))->click();
        QCOMPARE(session.window()->store().path(), second);
        auto *status = session.window()->findChild<QLabel *>(QStringLiteral("storeLabel"));
        QVERIFY(status->text().contains(QStringLiteral("session-b.sqlite")));

        // Cancelling a sign-in keeps the window there was.
        ui::SignInPrompt::setAnswerer([](core::GovernedStore &) { return std::optional<core::ActingUser>(); });
        ui::MainWindow *before = session.window();
        emit before->switchUserRequested();
        QCOMPARE(session.window(), before);
    }

    void about_showsVersion()
    {
        ui::AboutDialog dialog;
        auto *text = dialog.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QString::fromLatin1(core::kVersion)));
    }

private:
    // A store with its first administrator, who is signed in.
    std::pair<std::unique_ptr<core::GovernedStore>, core::ActingUser> openStore(const QString &name)
    {
        auto store = m_stores.open(name);
        auto admin = UiTestStores::makeAdmin(*store);
        return {std::move(store), admin};
    }

    UiTestStores m_stores;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
