// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace pme::core::analytics {

/// A documented list of concerning phrases for narrative comments, matched sentence by
/// sentence and aware of negation ("No concerns about professionalism" is not a hit).
/// The lexicon is a data file (resources/analytics/concerning-language.json).
class NarrativeLexicon final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::NarrativeLexicon)

public:
    struct Hit {
        QString sentence; ///< the sentence as written, for a person to read
        QString phrase;   ///< the lexicon phrase it matched
        QString category; ///< the phrase's category code
    };

    static Result<NarrativeLexicon> fromJson(const QByteArray &json);
    /// The built-in lexicon named `name` ("concerning-language").
    static Result<NarrativeLexicon> builtIn(const QString &name);

    QString name() const { return m_name; }
    int version() const { return m_version; }
    QString categoryTitle(const QString &code) const;

    /// The sentences of `text` that use a lexicon phrase, not negated; one hit per sentence
    /// (its first phrase).
    std::vector<Hit> scan(const QString &text) const;

private:
    struct Phrase {
        QStringList words;
        QString text;
        QString category;
    };

    QString m_name;
    int m_version = 0;
    std::vector<Phrase> m_phrases; ///< longest first
    QStringList m_negations;
    int m_window = 4;
    std::map<QString, QString> m_categories;
};

} // namespace pme::core::analytics
