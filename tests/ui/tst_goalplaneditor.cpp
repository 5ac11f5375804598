// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "../core/workspace/WorkspaceTestStore.h"
#include "MainWindow.h"
#include "models/FlagTableModel.h"
#include "models/GoalTableModel.h"
#include "views/CoachingNotesPanel.h"
#include "views/FlagPanel.h"
#include "views/GoalEditor.h"
#include "views/GoalsView.h"
#include "views/LearnerProfileView.h"
#include "views/PlanPdf.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

using namespace pme;

class TestGoalPlanEditor : public QObject {
    Q_OBJECT

private:
    tests::WorkspaceTestStore m_demo;
    QTemporaryDir m_out;

    std::unique_ptr<ui::MainWindow> window(const QString &username)
    {
        auto store = core::GovernedStore::open(m_demo.path());
        if (!store)
            qFatal("open: %s", qPrintable(store.error().message));
        auto w = std::make_unique<ui::MainWindow>(std::move(store).value(), m_demo.user(username));
        w->resize(1500, 950);
        w->show();
        return w;
    }

    /// The window's Goals page on the flagged learner, loaded.
    ui::GoalsView *goalsOf(ui::MainWindow &w, bool openLearner)
    {
        if (openLearner)
            w.openLearner(m_demo.flaggedLearner());
        ui::GoalsView *goals = w.goalsView();
        if (!goals)
            return nullptr;
        // The profile sets the page's learner; the page reads the plans once it is shown.
        if (!QTest::qWaitFor([&] { return goals->learnerId() == m_demo.flaggedLearner(); }, 30000))
            return nullptr;
        w.showPage(ui::MainWindow::GoalsPage);
        if (!QTest::qWaitFor([&] { return goals->snapshot().learnerId == m_demo.flaggedLearner(); }, 30000))
            return nullptr;
        return goals;
    }

    template<typename T> static T *child(QWidget *parent, const char *name)
    {
        auto *found = parent->findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }

