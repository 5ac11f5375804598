// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionController.h"
#include "Translations.h"
#include "Version.h"
#include "store/Store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QString::fromLatin1(pme::core::kApplicationName));
    QApplication::setApplicationDisplayName(QStringLiteral("PME Coach"));
    QApplication::setApplicationVersion(QString::fromLatin1(pme::core::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("org.pmecoach.PMECoach"));
    pme::core::installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main",
                                                             "PME Coach: learner profiles, trajectories, "
                                                             "flags and goal plans."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QApplication::translate("main", "The database to open (default: %1).").arg(pme::core::Store::defaultPath()),
        QApplication::translate("main", "PATH"));
    parser.addOption(dbOption);
    parser.process(app);

    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : pme::core::Store::defaultPath();
    // Sign-in first: the window is made for the person who signs in.
    pme::ui::SessionController session;
    auto started = session.start(path);
    if (!started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "PME Coach"), started.error().message);
        return 4;
    }
    if (!*started)
        return 0;
    return app.exec();
}
