// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// --as-of DATE / --as-of-days N, shared by the analytics commands.

#include "Result.h"
#include "analytics/AsOf.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonValue>

#include <optional>

namespace pme::cli {

class AsOfOption final {
    Q_DECLARE_TR_FUNCTIONS(pme::cli::AsOfOption)

public:
    /// The as-of point the options name; latest when neither is given.
    static core::Result<core::analytics::AsOf> read(const QCommandLineParser &parser)
    {
        using core::analytics::AsOf;
        const bool date = parser.isSet(QStringLiteral("as-of"));
        const bool days = parser.isSet(QStringLiteral("as-of-days"));
        if (date && days)
            return core::makeError(core::ErrorKind::BadInput, tr("Give --as-of or --as-of-days, not both."));
        if (date)
            return AsOf::parse(QStringLiteral("date:") + parser.value(QStringLiteral("as-of")));
        if (days)
            return AsOf::parse(QStringLiteral("days:") + parser.value(QStringLiteral("as-of-days")));
        return AsOf::latest();
    }

    static void add(QCommandLineParser &parser)
    {
        parser.addOptions({
            {QStringLiteral("as-of"), tr("Compute as of the end of DATE (YYYY-MM-DD), with only the evidence dated "
                                         "on or before it."),
             tr("DATE")},
            {QStringLiteral("as-of-days"), tr("Compute as of the end of day N of each learner's training."), tr("N")},
        });
    }
};

inline QJsonValue optionalJson(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace pme::cli
