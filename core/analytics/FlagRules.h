// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "analytics/AnalyticsDataset.h"
#include "analytics/NarrativeLexicon.h"
#include "analytics/RuleSet.h"
#include "analytics/Trajectories.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <span>
#include <vector>

namespace pme::core {
class Database;
}

namespace pme::core::analytics {

/// A flag a rule would raise: who, in what, how severe, why in words, the numbers behind the
/// words, and the observations it used.
struct FlagCandidate {
    QString rule;
    qint32 learner = 0;
    std::optional<qint32> competency;
    int severity = 1; ///< 1 low, 2 moderate, 3 high
    double score = 0;
    QString explanation;
    QByteArray details; ///< the numbers behind the words: a compact JSON object (UTF-8)
    std::vector<qint64> evidence;

    QJsonObject detailsObject() const { return QJsonDocument::fromJson(details).object(); }
};

/// One rule's per-competency scores, flat: (learner, competency, score) entries, sorted by
/// learner and competency once the evaluation is done.
class CompetencyScores final {
public:
    struct Entry {
        qint32 learner;
        qint32 competency;
        double score;
    };

    void add(qint32 learner, qint32 competency, double score) { m_entries.push_back({learner, competency, score}); }
    /// Sorts the entries; of several for the same learner and competency the last added stands.
    void finish();
    /// The score of a learner in a competency (after finish()).
    std::optional<double> find(qint32 learner, qint32 competency) const;
    const std::vector<Entry> &entries() const { return m_entries; }
    std::size_t size() const { return m_entries.size(); }

private:
    std::vector<Entry> m_entries;
};

/// What the rules found for a set of learners: the flags, and every learner's underlying
/// score per rule (the highest over competencies), flagged or not, for measuring validity.
struct FlagEvaluation {
    std::vector<FlagCandidate> flags;
    /// rule code -> one score per dataset learner; no value where the rule had nothing to score.
    std::map<QString, std::vector<std::optional<double>>> scores;
    /// rule code -> (learner, competency) -> score, for the rules that score per competency.
    std::map<QString, CompetencyScores> competencyScores;
    /// What the peer-relative rules compared with: per rule, "program:competency" -> the
    /// median of the program's learners. Kept with a full recompute so that a single
    /// learner's refresh compares with the same peers without reading everyone's evidence.
    QJsonObject norms;
};

/// The risk-flag rules. Each is a small unit that turns the dataset and the trajectories into
/// a score per learner (and competency), compares it with the rule set's thresholds, and
/// explains itself with its own numbers.
class FlagRules final {
    Q_DECLARE_TR_FUNCTIONS(pme::core::analytics::FlagRules)

public:
    /// Evaluates every enabled rule for `learners` (dataset indexes; only those in training
    /// are flagged). Narratives and goals are read from `db` with the dataset's cutoffs.
    /// `norms`, when given, replaces the peer medians computed from the dataset.
    static Result<FlagEvaluation> evaluate(Database &db, const AnalyticsDataset &data, const Trajectories &trajectories,
                                           const RuleSet &rules, std::span<const qint32> learners,
                                           const QJsonObject *norms = nullptr);
};

} // namespace pme::core::analytics
