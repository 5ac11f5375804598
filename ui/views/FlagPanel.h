// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/AnalyticsQueries.h"
#include "analytics/FlagStore.h"
#include "goals/GoalTypes.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace pme::ui {

class FlagTableModel;

/// A learner's flags: the list, and for the selected one its explanation, how flags like it
/// have done on this program's outcomes, its evidence, and the actions this person may take
/// (acknowledge, resolve, dismiss with a reason, comment). The actions are requests: the
/// profile view runs them through core, which decides and audits.
class FlagPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlagPanel)

public:
    explicit FlagPanel(QWidget *parent = nullptr);

    void setFlags(const QList<core::analytics::FlagView> &flags, bool mayDecide, bool mayComment);
    FlagTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// Selects a flag (as a click would); false when it is not listed.
    bool selectFlag(qint64 flagId);
    qint64 selectedFlag() const { return m_selected; }
    void showMessage(const QString &text, bool problem);
    /// The goals made from a flag (those this person may read), and whether they may make one.
    void setGoalLinks(qint64 flagId, const QList<core::goals::FlagGoalLink> &links, bool mayCreate);

signals:
    /// The selection changed: its evidence (empty when none is selected).
    void flagSelected(qint64 flagId, const QList<qint64> &evidence, std::optional<qint64> competencyId);
    void stateRequested(qint64 flagId, pme::core::analytics::FlagStore::State state, const QString &reason);
    void commentRequested(qint64 flagId, const QString &text);
    /// "Create a goal from this": open the Goals page with a goal proposed from the flag.
    void goalFromFlagRequested(qint64 flagId);

private:
    void onSelectionChanged();
    void request(core::analytics::FlagStore::State state);
    void updateButtons();

    FlagTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_validity = nullptr;
    QLabel *m_evidence = nullptr;
    QLabel *m_message = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_acknowledge = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_comment = nullptr;
    QLabel *m_goals = nullptr;
    QPushButton *m_goalFromFlag = nullptr;
    qint64 m_selected = 0;
    bool m_mayDecide = false;
    bool m_mayComment = false;
};

} // namespace pme::ui
