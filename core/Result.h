// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace pme::core {

/// What went wrong, in categories a caller can act on (the CLI maps them to exit codes).
enum class ErrorKind {
    Internal,   ///< a bug or an unexpected library failure
    Io,         ///< a file could not be read or written
    BadInput,   ///< the input is malformed or does not fit the domain
    Refused,    ///< the database is not ours, is newer than this build, or is otherwise unusable
    NotFound,   ///< a named thing does not exist
    Conflict,   ///< the change clashes with what is stored
    Denied,     ///< the acting user may not do this
    Cancelled,  ///< the user stopped the job
};

/// A user-readable, already translated message with its category.
struct Error {
    ErrorKind kind = ErrorKind::Internal;
    QString message;
};

/// A value or an Error. Errors are values in PME Coach: nothing throws across layers.
template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<T>(m_data); }
    const T &value() const & { return std::get<T>(m_data); }
    // By value, so that `for (auto &x : *makeResult())` does not dangle.
    T value() && { return std::get<T>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T operator*() && { return std::move(*this).value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(ErrorKind kind, QString message)
{
    return Error{kind, std::move(message)};
}

} // namespace pme::core
