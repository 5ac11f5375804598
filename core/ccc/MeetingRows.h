// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/CccTypes.h"

#include <QJsonObject>

namespace pme::core {
class ActingUser;
class AuditLog;
class Database;
} // namespace pme::core

namespace pme::core::ccc::detail {

/// The meetings row alone (no members, no agenda); NotFound for an unknown id.
Result<Meeting> readMeeting(Database &db, qint64 meetingId);
/// readMeeting(), Denied unless user runs meetings of its program.
Result<Meeting> readMeetingFor(Database &db, const ActingUser &user, qint64 meetingId);
/// Whether the learner is on the meeting's agenda.
Result<bool> onAgenda(Database &db, qint64 meetingId, qint64 learnerId);
/// After decisions are stored, the resident's analytics are refreshed under the stored models
/// (a single-learner recompute; nothing when the store has no models yet). Returns why it
/// failed, or nothing.
QString refreshLearner(Database &db, const AuditLog &audit, const ActingUser &user, qint64 learnerId);
/// Compact JSON for audit details.
QString compactJson(const QJsonObject &object);

} // namespace pme::core::ccc::detail
