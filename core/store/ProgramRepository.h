// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Program.h"

#include <QCoreApplication>
#include <QList>

namespace pme::core {

class Database;

/// Programs and the frameworks they assess against.
class ProgramRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ProgramRepository)

public:
    explicit ProgramRepository(Database &db) : m_db(db) {}

    Result<qint64> add(const Program &program);
    Result<Program> findByCode(const QString &code);
    Result<Program> find(qint64 id);
    Result<QList<Program>> list();
    Result<void> attachFramework(qint64 programId, qint64 frameworkId);
    Result<QList<qint64>> frameworkIds(qint64 programId);

private:
    Result<Program> findOne(const char *sql, const QVariant &key);

    Database &m_db;
};

} // namespace pme::core
