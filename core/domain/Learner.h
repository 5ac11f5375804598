// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace pme::core {

/// A person in training: a resident, a student.
struct Learner {
    enum class Status { Active, Completed, Withdrawn, Leave, Dismissed };

    qint64 id = 0;
    qint64 programId = 0;
    QString displayName;
    QString familyName;
    QString givenName;
    QString email;
    QDate startDate;
    QDate expectedCompletionDate;
    Status status = Status::Active;

    static QString statusToString(Status status);
    static std::optional<Status> statusFromString(const QString &text);
};

/// An id by which one source system knows a learner; unlinked while learnerId is empty.
struct LearnerIdentity {
    qint64 id = 0;
    qint64 sourceId = 0;
    QString externalId;
    std::optional<qint64> learnerId;
};

} // namespace pme::core
