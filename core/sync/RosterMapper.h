// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/RosterRow.h"
#include "sync/RowMapper.h"
#include "sync/SyncLookups.h"
#include "sync/SyncTypes.h"

#include <QCoreApplication>

#include <set>
#include <span>
#include <string>

namespace pme::core {

/// Maps and validates roster and outcome rows (small files: plain QString rows).
class RosterMapper final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::RosterMapper)

public:
    RosterMapper(const RowMapper &mapper, const SyncLookups &lookups);

    bool mapLearner(std::span<const std::string_view> fields, qint64 row, qint64 line, RosterRow &out,
                    SyncReject &reject);
    bool mapOutcome(std::span<const std::string_view> fields, qint64 row, qint64 line, OutcomeRow &out,
                    SyncReject &reject);

    const std::set<std::string> &unknownLearners() const { return m_unknownLearners; }

private:
    QString text(const char *field, std::span<const std::string_view> fields) const;
    bool fail(SyncReject &reject, qint64 row, qint64 line, const char *field, const QString &reason) const;
    bool date(const char *field, std::span<const std::string_view> fields, bool required, QDate &out,
              QString &error) const;

    const RowMapper &m_mapper;
    const SyncLookups &m_lookups;
    std::set<std::string> m_unknownLearners;
    std::set<QString> m_seenKeys;
};

} // namespace pme::core
