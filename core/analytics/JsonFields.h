// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>

namespace pme::core::analytics {

/// Writes one compact JSON object (RFC 8259) field by field, straight into UTF-8 text: the
/// flag rules' details without building a QJsonObject per flag. Numbers are written so that
/// they read back exactly (the shortest round-trip form), a non-finite double as null;
/// strings are escaped (quote, backslash, control characters), other UTF-8 passes through.
/// Keys are written in the order given and are not checked for duplicates.
///
///     JsonFields f;
///     f.add("window_days", 90).add("share", 0.25);
///     QByteArray json = f.take(); // {"window_days":90,"share":0.25}
class JsonFields final {
public:
    JsonFields &add(std::string_view key, double value);
    JsonFields &add(std::string_view key, int value) { return add(key, static_cast<qint64>(value)); }
    JsonFields &add(std::string_view key, qint64 value);
    JsonFields &add(std::string_view key, bool value);
    JsonFields &add(std::string_view key, const QString &value);
    JsonFields &add(std::string_view key, std::string_view utf8);
    JsonFields &add(std::string_view key, const char *utf8) { return add(key, std::string_view(utf8)); }
    /// A value that already is JSON text (a nested array or object), written as is.
    JsonFields &addRaw(std::string_view key, const QByteArray &json);

    /// The object's text so far, closed; the builder starts over empty.
    QByteArray take();
    bool isEmpty() const { return m_text.empty(); }

    /// JSON text of a number / a string, as add() writes them.
    static void appendNumber(std::string &out, double value);
    static void appendNumber(std::string &out, qint64 value);
    static void appendString(std::string &out, std::string_view utf8);
    static void appendString(std::string &out, const QString &value);

private:
    void key(std::string_view key);

    std::string m_text;
};

/// Writes a compact JSON array of values already in JSON text (objects from JsonFields::take()).
class JsonList final {
public:
    JsonList &append(const QByteArray &json);
    /// The array's text, closed ("[]" when empty); the list starts over empty.
    QByteArray take();
    bool isEmpty() const { return m_text.isEmpty(); }

private:
    QByteArray m_text;
};

} // namespace pme::core::analytics
