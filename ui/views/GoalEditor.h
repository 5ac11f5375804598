// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace pme::ui {

/// The form of one goal: statement, competency, measure, target date, support asked and the
/// actions with owners, due dates and whether they are done. It edits a copy and asks for the
/// change through its signals; the goals view runs them through core, which decides and
/// records them. A Done box asks at once (done dates are progress, not content).
class GoalEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoalEditor)

public:
    explicit GoalEditor(QWidget *parent = nullptr);

    void setCompetencies(const QList<core::goals::CompetencyChoice> &competencies);
    /// Shows a stored goal (goalId > 0) or a new one to add (goalId 0).
    void setGoal(const core::goals::GoalDraft &goal, qint64 goalId, bool metNotConfirmed = false);
    void clear();
    /// Where the goal came from ("From the flag …"); hidden when empty.
    void setSource(const QString &text);
    void setEditable(bool editable);
    core::goals::GoalDraft draft() const;
    qint64 goalId() const { return m_goalId; }
    /// The form differs from the goal as it was shown (content only; done dates are progress).
    bool hasUnsavedChanges() const;

    QLineEdit *statementEdit() const { return m_statement; }
    QComboBox *competencyBox() const { return m_competency; }
    QComboBox *measureBox() const { return m_measureKind; }
    QDoubleSpinBox *targetBox() const { return m_target; }
    QDateEdit *targetDateEdit() const { return m_targetDate; }

signals:
    void addRequested(const pme::core::goals::GoalDraft &goal);
    void saveRequested(qint64 goalId, const pme::core::goals::GoalDraft &goal);
    void removeRequested(qint64 goalId);
    void achievedRequested(qint64 goalId);
    /// A stored action's Done box was clicked; the box shows the store's answer once read.
    void actionDoneRequested(qint64 actionId, bool done);

private:
    QWidget *createMeasure();
    QWidget *createActions();
    void addActionRow(const core::goals::GoalAction &action);
    QCheckBox *doneBox(const core::goals::GoalAction &action);
    void onMeasureKindChanged();
    void updateButtons();

    qint64 m_goalId = 0;
    bool m_editable = false;
    bool m_met = false;
    core::goals::GoalDraft m_base;
    QJsonObject m_shown;
    QLabel *m_title = nullptr;
    QLabel *m_source = nullptr;
    QLineEdit *m_statement = nullptr;
    QComboBox *m_competency = nullptr;
    QComboBox *m_measureKind = nullptr;
    QLabel *m_targetLabel = nullptr;
    QDoubleSpinBox *m_target = nullptr;
    QComboBox *m_observationKind = nullptr;
    QDoubleSpinBox *m_minRating = nullptr;
    QLineEdit *m_instrument = nullptr;
    QLineEdit *m_measureText = nullptr;
    QWidget *m_countOptions = nullptr;
    QDateEdit *m_targetDate = nullptr;
    QLineEdit *m_support = nullptr;
    QTableWidget *m_actions = nullptr;
    QPushButton *m_addAction = nullptr;
    QPushButton *m_removeAction = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_achieved = nullptr;
};

} // namespace pme::ui
