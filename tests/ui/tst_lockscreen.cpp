// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "Settings.h"
#include "UiTestStores.h"
#include "views/IdleLockEditor.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

using namespace pme;
using tests::UiTestStores;

/// The idle lock: the window hides its content after the idle time and comes back only
/// with the signed-in person's password.
class TestLockScreen : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_lockscreen"));
        QSettings().clear();
        QVERIFY(m_stores.isValid());
    }

    void idle_locks_andTheRightPasswordUnlocks()
    {
        ui::Settings::idleLockSeconds.set(1);
        auto store = m_stores.open(QStringLiteral("lock.sqlite"));
        const auto coach = UiTestStores::makeUser(*store, UiTestStores::makeAdmin(*store), QStringLiteral("coach"),
                                                  core::Role::Coach);
        ui::MainWindow window(std::move(store), coach);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(pages->isVisible());
        QVERIFY(!window.isLocked());

        QTRY_VERIFY_WITH_TIMEOUT(window.isLocked(), 5000);
        QVERIFY(!pages->isVisible());
        QVERIFY(!window.menuBar()->isEnabled());
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence::Open)
                QVERIFY(!action->isEnabled());
        }
        auto *who = window.findChild<QLabel *>(QStringLiteral("lockWho"));
        QVERIFY(who->isVisible());
        QVERIFY(who->text().contains(QStringLiteral("coach")));

        auto *password = window.findChild<QLineEdit *>(QStringLiteral("unlockPassword"));
        auto *unlock = window.findChild<QPushButton *>(QStringLiteral("unlockButton"));
        auto *message = window.findChild<QLabel *>(QStringLiteral("unlockMessage"));
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        password->setText(QStringLiteral("not-my-password"));
        unlock->click();
        QTRY_VERIFY(message->text().contains(QStringLiteral("incorrect")));
        QVERIFY(window.isLocked());

        // The Settings page's control applies at once: back to minutes, so that the window
        // does not lock again while the test looks at it.
        window.findChild<QSpinBox *>(QStringLiteral("idleLockMinutes"))->setValue(10);
        password->setText(UiTestStores::kCoachPassword);
        unlock->click();
        QTRY_VERIFY(!window.isLocked());
        QVERIFY(pages->isVisible());
        QVERIFY(window.menuBar()->isEnabled());
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence::Open)
                QVERIFY(action->isEnabled());
        }
    }

    void switchUser_isOffered()
    {
        auto store = m_stores.open(QStringLiteral("switch.sqlite"));
        const auto admin = UiTestStores::makeAdmin(*store);
        ui::MainWindow window(std::move(store), admin);
        QSignalSpy switching(&window, &ui::MainWindow::switchUserRequested);
        window.lock();
        QVERIFY(window.isLocked());
        window.findChild<QPushButton *>(QStringLiteral("switchUserButton"))->click();
        QCOMPARE(switching.size(), 1);
    }

    void idleTime_isASettingInMinutes()
    {
        ui::Settings::idleLockSeconds.set(10 * 60);
        ui::IdleLockEditor editor;
        auto *minutes = editor.findChild<QSpinBox *>(QStringLiteral("idleLockMinutes"));
        QCOMPARE(minutes->value(), 10);
        QSignalSpy changed(&editor, &ui::IdleLockEditor::timeoutChanged);
        minutes->setValue(3);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toInt(), 180);
        QCOMPARE(ui::Settings::idleLockSeconds.get(), 180);
    }

private:
    UiTestStores m_stores;
};

QTEST_MAIN(TestLockScreen)
#include "tst_lockscreen.moc"
