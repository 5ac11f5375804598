// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/CccTypes.h"

#include <QCoreApplication>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::ccc {

/// One resident in a meeting report: the packet the committee read and what it decided.
struct ResidentReport {
    AgendaItem item;
    ResidentPacket packet; ///< empty when the report was built without packets
    ResidentDecisions decisions;
};

/// What a meeting report, a resident summary or the levels file is made from.
struct MeetingReport {
    Meeting meeting;
    QList<ResidentReport> residents; ///< in agenda order
};

/// Gathers a meeting's reports through the governed services (the packets are read, and
/// audited, as the committee reads them; nothing behind the coaching firewall is in them),
/// and writes the levels file.
class MeetingReportBuilder final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::ccc::MeetingReportBuilder)

public:
    /// The whole meeting, or one resident (learnerId); packets only when withPackets.
    static Result<MeetingReport> build(Database &db, const AuditLog &audit, const ActingUser &user, qint64 meetingId,
                                       bool withPackets, std::optional<qint64> learnerId = std::nullopt);

    /// The final (current, finalised) level of every decided resident and subcompetency, one
    /// row each, RFC 4180 CSV in UTF-8 with a header row, ready to type into the
    /// accreditation system.
    static QByteArray levelsCsv(const MeetingReport &report);

    /// Records that a report was written (details: kind, file name, residents).
    static Result<void> recordExport(Database &db, const AuditLog &audit, const ActingUser &user,
                                     const MeetingReport &report, const QString &kind, const QString &fileName);
};

} // namespace pme::core::ccc
