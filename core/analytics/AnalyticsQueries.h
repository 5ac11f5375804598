// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/Validity.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace pme::core {
class ActingUser;
class Database;
} // namespace pme::core

namespace pme::core::analytics {

/// A stored flag as a person reads it.
struct FlagView {
    qint64 id = 0;
    qint64 learnerId = 0;
    QString learnerName;
    std::optional<qint64> competencyId;
    QString competencyCode;
    QString competencyName;
    QString rule;
    QString ruleTitle;
    int ruleSetVersion = 0;
    qint64 ruleSetId = 0;
    int severity = 1;
    double score = 0;
    QString explanation;
    QJsonObject details;
    QString state;
    QString stateReason;
    QString asOf;
    QString raisedAt;
    QString updatedAt;
    std::vector<qint64> evidence;
    /// How flags of this rule have done on this program's outcomes ("PPV 0.41, n = 87").
    std::optional<Validity::Stored> validity;

    /// "Flags like this one: PPV 0.41 (n = 87)", or a sentence saying it is not measured yet.
    QString validityText() const;
};

/// A stored forecast: one learner, one competency.
struct ForecastView {
    qint64 learnerId = 0;
    QString learnerName;
    qint64 competencyId = 0;
    QString competencyCode;
    QString competencyName;
    QString frameworkCode;
    std::optional<double> target;
    double scaleMin = 0;
    double scaleMax = 0;
    int observations = 0;
    QString lastObservedOn;
    double intercept = 0, slope = 0;
    double covII = 0, covIS = 0, covSS = 0;
    double yearsNow = 0, levelNow = 0, levelNowSd = 0, cohortNow = 0, cohortSpreadNow = 0;
    std::optional<double> yearsAtCompletion, levelAtCompletion, levelAtCompletionSd, probabilityTarget;
};

/// A stored growth model.
struct ModelView {
    qint64 competencyId = 0;
    QString competencyCode;
    QString competencyName;
    qint64 observations = 0, learners = 0;
    double intercept = 0, slope = 0;
    double vcovII = 0, vcovIS = 0, vcovSS = 0;
    double reVarI = 0, reCovIS = 0, reVarS = 0, residualVar = 0;
    double reml = 0;
    int evaluations = 0;
    bool boundary = false;
    QString fittedAt;
};

/// What the analytics stored, read through the access policy: every query takes the acting
/// user and returns only what that user may read.
class AnalyticsQueries final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::AnalyticsQueries)

public:
    struct FlagFilter {
        std::optional<qint64> learnerId;
        QStringList states; ///< empty: every state
        bool withEvidence = true;
    };
    static Result<QList<FlagView>> flags(Database &db, const ActingUser &user, const FlagFilter &filter);
    static Result<FlagView> flag(Database &db, const ActingUser &user, qint64 flagId);
    static Result<QList<ForecastView>> forecasts(Database &db, const ActingUser &user,
                                                 std::optional<qint64> learnerId);
    /// The cohort's models are aggregates; any signed-in user may read them.
    static Result<QList<ModelView>> models(Database &db, const ActingUser &user);
};

} // namespace pme::core::analytics
