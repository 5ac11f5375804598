// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Learner.h"

#include <QDate>
#include <QString>

#include <optional>

namespace pme::core {

/// One learner of a roster file, mapped and validated.
struct RosterRow {
    qint64 row = 0;
    QString externalId;
    QString displayName;
    QString familyName;
    QString givenName;
    QString email;
    QString programCode;
    QString programName;
    QString frameworkCode;
    QDate startDate;
    QDate expectedCompletionDate;
    Learner::Status status = Learner::Status::Active;
    QString stage;
};

/// One outcome row (board result, level reached at completion, course result), mapped.
struct OutcomeRow {
    qint64 row = 0;
    qint64 learnerId = 0;
    QString kind;
    QString valueText;
    std::optional<double> valueNumber;
    QDate date;
    qint64 competencyId = 0;
    QString sourceKey;
};

} // namespace pme::core
