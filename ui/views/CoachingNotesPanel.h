// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "goals/GoalTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pme::ui {

/// Coaching session notes and the learner's reflections: the list this person may read, a
/// form to write one, and for the learner the choice to share a note with the program.
class CoachingNotesPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoachingNotesPanel)

public:
    explicit CoachingNotesPanel(QWidget *parent = nullptr);

    /// mayWrite: the coaching pair; isLearner: reflections and sharing are theirs.
    void setNotes(const QList<core::goals::CoachingNote> &notes, bool mayWrite, bool isLearner);
    void showMessage(const QString &text, bool problem);
    QListWidget *list() const { return m_list; }

signals:
    void writeRequested(const pme::core::goals::NoteDraft &note);
    void shareRequested(qint64 noteId, bool shared);

private:
    void createForm();
    void onSelectionChanged();

    QList<core::goals::CoachingNote> m_notes;
    bool m_isLearner = false;
    QListWidget *m_list = nullptr;
    QCheckBox *m_share = nullptr;
    QWidget *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QDateEdit *m_date = nullptr;
    QLineEdit *m_attendees = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_nextSteps = nullptr;
    QPushButton *m_add = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace pme::ui
