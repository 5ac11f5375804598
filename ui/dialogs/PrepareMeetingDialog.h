// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/CccTypes.h"
#include "governance/ActingUser.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QListWidget;

namespace pme::core {
class Database;
}

namespace pme::ui {

/// Prepares a committee meeting: program, date, period (label and last day), the members
/// present with the chair, and the residents on the agenda (all in training, by default).
/// Core orders the agenda by need when the meeting is stored.
class PrepareMeetingDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrepareMeetingDialog)

public:
    /// What may be chosen for one program.
    struct ProgramChoice {
        qint64 id = 0;
        QString label;
        QList<core::ccc::MeetingMember> members;
        QList<QPair<qint64, QString>> residents;
    };
    /// Reads the choices through core (on the worker thread).
    static core::Result<QList<ProgramChoice>> loadChoices(core::Database &db, const core::ActingUser &user);

    PrepareMeetingDialog(QList<ProgramChoice> choices, const core::ActingUser &user, QWidget *parent = nullptr);

    core::ccc::MeetingDraft draft() const;

private:
    void onProgramChanged(int index);
    void onHeldOnChanged();

    QList<ProgramChoice> m_choices;
    core::ActingUser m_user;
    QComboBox *m_program = nullptr;
    QDateEdit *m_heldOn = nullptr;
    QLineEdit *m_periodLabel = nullptr;
    QDateEdit *m_periodEnd = nullptr;
    QComboBox *m_chair = nullptr;
    QListWidget *m_members = nullptr;
    QListWidget *m_residents = nullptr;
};

} // namespace pme::ui
