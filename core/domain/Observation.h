// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace pme::core {

/// One piece of evidence about a learner, with where it came from.
struct Observation {
    enum class Kind { Assessment, Epa, Milestone, Exam, Narrative, CccDecision };

    qint64 id = 0;
    qint64 learnerId = 0;
    std::optional<qint64> competencyId;
    Kind kind = Kind::Assessment;
    QDate observedOn;
    std::optional<double> rating;   ///< on the competency framework's scale
    QString ratingText;             ///< as the export gave it
    std::optional<double> score;
    std::optional<double> percentile;
    QString assessor;
    QString assessorRole;
    QString instrument;
    QString context;
    QString narrative;
    // Provenance
    qint64 sourceId = 0;
    QString sourceKey;
    std::optional<qint64> batchId;
    std::optional<qint64> contentHash;
    int revision = 1;

    static QString kindToString(Kind kind);
    static std::optional<Kind> kindFromString(const QString &text);
};

} // namespace pme::core
