// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace pme::core {

class Statement;

/// The learners whose data of one kind an acting user may read (AccessPolicy::scope).
///
/// Either every learner (a role granted for every program) or a sorted list of ids. Queries
/// apply it with two bound parameters, never by splicing ids into SQL:
///
///     Statement st(db, "SELECT ... FROM observations o "
///                      "WHERE (?1 OR o.learner_id IN (SELECT value FROM json_each(?2)))");
///     scope.bind(st, 1, 2);
class LearnerScope final {
public:
    /// Nobody.
    LearnerScope() = default;
    static LearnerScope everyone();
    static LearnerScope of(QList<qint64> learnerIds);

    bool isEveryone() const { return m_everyone; }
    bool isEmpty() const { return !m_everyone && m_ids.isEmpty(); }
    /// The ids when !isEveryone(), ascending and without duplicates.
    const QList<qint64> &ids() const { return m_ids; }
    bool contains(qint64 learnerId) const;

    /// The ids as a JSON array ("[3,7,12]") for SQLite's json_each().
    QString idsJson() const;
    /// Binds isEveryone() (0/1) at everyoneIndex and idsJson() at idsIndex.
    void bind(Statement &statement, int everyoneIndex, int idsIndex) const;

private:
    QList<qint64> m_ids;
    bool m_everyone = false;
};

} // namespace pme::core
