// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CccCommands.h"
#include "Cli.h"
#include "Translations.h"
#include "Version.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

int main(int argc, char *argv[])
{
    // Painting a PDF needs Qt Gui (fonts); every other command runs on Qt Core alone.
    std::unique_ptr<QCoreApplication> app;
    if (pme::cli::cccNeedsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QString::fromLatin1(pme::core::kApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(pme::core::kVersion));
    pme::core::installTranslations(*app);
    return pme::cli::run(QCoreApplication::arguments());
}
