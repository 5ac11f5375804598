// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/RuleSet.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace pme::core::analytics {

double RuleSettings::parameter(const QString &name, double fallback) const
{
    const auto it = parameters.find(name);
    return it == parameters.end() ? fallback : it->second;
}

int RuleSettings::severityFor(double score) const
{
    int severity = 0;
    for (double threshold : thresholds) {
        if (score >= threshold)
            ++severity;
    }
    return severity;
}

const QStringList &RuleSet::ruleCodes()
{
    static const QStringList codes{
        QStringLiteral("below_expected"),   QStringLiteral("low_attainment"),   QStringLiteral("declining"),
        QStringLiteral("stalled"),          QStringLiteral("sparse_evidence"),  QStringLiteral("low_exam"),
        QStringLiteral("narrative_concern"), QStringLiteral("goals_overdue"),
        QStringLiteral("evidence_adjusted_level"), QStringLiteral("evidence_on_schedule"),
    };
    return codes;
}

QString RuleSet::ruleTitle(const QString &code)
{
    if (code == QLatin1String("below_expected"))
        return tr("Below the cohort's expected trajectory");
    if (code == QLatin1String("low_attainment"))
        return tr("Unlikely to reach the target level");
    if (code == QLatin1String("declining"))
        return tr("Declining ratings");
    if (code == QLatin1String("stalled"))
        return tr("Progress has stalled");
    if (code == QLatin1String("sparse_evidence"))
        return tr("Too little recent evidence");
    if (code == QLatin1String("low_exam"))
        return tr("Low exam performance");
    if (code == QLatin1String("narrative_concern"))
        return tr("Concerning language in comments");
    if (code == QLatin1String("goals_overdue"))
        return tr("Goals overdue");
    if (code == QLatin1String("evidence_adjusted_level"))
        return tr("Behind on accumulated evidence");
    if (code == QLatin1String("evidence_on_schedule"))
        return tr("Behind on expected evidence");
    return code;
}

Result<RuleSet> RuleSet::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull() || !doc.isObject())
        return makeError(ErrorKind::BadInput, tr("The rule set is not a JSON object: %1.").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("pmecoach-rule-set"))
        return makeError(ErrorKind::BadInput, tr("The file is not a PME Coach rule set (its \"format\" is not "
                                                 "\"pmecoach-rule-set\")."));
    const QJsonObject rules = root.value(QStringLiteral("rules")).toObject();
    RuleSet set;
    set.m_json = json;
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        if (!ruleCodes().contains(it.key()))
            return makeError(ErrorKind::BadInput, tr("The rule set names a rule this version does not know: %1.")
                                                      .arg(it.key()));
        if (!it->isObject())
            return makeError(ErrorKind::BadInput, tr("The rule %1 is not an object.").arg(it.key()));
        const QJsonObject o = it->toObject();
        RuleSettings settings;
        settings.enabled = o.value(QStringLiteral("enabled")).toBool(true);
        const QJsonArray thresholds = o.value(QStringLiteral("thresholds")).toArray();
        if (thresholds.size() != 3)
            return makeError(ErrorKind::BadInput,
                             tr("The rule %1 needs three thresholds (low, moderate, high).").arg(it.key()));
        for (int i = 0; i < 3; ++i) {
            if (!thresholds.at(i).isDouble())
                return makeError(ErrorKind::BadInput, tr("A threshold of the rule %1 is not a number.").arg(it.key()));
            settings.thresholds[static_cast<std::size_t>(i)] = thresholds.at(i).toDouble();
        }
        if (!(settings.thresholds[0] <= settings.thresholds[1] && settings.thresholds[1] <= settings.thresholds[2]))
            return makeError(ErrorKind::BadInput,
                             tr("The thresholds of the rule %1 must rise from low to high.").arg(it.key()));
        for (auto p = o.begin(); p != o.end(); ++p) {
            const QString key = p.key();
            if (key == QLatin1String("enabled") || key == QLatin1String("thresholds") || key == QLatin1String("about"))
                continue;
            if (key == QLatin1String("lexicon")) {
                settings.lexicon = p->toString();
                continue;
            }
            if (!p->isDouble() || p->toDouble() < 0)
                return makeError(ErrorKind::BadInput,
                                 tr("The setting %1 of the rule %2 must be a number of zero or more.").arg(key, it.key()));
            settings.parameters[key] = p->toDouble();
        }
        set.m_rules[it.key()] = settings;
    }
    for (const QString &code : ruleCodes()) {
        if (!set.m_rules.contains(code)) {
            RuleSettings off;
            off.enabled = false;
            set.m_rules[code] = off;
        }
    }
    return set;
}

RuleSet RuleSet::defaults()
{
    QFile file(QStringLiteral(":/pme/analytics/default-rules.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the built-in rule set is missing from the resources");
    auto set = fromJson(file.readAll());
    if (!set)
        qFatal("the built-in rule set is invalid: %s", qPrintable(set.error().message));
    return *set;
}

namespace {

Result<std::optional<RuleSet>> readVersion(Database &db, std::optional<int> version)
{
    Statement select(db, version ? "SELECT id, version, content, reason FROM rule_sets WHERE version = ?"
                                 : "SELECT id, version, content, reason FROM rule_sets ORDER BY version DESC LIMIT 1");
    if (version)
        select.bind(1, *version);
    std::optional<RuleSet> found;
    std::optional<Error> failure;
    auto r = select.forEachRow([&](Statement &s) {
        auto set = RuleSet::fromJson(s.columnText(2).toUtf8());
        if (!set) {
            failure = set.error();
            return;
        }
        found = std::move(*set);
        found->setStored(s.columnInt64(0), static_cast<int>(s.columnInt64(1)), s.columnText(3));
    });
    if (!r)
        return r.error();
    if (failure)
        return *failure;
    return found;
}

} // namespace

Result<RuleSet> RuleSet::active(Database &db)
{
    auto found = readVersion(db, std::nullopt);
    if (!found)
        return found.error();
    if (*found)
        return std::move(**found);
    return store(db, defaults().toJson(), tr("The rules PME Coach ships with."), std::nullopt);
}

Result<RuleSet> RuleSet::version(Database &db, int version)
{
    auto found = readVersion(db, version);
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorKind::NotFound, tr("There is no rule set version %1.").arg(version));
    return std::move(**found);
}

Result<RuleSet> RuleSet::store(Database &db, const QByteArray &json, const QString &reason,
                               std::optional<qint64> userId)
{
    if (reason.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("A new rule-set version needs a reason."));
    auto set = fromJson(json);
    if (!set)
        return set.error();
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    Statement next(db, "SELECT coalesce(max(version), 0) + 1 FROM rule_sets");
    int version = 1;
    if (auto r = next.forEachRow([&](Statement &s) { version = static_cast<int>(s.columnInt64(0)); }); !r)
        return r.error();
    Statement insert(db, "INSERT INTO rule_sets (version, content, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, version);
    insert.bind(2, QString::fromUtf8(json));
    insert.bind(3, reason.trimmed());
    insert.bind(4, userId);
    insert.bind(5, nowUtcIso());
    if (auto r = insert.exec(); !r)
        return r.error();
    set->setStored(db.lastInsertRowId(), version, reason.trimmed());
    if (auto r = tx.commit(); !r)
        return r.error();
    return std::move(*set);
}

const RuleSettings &RuleSet::rule(const QString &code) const
{
    static const RuleSettings off{false, {0, 0, 0}, {}, {}};
    const auto it = m_rules.find(code);
    return it == m_rules.end() ? off : it->second;
}

} // namespace pme::core::analytics
