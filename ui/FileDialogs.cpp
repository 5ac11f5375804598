// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileDialogs.h"

#include <QFileDialog>

namespace pme::ui {

FileDialogs::Answerer FileDialogs::s_answerer;

QString FileDialogs::openFile(QWidget *parent, const QString &title, const QString &filter)
{
    if (s_answerer)
        return s_answerer(title, filter);
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

QString FileDialogs::saveFile(QWidget *parent, const QString &title, const QString &filter)
{
    if (s_answerer)
        return s_answerer(title, filter);
    return QFileDialog::getSaveFileName(parent, title, QString(), filter, nullptr, QFileDialog::DontConfirmOverwrite);
}

void FileDialogs::setAnswerer(Answerer answerer)
{
    s_answerer = std::move(answerer);
}

} // namespace pme::ui
