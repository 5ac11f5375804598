// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/JsonFields.h"

#include <charconv>
#include <cmath>

namespace pme::core::analytics {

void JsonFields::appendNumber(std::string &out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null");
        return;
    }
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out.append(buffer, static_cast<std::size_t>(end - buffer));
}

void JsonFields::appendNumber(std::string &out, qint64 value)
{
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out.append(buffer, static_cast<std::size_t>(end - buffer));
}

void JsonFields::appendString(std::string &out, std::string_view utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t plain = 0; // start of the run not yet written
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(utf8.data() + plain, utf8.size() - plain);
    out.push_back('"');
}

void JsonFields::appendString(std::string &out, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    appendString(out, std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

void JsonFields::key(std::string_view key)
{
    if (m_text.empty()) {
        m_text.reserve(256);
        m_text.push_back('{');
    } else {
        m_text.push_back(',');
    }
    appendString(m_text, key);
    m_text.push_back(':');
}

JsonFields &JsonFields::add(std::string_view k, double value)
{
    key(k);
    appendNumber(m_text, value);
    return *this;
}

JsonFields &JsonFields::add(std::string_view k, qint64 value)
{
    key(k);
    appendNumber(m_text, value);
    return *this;
}

JsonFields &JsonFields::add(std::string_view k, bool value)
{
    key(k);
    m_text.append(value ? "true" : "false");
    return *this;
}

JsonFields &JsonFields::add(std::string_view k, const QString &value)
{
    key(k);
    appendString(m_text, value);
    return *this;
}

JsonFields &JsonFields::add(std::string_view k, std::string_view utf8)
{
    key(k);
    appendString(m_text, utf8);
    return *this;
}

JsonFields &JsonFields::addRaw(std::string_view k, const QByteArray &json)
{
    key(k);
    m_text.append(json.constData(), static_cast<std::size_t>(json.size()));
    return *this;
}

QByteArray JsonFields::take()
{
    if (m_text.empty())
        return QByteArrayLiteral("{}");
    m_text.push_back('}');
    QByteArray text(m_text.data(), static_cast<qsizetype>(m_text.size()));
    m_text.clear(); // keeps its capacity for the next object
    return text;
}

JsonList &JsonList::append(const QByteArray &json)
{
    m_text.append(m_text.isEmpty() ? '[' : ',');
    m_text.append(json);
    return *this;
}

QByteArray JsonList::take()
{
    QByteArray text = std::move(m_text);
    m_text = QByteArray();
    if (text.isEmpty())
        return QByteArrayLiteral("[]");
    text.append(']');
    return text;
}

} // namespace pme::core::analytics