    /// Clicks (at the left, where a check box's indicator is) and waits for the page to reload.
    static bool clickAndWait(ui::GoalsView *goals, QAbstractButton *button)
    {
        QSignalSpy loaded(goals, &ui::GoalsView::loaded);
        QSignalSpy failed(goals, &ui::GoalsView::failed);
        QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
        if (!QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 30000))
            return false;
        if (!failed.isEmpty())
            qWarning("refused: %s", qPrintable(failed.first().first().toString()));
        return failed.isEmpty();
    }

    /// Answers the next message box with button from a timer (the box runs its own event
    /// loop); the box's text, once answered. Never hangs: after 20 s it stops looking, and
    /// closes whatever modal is open then.
    static std::shared_ptr<QString> answerDialog(QMessageBox::StandardButton button)
    {
        auto seen = std::make_shared<QString>();
        auto *timer = new QTimer(qApp);
        const QDeadlineTimer deadline(20000);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, deadline, button, seen] {
            QWidget *modal = QApplication::activeModalWidget();
            auto *box = qobject_cast<QMessageBox *>(modal);
            const bool answer = box && box->button(button);
            if (!answer && !deadline.hasExpired())
                return;
            timer->stop();
            timer->deleteLater();
            if (answer) {
                *seen = box->text();
                box->button(button)->click();
            } else if (modal) {
                modal->close();
            }
        });
        timer->start(20);
        return seen;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("pmecoach-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_goalplaneditor"));
        QSettings().clear();
        QVERIFY(m_out.isValid());
        QVERIFY(m_demo.build());
    }

    void planEditor_learnerDraftsCoachCommentsAndSignsLearnerSigns_agreed()
    {
        qint64 planId = 0;
        // Draft as the learner: a plan, then a measurable goal with an action.
        {
            auto w = window(tests::WorkspaceTestStore::flaggedLearnerAccount());
            ui::GoalsView *goals = goalsOf(*w, false);
            QVERIFY(goals);
            QAbstractItemModelTester tester(goals->goals(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QTest::keyClicks(child<QLineEdit>(goals, "newPlanTitle"), QStringLiteral("Winter block plan"));
            QVERIFY(clickAndWait(goals, child<QPushButton>(goals, "startPlan")));
            QVERIFY(goals->plan());
            QCOMPARE(goals->plan()->summary.header.title, QStringLiteral("Winter block plan"));
            QVERIFY(goals->plan()->goals.isEmpty());
            planId = goals->plan()->summary.id;

            ui::GoalEditor *editor = goals->editor();
            QTest::keyClicks(editor->statementEdit(), QStringLiteral("Present a case at morning report"));
            editor->competencyBox()->setCurrentIndex(1);
            editor->measureBox()->setCurrentIndex(0); // estimated level at least
            editor->targetBox()->setValue(3.5);
            QTest::mouseClick(child<QPushButton>(editor, "addAction"), Qt::LeftButton);
            auto *actions = child<QTableWidget>(editor, "goalActions");
            QCOMPARE(actions->rowCount(), 1);
            actions->item(0, 0)->setText(QStringLiteral("Volunteer for the next morning report"));
            QVERIFY(clickAndWait(goals, child<QPushButton>(editor, "addGoal")));
            QCOMPARE(goals->plan()->goals.size(), 1);
            const auto &goal = goals->plan()->goals.first();
            QCOMPARE(goal.draft.statement, QStringLiteral("Present a case at morning report"));
            QCOMPARE(goal.draft.measure.target, 3.5);
            QCOMPARE(goal.draft.actions.size(), 1);
            QVERIFY(goal.progress.measurable);
            QCOMPARE(goals->goals()->rowCount(), 1);
            QVERIFY(goals->stateText().contains(QStringLiteral("not signed yet")));
        }
        // As the coach: comment, then sign.
        {
            auto w = window(QStringLiteral("demo-coach"));
            ui::GoalsView *goals = goalsOf(*w, true);
            QVERIFY(goals);
            QVERIFY(goals->plan());
            QCOMPARE(goals->plan()->summary.id, planId); // the newest plan is shown first
            QVERIFY(goals->plan()->mayEdit);
            QVERIFY(!child<QCheckBox>(goals, "sharePlan")->isVisible()); // sharing is the learner's
            goals->tabs()->setCurrentIndex(1);
            QTest::keyClicks(child<QLineEdit>(goals, "planComment"), QStringLiteral("Good goal: aim for two cases."));
            QVERIFY(clickAndWait(goals, child<QPushButton>(goals, "commentPlan")));
            QVERIFY(child<QTextBrowser>(goals, "planHistory")
                        ->toPlainText()
                        .contains(QStringLiteral("Good goal: aim for two cases.")));
            auto *sign = child<QPushButton>(goals, "signPlan");
            QVERIFY(sign->isEnabled());
            QVERIFY(clickAndWait(goals, sign));
            QCOMPARE(goals->plan()->signatures.size(), 1);
            QVERIFY(!goals->plan()->isAgreed());
            QVERIFY(!sign->isEnabled());
            QVERIFY2(goals->stateText().contains(QStringLiteral("waiting for the learner")),
                     qPrintable(goals->stateText()));
        }
        // As the learner: sign, and the plan is agreed.
        {
            auto w = window(tests::WorkspaceTestStore::flaggedLearnerAccount());
            ui::GoalsView *goals = goalsOf(*w, false);
            QVERIFY(goals);
            auto *exportButton = child<QPushButton>(goals, "exportPlan");
            QVERIFY(!exportButton->isEnabled());
            QVERIFY(clickAndWait(goals, child<QPushButton>(goals, "signPlan")));
            QVERIFY(goals->plan()->isAgreed());
            QVERIFY2(goals->stateText().contains(QStringLiteral("Agreed")), qPrintable(goals->stateText()));
            QVERIFY(!child<QPushButton>(goals, "signPlan")->isVisible()); // agreed: nothing left to sign
            const QString history = child<QTextBrowser>(goals, "planHistory")->toPlainText();
            QVERIFY(history.contains(QStringLiteral("Good goal: aim for two cases.")));
            QVERIFY(history.contains(QStringLiteral("Agreed: the learner and the coach signed version")));
            QVERIFY(exportButton->isEnabled());
            const QString pdf = m_out.filePath(QStringLiteral("plan.pdf"));
            QVERIFY(goals->exportPdf(pdf));
            QVERIFY(QFileInfo(pdf).size() > 1000);
        }
        // The program director sees no plan: it is private to the pair.
        {
            auto w = window(QStringLiteral("demo-director"));
            ui::GoalsView *goals = goalsOf(*w, true);
            QVERIFY(goals);
            for (const auto &p : goals->snapshot().plans)
                QVERIFY(p.id != planId);
            QVERIFY(!goals->plan() || goals->plan()->summary.id != planId);
            QVERIFY(!child<QPushButton>(goals, "startPlan")->isVisible());
            QVERIFY(!child<QPushButton>(goals, "signPlan")->isVisible());
        }
    }

    void flag_createGoalFromThis_opensGoalsWithAProposedGoal()
    {
        auto w = window(QStringLiteral("demo-coach"));
        // The Goals page has read this learner already: coming back to it must not replace
        // the proposal with a plain reload.
        QVERIFY(goalsOf(*w, true));
        w->showPage(ui::MainWindow::LearnerPage);
        ui::LearnerProfileView *profile = w->profileView();
        QTRY_COMPARE_WITH_TIMEOUT(profile->learnerId(), m_demo.flaggedLearner(), 30000);
        ui::FlagPanel *flags = profile->flags();
        QVERIFY(flags->model()->rowCount() > 0);
        const qint64 flagId = flags->model()->flag(0).id;
        QVERIFY(flags->selectFlag(flagId));
        auto *create = child<QPushButton>(flags, "goalFromFlag");
        QTRY_VERIFY_WITH_TIMEOUT(create->isVisible(), 30000);
        QTest::mouseClick(create, Qt::LeftButton);
        QCOMPARE(w->currentPage(), ui::MainWindow::GoalsPage);
        ui::GoalsView *goals = w->goalsView();
        QTRY_VERIFY_WITH_TIMEOUT(!goals->editor()->statementEdit()->text().isEmpty() && goals->editor()->goalId() == 0,
                                 30000);
        QCOMPARE(goals->editor()->draft().fromFlagId, flagId);
        // Pre-filled from the flag: its competency, a measure, and its evidence named.
        auto *source = child<QLabel>(goals->editor(), "goalSource");
        QVERIFY2(source->text().contains(QStringLiteral("From the flag"))
                     && source->text().contains(QStringLiteral("evidence")),
                 qPrintable(source->text()));
        QCOMPARE(goals->editor()->draft().competencyId,
                 flags->model()->flag(flags->model()->rowOf(flagId)).competencyId);
        QVERIFY(clickAndWait(goals, child<QPushButton>(goals->editor(), "addGoal")));
        QVERIFY(goals->plan());
        bool remembered = false;
        for (const auto &g : goals->plan()->goals)
            remembered |= g.draft.fromFlagId == flagId;
        QVERIFY(remembered);
        // Adding a goal to the agreed plan reopened it.
        QCOMPARE(goals->plan()->summary.status, QStringLiteral("draft"));

        // The flag shows its goal.
        w->showPage(ui::MainWindow::LearnerPage);
        QVERIFY(flags->selectFlag(flagId) || flags->selectedFlag() == flagId);
        auto *label = flags->findChild<QLabel *>(QStringLiteral("flagGoals"));
        QVERIFY(label);
        flags->table()->clearSelection();
        QVERIFY(flags->selectFlag(flagId));
        QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("Goal from this flag")), 30000);
    }

    void notes_coachWritesLearnerShares()
    {
        {
            auto w = window(QStringLiteral("demo-coach"));
            ui::GoalsView *goals = goalsOf(*w, true);
            QVERIFY(goals);
            goals->tabs()->setCurrentIndex(2);
            ui::CoachingNotesPanel *notes = goals->notes();
            QTest::keyClicks(child<QPlainTextEdit>(notes, "noteBody"), QStringLiteral("Discussed the night float."));
            QVERIFY(clickAndWait(goals, child<QPushButton>(notes, "addNote")));
            QCOMPARE(goals->snapshot().notes.first().body, QStringLiteral("Discussed the night float."));
            QVERIFY(!child<QCheckBox>(notes, "shareNote")->isVisible());
        }
        {
            auto w = window(tests::WorkspaceTestStore::flaggedLearnerAccount());
            ui::GoalsView *goals = goalsOf(*w, false);
            QVERIFY(goals);
            goals->tabs()->setCurrentIndex(2);
            ui::CoachingNotesPanel *notes = goals->notes();
            notes->list()->setCurrentRow(0);
            auto *share = child<QCheckBox>(notes, "shareNote");
            QVERIFY(share->isVisible() && share->isEnabled());
            QVERIFY(clickAndWait(goals, share));
            QCOMPARE(goals->snapshot().notes.first().visibility, QStringLiteral("program"));
        }
        auto w = window(QStringLiteral("demo-director"));
        ui::GoalsView *goals = goalsOf(*w, true);
        QVERIFY(goals);
        bool seen = false;
        for (const auto &n : goals->snapshot().notes) {
            QCOMPARE(n.visibility, QStringLiteral("program"));
            seen |= n.body == QLatin1String("Discussed the night float.");
        }
        QVERIFY(seen);
    }

    void actionDoneAndClose_coachMarksAnActionDoneThenClosesThePlan()
    {
        auto w = window(QStringLiteral("demo-coach"));
        ui::GoalsView *goals = goalsOf(*w, true);
        QVERIFY(goals && goals->plan() && goals->plan()->mayEdit);
        const QString title = goals->plan()->summary.header.title;
        QVERIFY(!goals->plan()->isAgreed());
        const int version = goals->plan()->summary.version;
        int row = -1;
        for (int r = 0; r < goals->goals()->rowCount(); ++r) {
            if (!goals->goals()->goals().at(r).draft.actions.isEmpty())
                row = r;
        }
        QVERIFY(row >= 0);
        const qint64 goalId = goals->goals()->goals().at(row).id;
        child<QTableView>(goals, "goalTable")->selectRow(row);
        QCOMPARE(goals->editor()->goalId(), goalId);
        auto *actions = child<QTableWidget>(goals->editor(), "goalActions");
        auto *done = qobject_cast<QCheckBox *>(actions->cellWidget(0, 3));
        QVERIFY(done && done->isEnabled() && !done->isChecked());
        // Typed and not saved: the box asks for a save first and changes nothing.
        QVERIFY(!goals->editor()->hasUnsavedChanges());
        const QString statement = goals->editor()->statementEdit()->text();
        goals->editor()->statementEdit()->setText(statement + QStringLiteral(" (draft wording)"));
        QVERIFY(goals->editor()->hasUnsavedChanges());
        auto unsaved = answerDialog(QMessageBox::Ok);
        QTest::mouseClick(done, Qt::LeftButton, {}, QPoint(8, done->height() / 2));
        QTRY_VERIFY(!unsaved->isEmpty());
        QVERIFY(!done->isChecked());
        QCOMPARE(goals->editor()->statementEdit()->text(), statement + QStringLiteral(" (draft wording)"));
        QVERIFY(!goals->plan()->goal(goalId)->draft.actions.first().doneOn);
        goals->editor()->statementEdit()->setText(statement);
        QVERIFY(!goals->editor()->hasUnsavedChanges());
        QVERIFY(clickAndWait(goals, done));
        const QDate today = QDate::currentDate();
        QCOMPARE(goals->plan()->goal(goalId)->draft.actions.first().doneOn, std::optional<QDate>(today));
        QCOMPARE(goals->plan()->summary.version, version); // progress, not content
        QCOMPARE(goals->editor()->goalId(), goalId);
        done = qobject_cast<QCheckBox *>(actions->cellWidget(0, 3));
        QVERIFY(done && done->isChecked());
        QCOMPARE(done->text(), QLocale().toString(today, QLocale::ShortFormat));
        QVERIFY(child<QTextBrowser>(goals, "planHistory")->toPlainText().contains(QStringLiteral("marked the action")));
        // The PDF names a done action with its date.
        QVERIFY(
            ui::PlanPdf::html(*goals->plan()).contains(QLocale().toString(today, QLocale::LongFormat).toHtmlEscaped()));

        // Close: cancelled first, then confirmed.
        auto *close = child<QPushButton>(goals, "closePlan");
        QVERIFY(close->isVisible());
        auto cancelled = answerDialog(QMessageBox::Cancel);
        QTest::mouseClick(close, Qt::LeftButton);
        QVERIFY2(cancelled->contains(title), qPrintable(*cancelled));
        QTest::qWait(200);
        QVERIFY(goals->plan()->summary.status != QLatin1String("closed"));
        auto confirmed = answerDialog(QMessageBox::Yes);
        QVERIFY(clickAndWait(goals, close));
        QVERIFY(!confirmed->isEmpty());
        QCOMPARE(goals->plan()->summary.status, QStringLiteral("closed"));
        QVERIFY(!goals->plan()->mayEdit);
        QVERIFY2(goals->stateText().contains(QStringLiteral("Closed")), qPrintable(goals->stateText()));
        // Read-only now: no closing, signing or commenting, and the form does not edit.
        QVERIFY(!close->isVisible());
        QVERIFY(!child<QPushButton>(goals, "signPlan")->isVisible());
        QVERIFY(!child<QLineEdit>(goals, "planComment")->isVisible());
        QVERIFY(!goals->editor()->statementEdit()->isEnabled());
        QVERIFY(!child<QPushButton>(goals->editor(), "saveGoal")->isVisible());
        child<QTableView>(goals, "goalTable")->selectRow(row);
        done = qobject_cast<QCheckBox *>(actions->cellWidget(0, 3));
        QVERIFY(done && done->isChecked() && !done->isEnabled());
        // Closed as a draft: there is no agreed record to export (one closed after its
        // agreement still exports: tst_goalplans).
        QVERIFY(!goals->plan()->hasAgreement());
        QVERIFY(!goals->stateText().contains(QStringLiteral("agreement")));
        QVERIFY(!child<QPushButton>(goals, "exportPlan")->isEnabled());
        QVERIFY(!goals->exportPdf(m_out.filePath(QStringLiteral("closed-plan.pdf"))));
    }
};

QTEST_MAIN(TestGoalPlanEditor)
#include "tst_goalplaneditor.moc"
