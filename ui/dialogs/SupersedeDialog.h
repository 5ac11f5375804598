// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLineEdit;

namespace pme::ui {

/// A new decision that replaces a finalised one: the new level (or progress judgement) and
/// the reason, which is required. The finalised decision itself is never edited.
class SupersedeDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupersedeDialog)

public:
    /// For a subcompetency's level, on the proposal's scale.
    SupersedeDialog(const core::ccc::DecisionRecord &decision, const core::ccc::ProposedLevel &scale,
                    QWidget *parent = nullptr);
    /// For the overall progress judgement.
    SupersedeDialog(const core::ccc::DecisionRecord &decision, QWidget *parent = nullptr);

    core::ccc::Supersession supersession() const;

private:
    void build(const QString &what, QWidget *value);
    void updateOk();

    core::ccc::DecisionRecord m_decision;
    QDoubleSpinBox *m_level = nullptr;
    QComboBox *m_progress = nullptr;
    QLineEdit *m_reason = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace pme::ui
