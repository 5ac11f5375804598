// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace pme::core {

/// One competency, subcompetency or EPA of a framework.
struct Competency {
    qint64 id = 0;
    qint64 frameworkId = 0;
    QString code;
    QString name;
    QString domain;
    QString description;
    QString stage;
    std::optional<int> stageOrder;
    std::optional<int> requiredObservations;
    int sortOrder = 0;
};

/// A label for one level of a framework's rating scale (e.g. 5 = "I didn't need to be there").
struct ScaleLabel {
    double level = 0;
    QString label;
};

/// A competency framework: its codes, its rating scale and the level expected at completion.
struct Framework {
    enum class Kind { Milestones, Epa, Competencies };

    qint64 id = 0;
    QString code;
    QString name;
    Kind kind = Kind::Competencies;
    QString version;
    QString description;
    double scaleMin = 1;
    double scaleMax = 5;
    double scaleStep = 1;
    std::optional<double> targetLevel;
    QList<ScaleLabel> scaleLabels;
    QString source;
    QList<Competency> competencies;

    static QString kindToString(Kind kind);
    static std::optional<Kind> kindFromString(const QString &text);
};

} // namespace pme::core
