// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LockScreen.h"

#include "SignInTask.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pme::ui {

LockScreen::LockScreen(const core::ActingUser &user, const QString &storePath,
                       const core::GovernedStore::Options &options, QWidget *parent)
    : QWidget(parent), m_user(user), m_task(new SignInTask(storePath, options, this))
{
    setObjectName(QStringLiteral("lockScreen"));
    auto *title = new QLabel(tr("PME Coach is locked"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *who = new QLabel(
        tr("%1 (%2) is signed in. Enter the password to continue.").arg(user.displayName(), user.username()), this);
    who->setObjectName(QStringLiteral("lockWho"));
    who->setTextFormat(Qt::PlainText);
    who->setWordWrap(true);
    who->setAlignment(Qt::AlignCenter);

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("unlockPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setPlaceholderText(tr("Password"));
    m_unlock = new QPushButton(tr("Unlock"), this);
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setDefault(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_password, 1);
    row->addWidget(m_unlock);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);

    auto *switchUser = new QPushButton(tr("Switch User…"), this);
    switchUser->setObjectName(QStringLiteral("switchUserButton"));
    switchUser->setFlat(true);

    auto *column = new QWidget(this);
    // A fixed width: centred by its size hint alone, the word-wrapped text would be squeezed.
    column->setFixedWidth(460);
    auto *content = new QVBoxLayout(column);
    content->setSpacing(14);
    content->addWidget(title);
    content->addWidget(who);
    content->addLayout(row);
    content->addWidget(m_message);
    content->addWidget(switchUser, 0, Qt::AlignHCenter);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::onUnlock);
    connect(m_password, &QLineEdit::returnPressed, this, &LockScreen::onUnlock);
    connect(switchUser, &QPushButton::clicked, this, &LockScreen::switchUserRequested);
    connect(m_task, &SignInTask::unlocked, this, &LockScreen::onUnlocked);
    connect(m_task, &SignInTask::refused, this, &LockScreen::onRefused);
}

LockScreen::~LockScreen() = default;

void LockScreen::prepare()
{
    m_password->clear();
    m_password->setEnabled(true);
    m_unlock->setEnabled(true);
    m_message->clear();
    m_password->setFocus();
}

void LockScreen::onUnlock()
{
    if (m_task->isRunning() || m_password->text().isEmpty())
        return;
    m_password->setEnabled(false);
    m_unlock->setEnabled(false);
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Checking…"));
    m_task->unlock(m_user.id(), m_password->text());
}

void LockScreen::onRefused(const QString &message)
{
    m_password->clear();
    m_password->setEnabled(true);
    m_unlock->setEnabled(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #a00000; font-weight: bold; }"));
    m_message->setText(message);
    m_password->setFocus();
}

void LockScreen::onUnlocked()
{
    prepare();
    emit unlocked();
}

} // namespace pme::ui
