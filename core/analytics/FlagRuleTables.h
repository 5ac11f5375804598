// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The flag rules' working tables: a rule's scores, a number per learner and competency, each
// program's competencies. Private to core/analytics/FlagRules*.cpp.

#include "analytics/FlagRules.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pme::core::analytics::flagrules {

// One rule's scores: the learner's score is the highest over competencies, except for the
// attainment probability, where it is the mean: the expected share of competencies short of
// target. The rule's entries in the evaluation are found once, when the first score arrives.
class RuleScores {
public:
    RuleScores(FlagEvaluation &out, const QString &rule, std::size_t learners)
        : m_out(out)
        , m_rule(rule)
        , m_learners(learners)
        , m_mean(rule == QLatin1String("low_attainment"))
    {
    }

    void add(qint32 l, double value)
    {
        auto &slot = learnerScores()[static_cast<std::size_t>(l)];
        slot = slot ? std::max(*slot, value) : value;
    }

    void add(qint32 l, qint32 c, double value)
    {
        if (!m_pairs)
            m_pairs = &m_out.competencyScores[m_rule];
        m_pairs->add(l, c, value);
        if (!m_mean) {
            add(l, value);
            return;
        }
        if (m_sums.empty())
            m_sums.resize(m_learners);
        auto &[sum, n] = m_sums[static_cast<std::size_t>(l)];
        sum += value;
        ++n;
        learnerScores()[static_cast<std::size_t>(l)] = sum / n;
    }

private:
    std::vector<std::optional<double>> &learnerScores()
    {
        if (!m_scores) {
            m_scores = &m_out.scores[m_rule];
            if (m_scores->empty())
                m_scores->resize(m_learners);
        }
        return *m_scores;
    }

    FlagEvaluation &m_out;
    QString m_rule;
    std::size_t m_learners;
    bool m_mean;
    std::vector<std::optional<double>> *m_scores = nullptr;
    CompetencyScores *m_pairs = nullptr;
    std::vector<std::pair<double, int>> m_sums;
};

// A number per (learner, competency), zero until added to: one flat array when the dataset's
// learners × competencies fit in 16 M cells, else a map per learner.
template<typename T>
class LearnerCompetencyTable {
public:
    LearnerCompetencyTable(std::size_t learners, std::size_t competencies)
        : m_competencies(competencies)
        , m_flat(learners * competencies <= kMaxCells)
    {
        if (m_flat)
            m_cells.assign(learners * competencies, T{});
        else
            m_maps.resize(learners);
    }

    T &at(qint32 l, qint32 c)
    {
        if (m_flat)
            return m_cells[static_cast<std::size_t>(l) * m_competencies + static_cast<std::size_t>(c)];
        return m_maps[static_cast<std::size_t>(l)][c];
    }

    T value(qint32 l, qint32 c) const
    {
        if (m_flat)
            return m_cells[static_cast<std::size_t>(l) * m_competencies + static_cast<std::size_t>(c)];
        const auto &map = m_maps[static_cast<std::size_t>(l)];
        const auto it = map.find(c);
        return it == map.end() ? T{} : it->second;
    }

private:
    static constexpr std::size_t kMaxCells = std::size_t{16} << 20;
    std::size_t m_competencies;
    bool m_flat;
    std::vector<T> m_cells;
    std::vector<std::unordered_map<qint32, T>> m_maps;
};

// Each program's competencies in the order they first appear in the evidence.
class ProgramCompetencies {
public:
    explicit ProgramCompetencies(std::size_t competencies)
        : m_competencies(competencies)
    {
    }

    void note(qint64 program, qint32 c)
    {
        if (!m_current || program != m_currentProgram) {
            m_current = &m_programs[program];
            m_currentProgram = program;
        }
        if (m_current->seen.empty())
            m_current->seen.assign(m_competencies, 0);
        if (!m_current->seen[static_cast<std::size_t>(c)]) {
            m_current->seen[static_cast<std::size_t>(c)] = 1;
            m_current->list.push_back(c);
        }
    }

    /// The lists by program, to hand to peerMedians().
    std::unordered_map<qint64, std::vector<qint32>> take()
    {
        std::unordered_map<qint64, std::vector<qint32>> lists;
        for (auto &[program, p] : m_programs)
            lists.emplace(program, std::move(p.list));
        m_programs.clear();
        m_current = nullptr;
        return lists;
    }

private:
    struct Program {
        std::vector<qint32> list;
        std::vector<char> seen;
    };
    std::size_t m_competencies;
    std::unordered_map<qint64, Program> m_programs;
    Program *m_current = nullptr;
    qint64 m_currentProgram = 0;
};

} // namespace pme::core::analytics::flagrules
