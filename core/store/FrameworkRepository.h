// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Framework.h"

#include <QCoreApplication>
#include <QList>

namespace pme::core {

class Database;

/// A framework as listed: its definition without the competencies, plus their count.
struct FrameworkSummary {
    Framework framework;
    int competencyCount = 0;
};

/// Competency frameworks and their competencies.
class FrameworkRepository final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::FrameworkRepository)

public:
    explicit FrameworkRepository(Database &db) : m_db(db) {}

    /// Inserts the framework or, when its code exists, updates it; competencies are matched
    /// by code, so observations that point at them stay attached. Returns the framework id.
    Result<qint64> save(const Framework &framework);
    Result<QList<FrameworkSummary>> list();
    /// The framework with its competencies.
    Result<Framework> findByCode(const QString &code);
    Result<Framework> find(qint64 id);
    Result<QList<Competency>> competencies(qint64 frameworkId);

private:
    Result<Framework> findWhere(const char *where, const QString &key, qint64 id);
    Result<void> saveCompetencies(qint64 frameworkId, const QList<Competency> &competencies);

    Database &m_db;
};

} // namespace pme::core
