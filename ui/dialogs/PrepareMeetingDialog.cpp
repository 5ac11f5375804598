// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/PrepareMeetingDialog.h"

#include "ccc/MeetingService.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace pme::ui {

core::Result<QList<PrepareMeetingDialog::ProgramChoice>> PrepareMeetingDialog::loadChoices(core::Database &db,
                                                                                           const core::ActingUser &user)
{
    auto programs = core::ccc::MeetingService::programs(db, user);
    if (!programs)
        return programs.error();
    QList<ProgramChoice> list;
    for (const auto &[id, label] : *programs) {
        auto members = core::ccc::MeetingService::eligibleMembers(db, user, id);
        if (!members)
            return members.error();
        auto residents = core::ccc::MeetingService::residents(db, user, id);
        if (!residents)
            return residents.error();
        list.append(ProgramChoice{id, label, *members, *residents});
    }
    if (list.isEmpty())
        return core::makeError(core::ErrorKind::Denied, tr("You sit on no program's committee."));
    return list;
}

PrepareMeetingDialog::PrepareMeetingDialog(QList<ProgramChoice> choices, const core::ActingUser &user, QWidget *parent)
    : QDialog(parent), m_choices(std::move(choices)), m_user(user)
{
    setWindowTitle(tr("Prepare a Committee Meeting"));
    setObjectName(QStringLiteral("prepareMeetingDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_program = new QComboBox(this);
    for (const ProgramChoice &c : m_choices)
        m_program->addItem(c.label, c.id);
    m_heldOn = new QDateEdit(QDate::currentDate(), this);
    m_heldOn->setCalendarPopup(true);
    m_periodLabel = new QLineEdit(this);
    m_periodEnd = new QDateEdit(this);
    m_periodEnd->setCalendarPopup(true);
    m_chair = new QComboBox(this);
    form->addRow(tr("&Program:"), m_program);
    form->addRow(tr("&Held on:"), m_heldOn);
    form->addRow(tr("P&eriod:"), m_periodLabel);
    form->addRow(tr("Period &ends on:"), m_periodEnd);
    form->addRow(tr("&Chair:"), m_chair);
    layout->addLayout(form);
    m_members = new QListWidget(this);
    m_members->setMaximumHeight(110);
    auto *membersLabel = new QLabel(tr("&Members present:"), this);
    membersLabel->setBuddy(m_members);
    layout->addWidget(membersLabel);
    layout->addWidget(m_members);
    m_residents = new QListWidget(this);
    auto *residentsLabel = new QLabel(tr("&Residents on the agenda (ordered by need when stored; Space ticks):"), this);
    residentsLabel->setBuddy(m_residents);
    layout->addWidget(residentsLabel);
    layout->addWidget(m_residents, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_program, &QComboBox::currentIndexChanged, this, &PrepareMeetingDialog::onProgramChanged);
    connect(m_heldOn, &QDateEdit::dateChanged, this, &PrepareMeetingDialog::onHeldOnChanged);
    onHeldOnChanged();
    onProgramChanged(0);
    resize(520, 620);
}

void PrepareMeetingDialog::onHeldOnChanged()
{
    // Committees meet after a half year ends: the period is the last one that has ended.
    const QDate held = m_heldOn->date();
    const QDate end = held.month() > 6 ? QDate(held.year(), 6, 30) : QDate(held.year() - 1, 12, 31);
    m_periodEnd->setDate(end);
    m_periodLabel->setText(end.month() == 6 ? tr("%1 spring").arg(end.year()) : tr("%1 fall").arg(end.year()));
}

void PrepareMeetingDialog::onProgramChanged(int index)
{
    m_chair->clear();
    m_members->clear();
    m_residents->clear();
    if (index < 0 || index >= m_choices.size())
        return;
    const ProgramChoice &c = m_choices[index];
    for (const core::ccc::MeetingMember &m : c.members) {
        m_chair->addItem(m.name, m.userId);
        auto *item = new QListWidgetItem(m.name, m_members);
        item->setData(Qt::UserRole, m.userId);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_chair->setCurrentIndex(std::max(0, m_chair->findData(m_user.id())));
    for (const auto &[id, name] : c.residents) {
        auto *item = new QListWidgetItem(name, m_residents);
        item->setData(Qt::UserRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
}

core::ccc::MeetingDraft PrepareMeetingDialog::draft() const
{
    core::ccc::MeetingDraft d;
    d.programId = m_program->currentData().toLongLong();
    d.heldOn = m_heldOn->date();
    d.period = core::ccc::Period{m_periodLabel->text().trimmed(), m_periodEnd->date()};
    const qint64 chair = m_chair->currentData().toLongLong();
    d.members.append(core::ccc::MeetingMember{chair, m_chair->currentText(), true, {}});
    for (int i = 0; i < m_members->count(); ++i) {
        const QListWidgetItem *item = m_members->item(i);
        const qint64 id = item->data(Qt::UserRole).toLongLong();
        if (item->checkState() == Qt::Checked && id != chair)
            d.members.append(core::ccc::MeetingMember{id, item->text(), false, {}});
    }
    for (int i = 0; i < m_residents->count(); ++i) {
        if (m_residents->item(i)->checkState() == Qt::Checked)
            d.learnerIds.append(m_residents->item(i)->data(Qt::UserRole).toLongLong());
    }
    return d;
}

} // namespace pme::ui
