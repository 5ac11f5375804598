// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "domain/Framework.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pme::core {

/// What a CSV framework file cannot say about itself (a JSON file carries all of it).
/// Empty members fall back to the file name and a 1–5 scale.
struct FrameworkFileOptions {
    QString code;
    QString name;
    std::optional<Framework::Kind> kind;
    std::optional<double> scaleMin;
    std::optional<double> scaleMax;
    std::optional<double> scaleStep;
    std::optional<double> targetLevel;
};

/// Reads competency frameworks from files (docs/frameworks.md describes the formats):
/// PME Coach's JSON format, or a CSV with one competency a row whose columns are found by
/// header name. A CSV with a discipline or program column yields one framework per value.
class FrameworkLoader final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::FrameworkLoader)

public:
    static Result<QList<Framework>> loadFile(const QString &path, const FrameworkFileOptions &options = {});
    static Result<QList<Framework>> loadJson(const QByteArray &data, const QString &origin);
    static Result<QList<Framework>> loadCsv(const QString &path, const FrameworkFileOptions &options);
    /// The frameworks that ship with PME Coach (ACGME IM Milestones 2.0, AAMC Core EPAs).
    static Result<QList<Framework>> builtIns();

    /// Checks one framework for what the store and the analytics rely on.
    static Result<void> validate(const Framework &framework, const QString &origin);
};

} // namespace pme::core
