// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace pme::core {

/// Where one domain field comes from: the first present column among `columns` (header
/// names, matched ignoring case, spaces and punctuation), or a constant. `values` translates
/// what the export says into what the domain wants ("I had to do it" → "1"); keys are
/// matched ignoring case and surrounding spaces.
struct FieldMapping {
    QStringList columns;
    QString constant;
    QHash<QString, QString> values;
    bool required = false;

    bool isConstant() const { return columns.isEmpty() && !constant.isEmpty(); }
};

/// How a source's file maps onto PME Coach's domain (docs/profiles.md). Profiles are data:
/// built-in ones ship as resources, users write or save their own as JSON files.
struct MappingProfile {
    Q_DECLARE_TR_FUNCTIONS(pme::core::MappingProfile)

public:
    enum class Target { Observations, Roster, Outcomes };
    enum class Input { Csv, Xapi };
    enum class BlankRating { Reject, Keep };

    QString name;          ///< identifier, e.g. "pmecoach-observations"
    QString title;         ///< for people
    QString description;
    Target target = Target::Observations;
    Input input = Input::Csv;
    QString sourceCode;    ///< the system the file comes from; learner ids are that system's
    QString sourceName;
    QMap<QString, FieldMapping> fields;   ///< domain field → mapping
    /// Domain fields whose values make the source key when there is no "source_key" field.
    /// Rows that share a composite key are numbered in file order.
    QStringList keyFields;
    QStringList dateFormats;              ///< Qt date formats tried in order; ISO is always tried
    /// A rating scale of the source, rescaled linearly onto the framework's scale.
    std::optional<double> ratingFromMin;
    std::optional<double> ratingFromMax;
    BlankRating blankRating = BlankRating::Reject;
    /// With BlankRating::Reject, a blank rating is still kept when this field has one of these
    /// values (e.g. a form that expired unrated).
    QString blankRatingAllowedField;
    QStringList blankRatingAllowedValues;
    /// Header names that must all be present for this profile to be suggested for a file.
    QStringList detectColumns;

    /// The domain fields a target knows, in display order.
    static QStringList knownFields(Target target);
    static QStringList requiredFields(Target target);

    static Result<MappingProfile> fromJson(const QByteArray &json, const QString &origin);
    QByteArray toJson() const;
    Result<void> validate(const QString &origin) const;

    static QString targetToString(Target target);
    static std::optional<Target> targetFromString(const QString &text);
};

/// The normalised form used to compare header names and mapped values.
QString normalizedColumnName(QStringView header);

} // namespace pme::core
