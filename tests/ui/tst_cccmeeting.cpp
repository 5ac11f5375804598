// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A short committee meeting (two residents) run from the keyboard alone: no mouse event is
// sent. The chair reorders the agenda, accepts and overrides levels with a rationale, picks
// the progress judgement, adds an action and a note, finalises and moves to the next resident.
#include "../core/workspace/WorkspaceTestStore.h"
#include "MainWindow.h"
#include "ccc/DecisionService.h"
#include "ccc/MeetingService.h"
#include "charts/PacketCharts.h"
#include "dialogs/PrepareMeetingDialog.h"
#include "views/DecisionEditor.h"
#include "views/LevelTable.h"
#include "views/MeetingView.h"
#include "views/PacketPanel.h"
#include "workspace/ProfileQueries.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QTimer>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace pme;

class TestCccMeeting : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;
    qint64 m_meeting = 0;

    static void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClick(focus, key, modifiers);
    }
    static void type(const QString &text)
    {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClicks(focus, text);
    }
    /// Arrow keys to row, then the chair types a level and its reason.
    static void typeLevel(ui::LevelTable *levels, int row)
    {
        while (levels->currentRow() < row)
            QTest::keyClick(levels, Qt::Key_Down);
        while (levels->currentRow() > row)
            QTest::keyClick(levels, Qt::Key_Up);
        type(QStringLiteral("1"));
        press(Qt::Key_Return);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QTRY_COMPARE(levels->currentColumn(), int(ui::LevelTable::Rationale));
        type(QStringLiteral("No ratings yet"));
        press(Qt::Key_Return);
        QTRY_VERIFY(levels->hasFocus()); // the editor has committed and closed
    }
    qint64 finalized(qint64 learnerId)
    {
        core::Statement s(m_demo.db(),
                          "SELECT count(*) FROM ccc_decisions WHERE meeting_id = ? AND learner_id = ? "
                          "AND finalized_at IS NOT NULL");
        s.bind(1, m_meeting);
        s.bind(2, learnerId);
        auto row = s.step();
        return row && *row ? s.columnInt64(0) : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_cccmeeting"));
        QSettings().clear();
        QVERIFY(m_demo.build());
        auto horizon = core::workspace::ProfileQueries::lastHorizon(m_demo.db());
        QVERIFY(horizon);
        const core::ActingUser director = m_demo.user(QStringLiteral("demo-director"));
        core::ccc::MeetingDraft draft;
        draft.programId = m_demo.scalar("SELECT program_id FROM learners WHERE id = ?", m_demo.flaggedLearner());
        draft.heldOn = *horizon;
        draft.period = core::ccc::Period{QStringLiteral("test period"), horizon->addDays(-1)};
        draft.members = {{m_demo.user(QStringLiteral("demo-ccc")).id(), {}, true, {}}, {director.id(), {}, false, {}}};
        draft.learnerIds = {
            m_demo.flaggedLearner(),
            m_demo.scalar("SELECT min(id) FROM learners WHERE status = 'active' AND id <> ?", m_demo.flaggedLearner())};
        auto id = core::ccc::MeetingService::prepare(m_demo.db(), m_demo.audit(), director, draft);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
        m_meeting = *id;
    }

    void meeting_runsOnTheKeyboardAlone()
    {
        auto store = core::GovernedStore::open(m_demo.path());
        QVERIFY(store);
        ui::MainWindow window(std::move(store).value(), m_demo.user(QStringLiteral("demo-ccc")));
        window.resize(1500, 950);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ui::MeetingView *view = window.meetingView();
        QVERIFY(view);
        QSignalSpy shown(view, &ui::MeetingView::residentShown);
        QSignalSpy decided(view, &ui::MeetingView::residentFinalized);

        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier); // Go > Committee
        QCOMPARE(window.currentPage(), ui::MainWindow::MeetingPage);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() >= 1, 20000);
        QCOMPARE(view->meetingId(), m_meeting);
        QCOMPARE(view->agenda()->count(), 2);
        QCOMPARE(view->packet()->charts()->chartCount(), 21);

        // Alt+A: the agenda; Alt+Down moves the first resident down, and that order is stored.
        const qint64 first = view->meeting().agenda.first().learnerId;
        press(Qt::Key_A, Qt::AltModifier);
        QVERIFY(view->agenda()->hasFocus());
        press(Qt::Key_Down, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(view->meeting().agenda.last().learnerId, first, 10000);
        press(Qt::Key_Up); // back to the top of the agenda, now the other resident
        QTRY_VERIFY_WITH_TIMEOUT(view->residentId() == view->meeting().agenda.first().learnerId
                                     && view->editor()->levels()->rowCount() == 21,
                                 20000);
        const qint64 resident1 = view->residentId();
        press(Qt::Key_Return); // from the agenda into the levels
        ui::LevelTable *levels = view->editor()->levels();
        QTRY_VERIFY(levels->hasFocus());

        // Enter accepts the first proposal (or, with none, the chair types it).
        QVERIFY(levels->currentRow() == 0);
        press(Qt::Key_Return);
        QTRY_COMPARE(levels->currentRow(), 1);
        QVERIFY(levels->levelAt(0).has_value());
        // Typing a different level overrides the second; the rationale opens for the reason.
        const QString proposed = levels->item(1, ui::LevelTable::Proposed)->text();
        const QString override = proposed.startsWith(QLatin1Char('1')) ? QStringLiteral("2") : QStringLiteral("1");
        type(override);
        press(Qt::Key_Return);
        QTRY_COMPARE(levels->currentColumn(), int(ui::LevelTable::Rationale));
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("Direct observation on nights"));
        press(Qt::Key_Return);
        QTRY_COMPARE(levels->currentRow(), 2);
        press(Qt::Key_R, Qt::AltModifier); // accept the remaining proposals
        // Subcompetencies without any proposal get a level typed by the chair, with a reason.
        for (int r = 0; r < levels->rowCount(); ++r) {
            if (!levels->levelAt(r))
                typeLevel(levels, r);
        }
        QTRY_COMPARE(levels->missing(), 0);
        press(Qt::Key_P, Qt::AltModifier);
        QVERIFY(view->editor()->progress()->hasFocus());
        press(Qt::Key_Down);
        press(Qt::Key_Down); // "As expected"
        QCOMPARE(view->editor()->progress()->currentData().toString(), QStringLiteral("as_expected"));
        press(Qt::Key_Return, Qt::ControlModifier); // finalise
        QTRY_VERIFY_WITH_TIMEOUT(decided.count() == 1, 20000);
        QCOMPARE(finalized(resident1), 22);
        QTRY_VERIFY_WITH_TIMEOUT(view->editor()->isFinalized(), 20000);
        auto stored = core::ccc::DecisionService::decisions(m_demo.db(), m_demo.user(QStringLiteral("demo-ccc")),
                                                            m_meeting, resident1);
        QVERIFY(stored);
        QVERIFY(std::any_of(stored->current.begin(), stored->current.end(), [](const core::ccc::DecisionRecord &d) {
            return d.isOverride() && d.rationale == QLatin1String("Direct observation on nights");
        }));

        // Ctrl+PgDown: the next resident. Not as expected, with a rationale, an action and a note.
        press(Qt::Key_PageDown, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(
            view->residentId() != resident1 && !view->editor()->isFinalized() && levels->rowCount() == 21, 20000);
        const qint64 resident2 = view->residentId();
        QTRY_VERIFY(levels->hasFocus());
        press(Qt::Key_R, Qt::AltModifier);
        for (int r = 0; r < levels->rowCount(); ++r) {
            if (!levels->levelAt(r))
                typeLevel(levels, r);
        }
        QTRY_COMPARE(levels->missing(), 0);
        press(Qt::Key_P, Qt::AltModifier);
        press(Qt::Key_Down);
        press(Qt::Key_Down);
        press(Qt::Key_Down); // "Not as expected"
        press(Qt::Key_Return, Qt::ControlModifier); // refused: no rationale yet
        QVERIFY(view->editor()->status()->text().contains(QStringLiteral("rationale")));
        QCOMPARE(decided.count(), 1);
        press(Qt::Key_T, Qt::AltModifier);
        type(QStringLiteral("Procedures behind peers"));
        press(Qt::Key_C, Qt::AltModifier);
        press(Qt::Key_Down); // learning plan
        press(Qt::Key_Tab);
        type(QStringLiteral("Written learning plan for procedures"));
        press(Qt::Key_Return); // adds the action
        QTRY_COMPARE(view->editor()->actions()->count(), 1);
        press(Qt::Key_N, Qt::AltModifier);
        type(QStringLiteral("Discussed with the program director."));
        press(Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(decided.count() == 2, 20000);
        QCOMPARE(finalized(resident2), 22);
        QCOMPARE(m_demo.scalar("SELECT count(*) FROM interventions i JOIN ccc_decisions d ON d.id = i.ccc_decision_id "
                               "WHERE d.meeting_id = ? AND i.kind = 'learning_plan'",
                               m_meeting),
                 1);
        QCOMPARE(
            m_demo.scalar("SELECT count(*) FROM ccc_agenda_items WHERE meeting_id = ? AND note IS NOT NULL", m_meeting),
            1);
        // Both residents are marked decided on the agenda.
        QTRY_VERIFY(view->agenda()->item(0)->text().contains(QStringLiteral("✓"))
                    && view->agenda()->item(1)->text().contains(QStringLiteral("✓")));

        // A finalised level is not edited: Alt+U supersedes it with a new, reasoned decision.
        QTRY_VERIFY_WITH_TIMEOUT(view->editor()->isFinalized() && view->residentId() == resident2, 20000);
        press(Qt::Key_L, Qt::AltModifier);
        bool answered = false;
        // The dialog is modal: answer it from a timer once it is open, with the keyboard.
        int attempts = 0;
        std::function<void()> answer = [&answered, &answer, &attempts] {
            QWidget *dialog = QApplication::activeModalWidget();
            auto *spin = dialog ? dialog->findChild<QDoubleSpinBox *>() : nullptr;
            // Until the dialog is shown and active, with the focus on its first field; a
            // dialog that never gets there is closed, so that the test fails instead of hanging.
            if (!spin || !spin->hasFocus()) {
                if (++attempts < 500)
                    QTimer::singleShot(20, answer);
                else if (auto *d = qobject_cast<QDialog *>(dialog))
                    d->reject();
                return;
            }
            const double before = spin->value();
            press(Qt::Key_Up);
            if (spin->value() == before)
                press(Qt::Key_Down);
            press(Qt::Key_Tab);
            type(QStringLiteral("Late ratings arrived"));
            press(Qt::Key_Return);
            answered = true;
        };
        QTimer::singleShot(0, answer);
        press(Qt::Key_U, Qt::AltModifier); // a mnemonic clicks its button a moment later
        QTRY_VERIFY_WITH_TIMEOUT(answered || attempts >= 500, 15000); // outlasts the answering timer
        QVERIFY(answered);
        QTRY_COMPARE_WITH_TIMEOUT(m_demo.scalar("SELECT count(*) FROM ccc_decisions WHERE meeting_id = ? "
                                                "AND supersedes_id IS NOT NULL",
                                                m_meeting),
                                  1, 20000);
        QCOMPARE(finalized(resident2), 23); // the old row stays beside the new one
    }

    void committeePage_onlyForTheCommittee()
    {
        for (const auto &[username, sees] :
             {std::pair{QStringLiteral("demo-coach"), false}, std::pair{QStringLiteral("demo-learner"), false},
              std::pair{QStringLiteral("demo-director"), true}}) {
            auto store = core::GovernedStore::open(m_demo.path());
            QVERIFY(store);
            ui::MainWindow window(std::move(store).value(), m_demo.user(username));
            QCOMPARE(window.hasPage(ui::MainWindow::MeetingPage), sees);
            QCOMPARE(window.meetingView() != nullptr, sees);
        }
    }

    void prepareDialog_proposesTheLastPeriodAndEveryResident()
    {
        const core::ActingUser chair = m_demo.user(QStringLiteral("demo-ccc"));
        auto choices = ui::PrepareMeetingDialog::loadChoices(m_demo.db(), chair);
        QVERIFY(choices);
        QCOMPARE(choices->size(), 1);
        QVERIFY(!ui::PrepareMeetingDialog::loadChoices(m_demo.db(), m_demo.user(QStringLiteral("demo-coach"))));
        ui::PrepareMeetingDialog dialog(*choices, chair);
        const core::ccc::MeetingDraft draft = dialog.draft();
        QCOMPARE(draft.members.first().userId, chair.id()); // the one preparing it chairs by default
        QVERIFY(draft.members.first().chair);
        QCOMPARE(draft.members.size(), 2); // and the program director sits too
        QCOMPARE(draft.learnerIds.size(),
                 int(m_demo.scalar("SELECT count(*) FROM learners WHERE status IN ('active', 'leave')")));
        const QDate today = QDate::currentDate();
        QCOMPARE(draft.period.end, today.month() > 6 ? QDate(today.year(), 6, 30) : QDate(today.year() - 1, 12, 31));
        QVERIFY(core::ccc::MeetingService::prepare(m_demo.db(), m_demo.audit(), chair, draft));
    }
};

QTEST_MAIN(TestCccMeeting)
#include "tst_cccmeeting.moc"
