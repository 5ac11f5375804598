// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <map>
#include <optional>

namespace pme::core {
class Database;
}

namespace pme::core::analytics {

/// One rule's settings: whether it runs, the three score thresholds (low, moderate, high
/// severity) and its numeric parameters (windows, minimum counts).
struct RuleSettings {
    bool enabled = true;
    std::array<double, 3> thresholds{0, 0, 0};
    std::map<QString, double> parameters;
    QString lexicon;

    double parameter(const QString &name, double fallback) const;
    /// 0 below the first threshold, else 1 (low), 2 (moderate) or 3 (high).
    int severityFor(double score) const;
};

/// The versioned thresholds and windows of the risk-flag rules: data, not code. A new version
/// is stored with who made it and why; flags record the version that raised them.
class RuleSet final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::RuleSet)

public:
    /// The rule codes this build knows, in the order they are shown.
    static const QStringList &ruleCodes();
    /// A rule's name for people ("Below the cohort's expected trajectory").
    static QString ruleTitle(const QString &code);

    /// Reads and checks a rule-set document; unknown rules, missing or unordered thresholds
    /// and non-numeric parameters are refused with the reason.
    static Result<RuleSet> fromJson(const QByteArray &json);
    /// The rule set PME Coach ships with.
    static RuleSet defaults();

    /// The newest stored version; the defaults are stored as version 1 on first use.
    static Result<RuleSet> active(Database &db);
    static Result<RuleSet> version(Database &db, int version);
    /// Stores `json` as the next version. The reason is required.
    static Result<RuleSet> store(Database &db, const QByteArray &json, const QString &reason,
                                 std::optional<qint64> userId);

    qint64 id() const { return m_id; }
    int version() const { return m_version; }
    const QString &reason() const { return m_reason; }
    QByteArray toJson() const { return m_json; }
    const RuleSettings &rule(const QString &code) const;
    bool enabled(const QString &code) const { return rule(code).enabled; }
    /// Records where this set is stored (the row id, the version and its reason).
    void setStored(qint64 id, int version, const QString &reason)
    {
        m_id = id;
        m_version = version;
        m_reason = reason;
    }

private:
    qint64 m_id = 0;
    int m_version = 0;
    QString m_reason;
    QByteArray m_json;
    std::map<QString, RuleSettings> m_rules;
};

} // namespace pme::core::analytics
