// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "XapiStatement.h"

#include <QCoreApplication>

#include <simdjson.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace pme::core {

/// The plumbing of XapiValidator (internal to core/sync): walks a parsed JSON value, keeps the
/// JSON pointer of where it is, collects issues there, and reads the building blocks every
/// xAPI object uses: typed members, formatted strings, language maps, extensions, and the
/// leaf structures (interaction components, attachments).
class XapiJsonWalker {
    Q_DECLARE_TR_FUNCTIONS(pme::core::XapiValidator)

public:
    enum class Need { Optional, Required };
    enum class Format { Iri, Irl, Uri, Mailto, Sha1, Uuid, LanguageTag, Duration, MediaType, Version };

protected:
    using array = simdjson::dom::array;
    using element = simdjson::dom::element;
    using object = simdjson::dom::object;

    // Appends a path step while alive; paths are JSON pointers ("~" and "/" escaped).
    class Scope {
    public:
        Scope(std::string &path, std::string_view step);
        ~Scope() { m_path.resize(m_size); }
        Q_DISABLE_COPY_MOVE(Scope)

    private:
        std::string &m_path;
        std::size_t m_size;
    };

    static QString qs(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

    [[nodiscard]] Scope at(std::string_view key) { return Scope(m_path, key); }
    [[nodiscard]] Scope at(std::size_t index) { return Scope(m_path, std::to_string(index)); }
    void fail(const QString &message) { m_issues.append(XapiIssue{qs(m_path), message}); }

    // Calls read(value) at path /key when the member is present and not null.
    template<typename Read> void with(object obj, std::string_view key, Need need, Read &&read)
    {
        if (auto value = field(obj, key, need)) {
            auto scope = at(key);
            read(*value);
        }
    }

    void checkMembers(object obj, std::initializer_list<std::string_view> allowed);
    std::optional<element> field(object obj, std::string_view key, Need need);
    bool asObject(element value, object *out);
    bool asArray(element value, array *out);
    std::optional<std::string_view> stringField(object obj, std::string_view key, Need need = Need::Optional);
    std::optional<std::string_view> formatField(object obj, std::string_view key, Format format,
                                                Need need = Need::Optional);
    std::optional<double> numberField(object obj, std::string_view key);
    std::optional<bool> boolField(object obj, std::string_view key);
    QDateTime timestampField(object obj, std::string_view key);
    XapiLanguageMap readLanguageMap(element value);
    QByteArray readExtensions(element value);
    // The parts of an Activity definition and of a statement that hold no Agents.
    void readInteraction(object definition);
    void readComponents(element value);
    void readAttachments(element value);

    QList<XapiIssue> m_issues;

private:
    std::string m_path;
};

} // namespace pme::core
