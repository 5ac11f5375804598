// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "goals/GoalTypes.h"

#include "domain/Dates.h"

#include <cmath>

namespace pme::core::goals {

namespace {

std::optional<double> number(const QJsonObject &json, const char *key)
{
    const QJsonValue value = json.value(QLatin1String(key));
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

} // namespace

QString GoalMeasure::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::CompetencyLevel:
        return QStringLiteral("competency_level");
    case Kind::ObservationCount:
        return QStringLiteral("observation_count");
    case Kind::ExamPercentile:
        return QStringLiteral("exam_percentile");
    case Kind::FreeText:
        return QStringLiteral("free_text");
    }
    return QStringLiteral("free_text");
}

std::optional<GoalMeasure::Kind> GoalMeasure::kindFromString(const QString &text)
{
    for (Kind kind : {Kind::CompetencyLevel, Kind::ObservationCount, Kind::ExamPercentile, Kind::FreeText}) {
        if (kindToString(kind) == text)
            return kind;
    }
    return std::nullopt;
}

QJsonObject GoalMeasure::toJson() const
{
    QJsonObject json;
    switch (kind) {
    case Kind::CompetencyLevel:
        json.insert(QStringLiteral("level"), target);
        break;
    case Kind::ObservationCount:
        json.insert(QStringLiteral("count"), target);
        if (!observationKind.isEmpty())
            json.insert(QStringLiteral("kind"), observationKind);
        if (minRating)
            json.insert(QStringLiteral("min_rating"), *minRating);
        break;
    case Kind::ExamPercentile:
        json.insert(QStringLiteral("percentile"), target);
        if (!instrument.isEmpty())
            json.insert(QStringLiteral("instrument"), instrument);
        break;
    case Kind::FreeText:
        json.insert(QStringLiteral("text"), text);
        break;
    }
    if (since && kind != Kind::FreeText && kind != Kind::CompetencyLevel)
        json.insert(QStringLiteral("since"), toIsoDate(*since));
    return json;
}

std::optional<GoalMeasure> GoalMeasure::fromJson(Kind kind, const QJsonObject &json)
{
    GoalMeasure m;
    m.kind = kind;
    const char *key = kind == Kind::CompetencyLevel ? "level" : kind == Kind::ObservationCount ? "count" : "percentile";
    if (kind == Kind::FreeText) {
        m.text = json.value(QStringLiteral("text")).toString();
        return m;
    }
    const auto target = number(json, key);
    if (!target)
        return std::nullopt;
    m.target = *target;
    m.observationKind = json.value(QStringLiteral("kind")).toString();
    m.minRating = number(json, "min_rating");
    m.instrument = json.value(QStringLiteral("instrument")).toString();
    if (json.contains(QStringLiteral("since"))) {
        m.since = parseIsoDate(json.value(QStringLiteral("since")).toString());
        if (!m.since)
            return std::nullopt;
    }
    return m;
}

const Goal *GoalPlan::goal(qint64 goalId) const
{
    for (const Goal &g : goals) {
        if (g.id == goalId)
            return &g;
    }
    return nullptr;
}

} // namespace pme::core::goals
