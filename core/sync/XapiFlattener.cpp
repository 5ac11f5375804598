// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/XapiFlattener.h"

#include <QLocale>

namespace pme::core {

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// The English text of a language map, else its first entry.
QString display(const XapiLanguageMap &map)
{
    for (const char *tag : {"en-US", "en-GB", "en", "und"}) {
        auto it = map.constFind(QLatin1String(tag));
        if (it != map.cend())
            return it.value();
    }
    return map.isEmpty() ? QString() : map.first();
}

std::string number(const std::optional<double> &value)
{
    return value ? QLocale::c().toString(*value, 'g', 15).toStdString() : std::string();
}

QString lastSegment(const QString &iri, int fromEnd)
{
    QString trimmed = iri;
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    const QStringList parts = trimmed.split(QLatin1Char('/'));
    const qsizetype index = parts.size() - 1 - fromEnd;
    if (index < 1)
        return {};
    QString part = parts.at(index);
    if (fromEnd == 0 && part.contains(QLatin1Char('#')))
        part = part.section(QLatin1Char('#'), -1);
    return part;
}

} // namespace

const std::vector<std::string_view> &XapiFlattener::header()
{
    static const std::vector<std::string_view> names{
        "id", "actor", "actor.name", "actor.account.name", "actor.mbox", "verb.id", "verb.display", "object.id",
        "object.id.last", "object.id.parent", "object.name", "object.type", "result.score.raw",
        "result.score.scaled", "result.score.min", "result.score.max", "result.success", "result.completion",
        "result.response", "timestamp", "context.instructor.name", "context.instructor", "context.registration",
        "context.platform", "stored"};
    return names;
}

std::vector<std::string> XapiFlattener::row(const XapiStatement &s)
{
    std::vector<std::string> values;
    values.reserve(header().size());
    values.push_back(utf8(s.id));
    values.push_back(utf8(s.actor.identifier.key()));
    values.push_back(utf8(s.actor.name));
    values.push_back(s.actor.identifier.kind == XapiIdentifier::Kind::Account ? utf8(s.actor.identifier.value)
                                                                               : std::string());
    values.push_back(s.actor.identifier.kind == XapiIdentifier::Kind::Mbox ? utf8(s.actor.identifier.value)
                                                                            : std::string());
    values.push_back(utf8(s.verbId));
    values.push_back(utf8(display(s.verbDisplay)));
    values.push_back(utf8(s.object.id));
    values.push_back(utf8(lastSegment(s.object.id, 0)));
    values.push_back(utf8(lastSegment(s.object.id, 1)));
    values.push_back(utf8(display(s.object.name)));
    values.push_back(utf8(s.object.activityType));
    const std::optional<XapiScore> score = s.result ? s.result->score : std::nullopt;
    values.push_back(number(score ? score->raw : std::nullopt));
    values.push_back(number(score ? score->scaled : std::nullopt));
    values.push_back(number(score ? score->min : std::nullopt));
    values.push_back(number(score ? score->max : std::nullopt));
    const auto boolean = [](const std::optional<bool> &b) { return b ? std::string(*b ? "true" : "false") : std::string(); };
    values.push_back(s.result ? boolean(s.result->success) : std::string());
    values.push_back(s.result ? boolean(s.result->completion) : std::string());
    values.push_back(s.result && s.result->response ? utf8(*s.result->response) : std::string());
    values.push_back(s.timestamp.isValid() ? utf8(s.timestamp.toString(Qt::ISODate)) : std::string());
    const bool instructor = s.context && s.context->instructor;
    values.push_back(instructor ? utf8(s.context->instructor->name) : std::string());
    values.push_back(instructor ? utf8(s.context->instructor->identifier.key()) : std::string());
    values.push_back(s.context ? utf8(s.context->registration) : std::string());
    values.push_back(s.context ? utf8(s.context->platform) : std::string());
    values.push_back(s.stored.isValid() ? utf8(s.stored.toString(Qt::ISODate)) : std::string());
    return values;
}

} // namespace pme::core
