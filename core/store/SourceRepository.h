// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QString>

namespace pme::core {

class Database;

/// The systems that export data to PME Coach; every observation remembers its source.
class SourceRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::SourceRepository)

public:
    explicit SourceRepository(Database &db) : m_db(db) {}

    /// The id of the source with this code, created with the given name and kind if new.
    Result<qint64> ensure(const QString &code, const QString &name, const QString &kind = QStringLiteral("file"));
    Result<qint64> findByCode(const QString &code);

private:
    Database &m_db;
};

} // namespace pme::core
