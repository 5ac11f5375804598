// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace pme::ui {

/// The seam around modal file dialogs: tests install an answerer so nothing blocks.
class FileDialogs final {
public:
    using Answerer = std::function<QString(const QString &title, const QString &filter)>;

    static QString openFile(QWidget *parent, const QString &title, const QString &filter);
    static QString saveFile(QWidget *parent, const QString &title, const QString &filter);
    /// Replaces the real dialogs (nullptr restores them).
    static void setAnswerer(Answerer answerer);

private:
    static Answerer s_answerer;
};

} // namespace pme::ui
