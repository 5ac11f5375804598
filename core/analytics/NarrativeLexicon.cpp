// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/NarrativeLexicon.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pme::core::analytics {

namespace {

struct Token {
    QString word;
    bool clauseStart = false; ///< a comma, "but" or a dash came just before it
};

// Lower-case words; "didn't" becomes "did" "not" so that contractions negate too.
std::vector<Token> tokenize(QStringView text)
{
    std::vector<Token> tokens;
    QString word;
    bool boundary = true;
    const auto flush = [&]() {
        if (word.isEmpty())
            return;
        if (word.endsWith(QLatin1String("n't"))) {
            word.chop(3);
            if (word == QLatin1String("ca") || word == QLatin1String("wo"))
                word = word == QLatin1String("ca") ? QStringLiteral("can") : QStringLiteral("will");
            if (!word.isEmpty())
                tokens.push_back({word, boundary});
            tokens.push_back({QStringLiteral("not"), false});
        } else if (word == QLatin1String("but") || word == QLatin1String("although") || word == QLatin1String("however")) {
            boundary = true;
            word.clear();
            return;
        } else {
            tokens.push_back({word, boundary});
        }
        boundary = false;
        word.clear();
    };
    for (QChar c : text) {
        if (c.isLetterOrNumber() || c == QLatin1Char('\'') || c == QChar(0x2019)) {
            word.append(c == QChar(0x2019) ? QLatin1Char('\'') : c.toLower());
        } else {
            flush();
            if (c == QLatin1Char(',') || c == QLatin1Char(':') || c == QChar(0x2013) || c == QChar(0x2014)
                || c == QLatin1Char('('))
                boundary = true;
        }
    }
    flush();
    return tokens;
}

// Sentences end at . ! ? ; or a line break (a period inside a number does not end one).
QStringList sentences(const QString &text)
{
    QStringList out;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        bool end = c == QLatin1Char('!') || c == QLatin1Char('?') || c == QLatin1Char(';') || c == QLatin1Char('\n');
        if (c == QLatin1Char('.'))
            end = i + 1 >= text.size() || text.at(i + 1).isSpace();
        if (end) {
            const QString s = text.mid(start, i - start + 1).trimmed();
            if (!s.isEmpty())
                out.append(s);
            start = i + 1;
        }
    }
    const QString rest = text.mid(start).trimmed();
    if (!rest.isEmpty())
        out.append(rest);
    return out;
}

} // namespace

Result<NarrativeLexicon> NarrativeLexicon::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("pmecoach-lexicon"))
        return makeError(ErrorKind::BadInput, tr("The file is not a PME Coach lexicon."));
    NarrativeLexicon lexicon;
    lexicon.m_name = root.value(QStringLiteral("name")).toString();
    lexicon.m_version = root.value(QStringLiteral("version")).toInt();
    const QJsonObject negation = root.value(QStringLiteral("negation")).toObject();
    for (const QJsonValue &cue : negation.value(QStringLiteral("cues")).toArray())
        lexicon.m_negations.append(cue.toString() == QLatin1String("n't") ? QStringLiteral("not") : cue.toString());
    lexicon.m_window = negation.value(QStringLiteral("window")).toInt(4);
    const QJsonObject categories = root.value(QStringLiteral("categories")).toObject();
    for (auto it = categories.begin(); it != categories.end(); ++it)
        lexicon.m_categories[it.key()] = it->toString();
    for (const QJsonValue &value : root.value(QStringLiteral("phrases")).toArray()) {
        const QJsonObject o = value.toObject();
        Phrase phrase;
        phrase.text = o.value(QStringLiteral("text")).toString();
        phrase.category = o.value(QStringLiteral("category")).toString();
        for (const Token &t : tokenize(phrase.text))
            phrase.words.append(t.word);
        if (phrase.words.isEmpty() || !lexicon.m_categories.contains(phrase.category))
            return makeError(ErrorKind::BadInput, tr("The lexicon phrase \"%1\" is empty or has an unknown category.")
                                                      .arg(phrase.text));
        lexicon.m_phrases.push_back(std::move(phrase));
    }
    if (lexicon.m_phrases.empty())
        return makeError(ErrorKind::BadInput, tr("The lexicon has no phrases."));
    std::stable_sort(lexicon.m_phrases.begin(), lexicon.m_phrases.end(),
                     [](const Phrase &a, const Phrase &b) { return a.words.size() > b.words.size(); });
    return lexicon;
}

Result<NarrativeLexicon> NarrativeLexicon::builtIn(const QString &name)
{
    QFile file(QStringLiteral(":/pme/analytics/%1.json").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::NotFound, tr("There is no built-in lexicon named %1.").arg(name));
    return fromJson(file.readAll());
}

QString NarrativeLexicon::categoryTitle(const QString &code) const
{
    const auto it = m_categories.find(code);
    return it == m_categories.end() ? code : it->second;
}

std::vector<NarrativeLexicon::Hit> NarrativeLexicon::scan(const QString &text) const
{
    std::vector<Hit> hits;
    if (text.isEmpty())
        return hits;
    for (const QString &sentence : sentences(text)) {
        const std::vector<Token> tokens = tokenize(sentence);
        bool found = false;
        for (std::size_t i = 0; i < tokens.size() && !found; ++i) {
            for (const Phrase &phrase : m_phrases) {
                const auto length = static_cast<std::size_t>(phrase.words.size());
                if (i + length > tokens.size())
                    continue;
                bool match = true;
                for (std::size_t k = 0; k < length && match; ++k)
                    match = tokens[i + k].word == phrase.words.at(static_cast<qsizetype>(k));
                if (!match)
                    continue;
                // A negation cue among the words just before, in the same clause, cancels it.
                bool negated = false;
                for (std::size_t back = 1; back <= static_cast<std::size_t>(m_window) && back <= i
                     && !tokens[i - back + 1].clauseStart;
                     ++back) {
                    const Token &t = tokens[i - back];
                    if (m_negations.contains(t.word)) {
                        negated = true;
                        break;
                    }
                }
                if (negated)
                    continue;
                hits.push_back({sentence, phrase.text, phrase.category});
                found = true;
                break;
            }
        }
    }
    return hits;
}

} // namespace pme::core::analytics
