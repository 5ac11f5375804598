// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionController.h"

#include "MainWindow.h"
#include "SignInPrompt.h"

#include <QMessageBox>

namespace pme::ui {

SessionController::SessionController(core::GovernedStore::Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
}

SessionController::~SessionController()
{
    delete m_window;
}

MainWindow *SessionController::window() const
{
    return m_window;
}

core::Result<bool> SessionController::start(const QString &path)
{
    return signInTo(path, QString());
}

core::Result<bool> SessionController::signInTo(const QString &path, const QString &username)
{
    auto store = core::GovernedStore::open(path, m_options);
    if (!store)
        return store.error();
    auto user = SignInPrompt::ask(m_window, **store, username);
    if (!user)
        return user.error();
    if (!*user)
        return false;

    auto *window = new MainWindow(std::move(store).value(), **user);
    connect(window, &MainWindow::switchUserRequested, this, &SessionController::onSwitchUser);
    connect(window, &MainWindow::openDatabaseRequested, this, &SessionController::onOpenDatabase);
    window->show();
    if (m_window) {
        // The new window is up first, so closing the old one does not end the application.
        m_window->close();
        m_window->deleteLater();
    }
    m_window = window;
    return true;
}

void SessionController::onSwitchUser()
{
    if (!m_window)
        return;
    auto switched = signInTo(m_window->store().path(), QString());
    if (!switched)
        QMessageBox::warning(m_window, tr("Cannot Switch User"), switched.error().message);
}

void SessionController::onOpenDatabase(const QString &path)
{
    auto opened = signInTo(path, QString());
    if (!opened)
        QMessageBox::warning(m_window, tr("Cannot Open Database"), opened.error().message);
}

} // namespace pme::ui
