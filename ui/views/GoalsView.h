// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "goals/GoalTypes.h"
#include "governance/ActingUser.h"
#include "governance/GovernedStore.h"
#include "views/GoalsSnapshot.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace pme::ui {

class CoachingNotesPanel;
class GoalEditor;
class GoalTableModel;
class PlanStateBar;
class WorkspaceWorker;

/// The Goals page: the goal plans of the learner open on the Learner page (a learner's own),
/// the plan editor with progress toward each measurable target, the signatures and the
/// agreement, the history as a conversation with a comment box, the coaching notes, and the
/// agreed plan as a PDF. Reads and writes run on the workspace worker through core (the
/// goals services decide who may do what and audit it); the page only reflects the answer.
class GoalsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoalsView)

public:
    GoalsView(WorkspaceWorker &worker, core::ActingUser user, QWidget *parent = nullptr);

    /// Shows the learner's plans (core decides what of them this person may see). Read when
    /// the page is shown: a shared plan read by the program is audited as a view, and opening
    /// a profile is not a view of its plans.
    void setLearner(qint64 learnerId);
    qint64 learnerId() const { return m_learnerId; }
    /// Opens the learner's page with a goal proposed from the flag, ready to edit and add.
    void proposeFromFlag(qint64 learnerId, qint64 flagId);
    /// Starts a new plan with the header typed in the "new plan" row.
    void startPlan();
    /// Writes the shown plan as a PDF for the learner's portfolio.
    bool exportPdf(const QString &path);

    const std::optional<core::goals::GoalPlan> &plan() const { return m_snapshot.plan; }
    const GoalsSnapshot &snapshot() const { return m_snapshot; }
    GoalEditor *editor() const { return m_editor; }
    GoalTableModel *goals() const { return m_goals; }
    CoachingNotesPanel *notes() const { return m_notes; }
    QTabWidget *tabs() const { return m_tabs; }
    QString stateText() const;
    QString messageText() const;

protected:
    void showEvent(QShowEvent *event) override;

signals:
    /// A snapshot arrived (after a load or a change).
    void loaded();
    void failed(const QString &message);

private:
    QWidget *createHeader();
    QWidget *createNewPlanRow(QWidget *parent);
    QWidget *createPlanTab();
    void connectEditor();
    QWidget *createHistoryTab();
    void load(qint64 planId, const QString &done = {});
    void onLoaded(const core::Result<GoalsSnapshot> &result, const QString &done);
    void run(std::function<core::Result<qint64>(core::GovernedStore &)> change, const QString &done);
    void showSnapshot();
    void onGoalSelected();
    void onSign();
    void onComment();
    /// Asks for confirmation, then closes the plan: it stays readable, no longer changes.
    void onClose();
    void onExport();
    void showMessage(const QString &text, bool problem);

    WorkspaceWorker &m_worker;
    core::ActingUser m_user;
    qint64 m_learnerId = 0;
    quint64 m_generation = 0;
    bool m_stale = false; ///< a learner was set while the page was hidden
    bool m_loading = false; ///< a read or change is on its way: its answer is fresh
    GoalsSnapshot m_snapshot;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_title = nullptr;
    QComboBox *m_planBox = nullptr;
    QWidget *m_newPlan = nullptr;
    QLineEdit *m_newTitle = nullptr;
    QLineEdit *m_newPeriod = nullptr;
    QDateEdit *m_newStart = nullptr;
    QDateEdit *m_newEnd = nullptr;
    PlanStateBar *m_stateBar = nullptr;
    QLabel *m_message = nullptr;
    QTabWidget *m_tabs = nullptr;
    GoalTableModel *m_goals = nullptr;
    QTableView *m_goalTable = nullptr;
    GoalEditor *m_editor = nullptr;
    QTextBrowser *m_history = nullptr;
    QLineEdit *m_comment = nullptr;
    QPushButton *m_commentButton = nullptr;
    CoachingNotesPanel *m_notes = nullptr;
};

} // namespace pme::ui
