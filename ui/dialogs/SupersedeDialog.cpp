// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/SupersedeDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

SupersedeDialog::SupersedeDialog(const core::ccc::DecisionRecord &decision, const core::ccc::ProposedLevel &scale,
                                 QWidget *parent)
    : QDialog(parent), m_decision(decision)
{
    m_level = new QDoubleSpinBox(this);
    m_level->setRange(scale.scaleMin, scale.scaleMax);
    m_level->setSingleStep(scale.scaleStep);
    m_level->setDecimals(1);
    m_level->setValue(decision.level.value_or(scale.scaleMin));
    build(tr("%1: the committee's level %2, finalised %3.")
              .arg(scale.code, QLocale().toString(decision.level.value_or(0), 'f', 1), decision.finalizedAt.left(10)),
          m_level);
    connect(m_level, &QDoubleSpinBox::valueChanged, this, &SupersedeDialog::updateOk);
}

SupersedeDialog::SupersedeDialog(const core::ccc::DecisionRecord &decision, QWidget *parent)
    : QDialog(parent), m_decision(decision)
{
    m_progress = new QComboBox(this);
    for (core::ccc::Progress p : core::ccc::kAllProgress)
        m_progress->addItem(core::ccc::progressTitle(p), core::ccc::progressKey(p));
    if (decision.progress)
        m_progress->setCurrentIndex(m_progress->findData(core::ccc::progressKey(*decision.progress)));
    build(tr("Progress: %1, finalised %2.")
              .arg(decision.progress ? core::ccc::progressTitle(*decision.progress) : QString(),
                   decision.finalizedAt.left(10)),
          m_progress);
    connect(m_progress, &QComboBox::currentIndexChanged, this, &SupersedeDialog::updateOk);
}

void SupersedeDialog::build(const QString &what, QWidget *value)
{
    setWindowTitle(tr("Supersede a Decision"));
    setObjectName(QStringLiteral("supersedeDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *explanation = new QLabel(tr("%1<br>A finalised decision is not edited: a new decision replaces it, with "
                                      "its reason, and the history keeps both.")
                                       .arg(what.toHtmlEscaped()),
                                   this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Why the decision changes (required)"));
    form->addRow(tr("&New decision:"), value);
    form->addRow(tr("&Reason:"), m_reason);
    layout->addLayout(form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QLineEdit::textChanged, this, &SupersedeDialog::updateOk);
    updateOk();
}

void SupersedeDialog::updateOk()
{
    const bool changed = m_level ? std::abs(m_level->value() - m_decision.level.value_or(-1)) > 1e-9
        : m_decision.progress    ? m_progress->currentData().toString() != core::ccc::progressKey(*m_decision.progress)
                                 : true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(changed && !m_reason->text().trimmed().isEmpty());
}

core::ccc::Supersession SupersedeDialog::supersession() const
{
    core::ccc::Supersession s;
    s.decisionId = m_decision.id;
    if (m_level)
        s.level = m_level->value();
    else
        s.progress = core::ccc::progressFromKey(m_progress->currentData().toString());
    s.rationale = m_reason->text().trimmed();
    return s;
}

} // namespace pme::ui
