// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string_view>

struct sqlite3_stmt;

namespace pme::core {

class Database;

/// A prepared statement (RAII over sqlite3_stmt). Values are always bound, never spliced
/// into SQL. Parameter and column indexes follow SQLite: parameters from 1, columns from 0.
///
///     Statement st(db, "SELECT name FROM learners WHERE program_id = ?");
///     st.bind(1, programId);
///     while (auto row = st.step(); row && *row) { names << st.columnText(0); }
class Statement final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::Statement)

public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    /// False when preparing failed; step() then returns the prepare error.
    bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, static_cast<qint64>(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &value);
    /// Binds UTF-8 text that must stay alive until the next step() or reset().
    void bindStatic(int index, std::string_view utf8);
    void bindBlob(int index, const void *data, int size);
    void bindNull(int index);
    template<typename T>
    void bind(int index, const std::optional<T> &value)
    {
        if (value)
            bind(index, *value);
        else
            bindNull(index);
    }

    /// Runs one step: true when a row is available, false when the statement is done.
    Result<bool> step();
    /// Steps through every row, calling rowFn(*this) for each, then resets.
    template<typename RowFn>
    Result<void> forEachRow(RowFn &&rowFn)
    {
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            rowFn(*this);
        }
        reset();
        return {};
    }
    /// Runs a statement that returns no rows, then resets it for reuse.
    Result<void> exec();
    /// Rewinds so the statement can run again; bindings are kept until rebound.
    void reset();
    void clearBindings();

    bool isNull(int column) const;
    qint64 columnInt64(int column) const;
    double columnDouble(int column) const;
    QString columnText(int column) const;
    std::string_view columnUtf8(int column) const;
    std::optional<qint64> columnOptionalInt64(int column) const;
    std::optional<double> columnOptionalDouble(int column) const;
    QByteArray columnBlob(int column) const;

private:
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_prepareError;
};

} // namespace pme::core
