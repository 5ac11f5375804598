// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/RowMapper.h"

#include "domain/Dates.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace pme::core {

namespace {

// ASCII white space only: std::isspace depends on the process's locale, and in a single-byte
// locale it takes 0xA0 for a space, which is also the last byte of "à" in UTF-8. (It is also
// a function call per character, on every field of every row.)
constexpr bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isAsciiSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

Result<RowMapper> RowMapper::bind(const MappingProfile &profile, std::span<const std::string_view> header)
{
    RowMapper mapper;
    mapper.m_profile = profile;
    QStringList normalizedHeader;
    for (std::string_view name : header)
        normalizedHeader << normalizedColumnName(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));

    for (auto it = profile.fields.cbegin(); it != profile.fields.cend(); ++it) {
        Binding binding;
        for (const QString &wanted : it.value().columns) {
            const qsizetype index = normalizedHeader.indexOf(normalizedColumnName(wanted));
            if (index < 0)
                continue;
            binding.columns.push_back(static_cast<int>(index));
            if (binding.column < 0) {
                binding.column = static_cast<int>(index);
                const std::string_view name = header[static_cast<std::size_t>(index)];
                binding.columnName = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
            }
        }
        binding.constant = it.value().constant.toStdString();
        for (auto v = it.value().values.cbegin(); v != it.value().values.cend(); ++v)
            binding.values.emplace_back(v.key().toStdString(), v.value().toStdString());
        const bool required = it.value().required || MappingProfile::requiredFields(profile.target).contains(it.key());
        if (binding.column < 0 && binding.constant.empty() && required)
            return makeError(ErrorKind::BadInput,
                             tr("The file has no column for '%1' (looked for: %2).")
                                 .arg(it.key(), it.value().columns.join(QStringLiteral(", "))));
        if (binding.column < 0 && binding.constant.empty())
            continue; // an optional column this export does not have
        mapper.m_bindings.emplace_back(it.key(), std::move(binding));
    }
    return mapper;
}

const RowMapper::Binding *RowMapper::binding(const QString &field) const
{
    for (const auto &[name, binding] : m_bindings) {
        if (name == field)
            return &binding;
    }
    return nullptr;
}

bool RowMapper::maps(const QString &field) const
{
    return binding(field) != nullptr;
}

QString RowMapper::columnName(const QString &field) const
{
    const Binding *b = binding(field);
    return b && b->column >= 0 ? b->columnName : field;
}

int RowMapper::fieldHandle(const QString &field) const
{
    for (std::size_t i = 0; i < m_bindings.size(); ++i) {
        if (m_bindings[i].first == field)
            return static_cast<int>(i);
    }
    return -1;
}

std::string_view RowMapper::value(const QString &field, std::span<const std::string_view> row) const
{
    return value(fieldHandle(field), row);
}

std::string_view RowMapper::value(int handle, std::span<const std::string_view> row) const
{
    if (handle < 0)
        return {};
    const Binding *b = &m_bindings[static_cast<std::size_t>(handle)].second;
    std::string_view text;
    for (int column : b->columns) {
        if (static_cast<std::size_t>(column) < row.size())
            text = trimmed(row[static_cast<std::size_t>(column)]);
        if (!text.empty())
            break;
    }
    if (!b->values.empty() && !text.empty()) {
        m_scratch = lowered(text);
        for (const auto &[from, to] : b->values) {
            if (from == m_scratch)
                return to;
        }
    }
    if (text.empty())
        return b->constant;
    return text;
}

std::optional<QDate> RowMapper::parseDate(std::string_view text) const
{
    // Timestamps count by their calendar day: '2024-03-05T14:00:00Z' is 2024-03-05.
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-')
        return parseIsoDate(text.substr(0, 10));
    const QString qtext = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    for (const QString &format : m_profile.dateFormats) {
        const QDate date = QDate::fromString(qtext, format);
        if (date.isValid())
            return date;
    }
    return std::nullopt;
}

std::optional<double> RowMapper::parseNumber(std::string_view text)
{
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    std::string buffer;
    if (text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos) {
        buffer.assign(text);
        std::replace(buffer.begin(), buffer.end(), ',', '.');
        text = buffer;
    }
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace pme::core
