// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/IdleLockEditor.h"

#include "Settings.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace pme::ui {

IdleLockEditor::IdleLockEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("idleLockEditor"));
    m_minutes = new QSpinBox(this);
    m_minutes->setObjectName(QStringLiteral("idleLockMinutes"));
    m_minutes->setRange(1, kMaxMinutes);
    m_minutes->setSuffix(tr(" min"));
    m_minutes->setAccessibleName(tr("Minutes without activity before the window locks"));
    const int seconds = Settings::idleLockSeconds.get();
    m_minutes->setValue(qBound(1, (seconds + 59) / 60, kMaxMinutes));
    auto *label = new QLabel(tr("Lock the window after"), this);
    label->setBuddy(m_minutes);
    auto *after = new QLabel(tr("without keyboard or mouse activity."), this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_minutes);
    layout->addWidget(after);
    layout->addStretch(1);
    connect(m_minutes, &QSpinBox::valueChanged, this, &IdleLockEditor::onMinutesChanged);
}

void IdleLockEditor::onMinutesChanged(int minutes)
{
    Settings::idleLockSeconds.set(minutes * 60);
    emit timeoutChanged(minutes * 60);
}

} // namespace pme::ui
