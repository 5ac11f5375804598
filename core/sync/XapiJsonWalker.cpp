// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XapiJsonWalker.h"

#include "XapiFormat.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace pme::core {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

struct FormatRule {
    bool (*valid)(std::string_view);
    const char *message;
};

const FormatRule &formatRule(XapiJsonWalker::Format format)
{
    static const std::array<FormatRule, 10> rules = {{
        {XapiFormat::isIri,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator",
                           "\"%1\" is not an IRI (an absolute identifier such as http://example.org/a)")},
        {XapiFormat::isIri,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator",
                           "\"%1\" is not an IRL (an address such as https://example.org/)")},
        {XapiFormat::isUri, QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not a URI")},
        {XapiFormat::isMailtoIri,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not a mailto: IRI with an e-mail address")},
        {XapiFormat::isSha1Hex,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not a SHA-1 hash (40 hexadecimal digits)")},
        {XapiFormat::isUuid,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not a UUID (8-4-4-4-12 hexadecimal digits)")},
        {XapiFormat::isLanguageTag,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not an RFC 5646 language tag (such as en-US)")},
        {XapiFormat::isDuration,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not an ISO 8601 duration (such as PT1H30M)")},
        {XapiFormat::isMediaType,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "\"%1\" is not an Internet media type (such as text/plain)")},
        {XapiFormat::isSupportedVersion,
         QT_TRANSLATE_NOOP("pme::core::XapiValidator", "xAPI version \"%1\" is not supported (1.0.x or 2.0.x)")},
    }};
    return rules[std::size_t(format)];
}

} // namespace

XapiJsonWalker::Scope::Scope(std::string &path, std::string_view step) : m_path(path), m_size(path.size())
{
    m_path.push_back('/');
    for (char c : step) {
        if (c == '~')
            m_path += "~0";
        else if (c == '/')
            m_path += "~1";
        else
            m_path.push_back(c);
    }
}

// Refuses what the specification does not define (names are case-sensitive), duplicates,
// and null values: xAPI allows null only inside extensions, which are not checked here.
void XapiJsonWalker::checkMembers(object obj, std::initializer_list<std::string_view> allowed)
{
    std::uint32_t seen = 0; // by position in allowed, which never has more than 32 names
    for (auto member : obj) {
        const auto known = std::find(allowed.begin(), allowed.end(), member.key);
        const auto bit = std::uint32_t(1) << (known - allowed.begin());
        if (known != allowed.end() && !(seen & bit) && !member.value.is_null()) {
            seen |= bit;
            continue; // the common case: no path string is built
        }
        auto scope = at(member.key);
        if (known == allowed.end()) {
            const auto hint = std::find_if(allowed.begin(), allowed.end(),
                                           [&](std::string_view a) { return equalsIgnoreCase(a, member.key); });
            if (hint != allowed.end())
                fail(tr("unknown property \"%1\" (names are case-sensitive: \"%2\")").arg(qs(member.key), qs(*hint)));
            else
                fail(tr("unknown property \"%1\"").arg(qs(member.key)));
        } else if (seen & bit) {
            fail(tr("the property \"%1\" appears twice").arg(qs(member.key)));
        } else {
            seen |= bit;
            fail(tr("must not be null"));
        }
    }
}

std::optional<XapiJsonWalker::element> XapiJsonWalker::field(object obj, std::string_view key, Need need)
{
    element value;
    if (obj.at_key(key).get(value) != simdjson::SUCCESS) {
        if (need == Need::Required)
            fail(tr("the required property \"%1\" is missing").arg(qs(key)));
        return std::nullopt;
    }
    if (value.is_null())
        return std::nullopt; // checkMembers has said so
    return value;
}

bool XapiJsonWalker::asObject(element value, object *out)
{
    if (value.get_object().get(*out) == simdjson::SUCCESS)
        return true;
    fail(tr("must be a JSON object"));
    return false;
}

bool XapiJsonWalker::asArray(element value, array *out)
{
    if (value.get_array().get(*out) == simdjson::SUCCESS)
        return true;
    fail(tr("must be a JSON array"));
    return false;
}

std::optional<std::string_view> XapiJsonWalker::stringField(object obj, std::string_view key, Need need)
{
    const auto value = field(obj, key, need);
    std::string_view text;
    if (!value)
        return std::nullopt;
    if (value->get_string().get(text) == simdjson::SUCCESS)
        return text;
    auto scope = at(key);
    fail(tr("must be a string"));
    return std::nullopt;
}

std::optional<std::string_view> XapiJsonWalker::formatField(object obj, std::string_view key, Format format, Need need)
{
    const auto text = stringField(obj, key, need);
    if (!text)
        return std::nullopt;
    const auto &rule = formatRule(format);
    if (rule.valid(*text))
        return text;
    auto scope = at(key);
    fail(tr(rule.message).arg(qs(*text)));
    return std::nullopt;
}

std::optional<double> XapiJsonWalker::numberField(object obj, std::string_view key)
{
    const auto value = field(obj, key, Need::Optional);
    double number = 0;
    if (!value)
        return std::nullopt;
    if (value->get_double().get(number) == simdjson::SUCCESS)
        return number;
    auto scope = at(key);
    fail(tr("must be a number"));
    return std::nullopt;
}

std::optional<bool> XapiJsonWalker::boolField(object obj, std::string_view key)
{
    const auto value = field(obj, key, Need::Optional);
    bool flag = false;
    if (!value)
        return std::nullopt;
    if (value->get_bool().get(flag) == simdjson::SUCCESS)
        return flag;
    auto scope = at(key);
    fail(tr("must be true or false"));
    return std::nullopt;
}

QDateTime XapiJsonWalker::timestampField(object obj, std::string_view key)
{
    const auto text = stringField(obj, key);
    if (!text)
        return {};
    if (const auto when = XapiFormat::parseTimestamp(*text))
        return *when;
    auto scope = at(key);
    fail(tr("\"%1\" is not an ISO 8601 timestamp with a time zone (such as 2024-05-01T14:30:00Z)").arg(qs(*text)));
    return {};
}

XapiLanguageMap XapiJsonWalker::readLanguageMap(element value)
{
    XapiLanguageMap map;
    object obj;
    if (!asObject(value, &obj))
        return map;
    std::vector<std::string_view> seen;
    for (auto entry : obj) {
        auto scope = at(entry.key);
        std::string_view text;
        if (!XapiFormat::isLanguageTag(entry.key))
            fail(tr(formatRule(Format::LanguageTag).message).arg(qs(entry.key)));
        else if (std::find(seen.begin(), seen.end(), entry.key) != seen.end())
            fail(tr("the language \"%1\" appears twice").arg(qs(entry.key)));
        else if (entry.value.get_string().get(text) != simdjson::SUCCESS)
            fail(entry.value.is_null() ? tr("must not be null") : tr("must be a string"));
        else
            map.insert(qs(entry.key), qs(text));
        seen.push_back(entry.key);
    }
    return map;
}

// Extension values are free-form JSON (null included); only the keys have a rule.
QByteArray XapiJsonWalker::readExtensions(element value)
{
    object obj;
    if (!asObject(value, &obj))
        return {};
    for (auto entry : obj) {
        if (!XapiFormat::isIri(entry.key)) {
            auto scope = at(entry.key);
            fail(tr("extension keys must be IRIs; \"%1\" is not").arg(qs(entry.key)));
        }
    }
    return QByteArray::fromStdString(simdjson::minify(value));
}

// Interaction activities (Data 2.4.4.1): each type has its own component lists, if any.
void XapiJsonWalker::readInteraction(object definition)
{
    struct Interaction {
        std::string_view type;
        std::array<std::string_view, 2> lists;
    };
    static constexpr std::array<Interaction, 10> interactions = {{
        {"true-false", {}},
        {"choice", {"choices"}},
        {"fill-in", {}},
        {"long-fill-in", {}},
        {"matching", {"source", "target"}},
        {"performance", {"steps"}},
        {"sequencing", {"choices"}},
        {"likert", {"scale"}},
        {"numeric", {}},
        {"other", {}},
    }};
    const auto type = stringField(definition, "interactionType");
    const auto match = std::find_if(interactions.begin(), interactions.end(),
                                    [&](const Interaction &i) { return type && i.type == *type; });
    if (type && match == interactions.end()) {
        auto scope = at("interactionType");
        fail(tr("\"%1\" is not an interaction type (true-false, choice, fill-in, long-fill-in, matching, "
                "performance, sequencing, likert, numeric, other)")
                 .arg(qs(*type)));
        return;
    }
    with(definition, "correctResponsesPattern", Need::Optional, [&](element v) {
        array patterns;
        std::size_t index = 0;
        if (!asArray(v, &patterns))
            return;
        for (element pattern : patterns) {
            auto item = at(index++);
            if (!pattern.is_string())
                fail(tr("must be a string"));
        }
    });
    for (auto list : {"choices", "scale", "source", "target", "steps"}) {
        with(definition, list, Need::Optional, [&](element v) {
            const bool allowed = match != interactions.end()
                && std::find(match->lists.begin(), match->lists.end(), list) != match->lists.end();
            if (!allowed)
                fail(tr("\"%1\" does not belong to interactionType \"%2\"").arg(qs(list), qs(type.value_or(""))));
            readComponents(v);
        });
    }
}

void XapiJsonWalker::readComponents(element value)
{
    array components;
    if (!asArray(value, &components))
        return;
    std::vector<std::string_view> ids;
    std::size_t index = 0;
    for (element component : components) {
        auto item = at(index++);
        object obj;
        if (!asObject(component, &obj))
            continue;
        checkMembers(obj, {"id", "description"});
        if (const auto id = stringField(obj, "id", Need::Required)) {
            if (std::find(ids.begin(), ids.end(), *id) != ids.end())
                fail(tr("the interaction component id \"%1\" is used twice").arg(qs(*id)));
            ids.push_back(*id);
        }
        with(obj, "description", Need::Optional, [&](element v) { readLanguageMap(v); });
    }
}

void XapiJsonWalker::readAttachments(element value)
{
    array list;
    if (!asArray(value, &list))
        return;
    std::size_t index = 0;
    for (element item : list) {
        auto scope = at(index++);
        object obj;
        if (!asObject(item, &obj))
            continue;
        checkMembers(obj, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"});
        formatField(obj, "usageType", Format::Iri, Need::Required);
        with(obj, "display", Need::Required, [&](element v) { readLanguageMap(v); });
        with(obj, "description", Need::Optional, [&](element v) { readLanguageMap(v); });
        formatField(obj, "contentType", Format::MediaType, Need::Required);
        with(obj, "length", Need::Required, [&](element v) {
            int64_t length = 0;
            if (v.get_int64().get(length) != simdjson::SUCCESS || length < 0)
                fail(tr("must be a whole number of bytes"));
        });
        stringField(obj, "sha2", Need::Required);
        formatField(obj, "fileUrl", Format::Irl);
    }
}

} // namespace pme::core
