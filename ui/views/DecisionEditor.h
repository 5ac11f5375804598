// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pme::ui {

class LevelTable;

/// The committee's decisions about one resident, entered from the keyboard (docs/ccc.md,
/// "Keyboard"): the levels table (Enter accepts, typing overrides), the progress judgement
/// and its rationale, actions with owner and due date, the note, and Ctrl+Return to
/// finalise. A finalised resident is shown read-only: a finalised decision is changed only by
/// a new, reasoned decision, never edited here.
class DecisionEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecisionEditor)

public:
    explicit DecisionEditor(QWidget *parent = nullptr);

    void setResident(qint64 meetingId, const core::ccc::ResidentPacket &packet,
                     const core::ccc::ResidentDecisions &decisions, const QList<core::ccc::MeetingMember> &members,
                     bool meetingClosed);
    void clear(const QString &message);
    /// What is entered, as core takes it.
    core::ccc::ResidentDecision decision() const;
    bool isFinalized() const { return m_finalized; }
    /// Checks that everything needed is entered, then asks for finalising.
    void requestFinalize();
    void showError(const QString &message);
    void focusLevels();

    LevelTable *levels() const { return m_levels; }
    QComboBox *progress() const { return m_progress; }
    QListWidget *actions() const { return m_actionList; }
    QLabel *status() const { return m_status; }

signals:
    void finalizeRequested(const core::ccc::ResidentDecision &decision);
    /// A finalised decision to be replaced by a new, reasoned one.
    void supersedeRequested(const core::ccc::Supersession &change);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createActionRow();
    void addAction();
    void updateStatus();
    void setEditable(bool editable);
    void supersedeLevel();
    void supersedeProgress();

    qint64 m_meetingId = 0;
    qint64 m_learnerId = 0;
    bool m_finalized = false;
    QList<core::ccc::ActionItem> m_actionItems;
    LevelTable *m_levels = nullptr;
    QPushButton *m_acceptRemaining = nullptr;
    QComboBox *m_progress = nullptr;
    QLineEdit *m_progressRationale = nullptr;
    QComboBox *m_actionKind = nullptr;
    QLineEdit *m_actionText = nullptr;
    QComboBox *m_actionOwner = nullptr;
    QDateEdit *m_actionDue = nullptr;
    QPushButton *m_addAction = nullptr;
    QListWidget *m_actionList = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QPushButton *m_finalize = nullptr;
    QPushButton *m_supersedeLevel = nullptr;
    QPushButton *m_supersedeProgress = nullptr;
    core::ccc::ResidentDecisions m_decisions;
    QList<core::ccc::ProposedLevel> m_proposals;
    QLabel *m_status = nullptr;
};

} // namespace pme::ui
