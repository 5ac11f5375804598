// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pme::core {

namespace {

// Our .qm files are compiled into pme_core under :/i18n (translations/CMakeLists.txt).
const QString kResourceDir = QStringLiteral(":/i18n");

} // namespace

void installTranslations(QCoreApplication &app)
{
    const QLocale locale;
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    // Installed first, so searched last: the source language's plural forms.
    auto *english = new QTranslator(&app);
    if (english->load(QStringLiteral("pmecoach_en"), kResourceDir))
        QCoreApplication::installTranslator(english);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("pmecoach"), QStringLiteral("_"), kResourceDir))
        QCoreApplication::installTranslator(translator);
}

} // namespace pme::core
