// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"
#include "Translations.h"
#include "Version.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(pme::core::kApplicationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(pme::core::kVersion));
    pme::core::installTranslations(app);
    return pme::cli::run(QCoreApplication::arguments());
}
