// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/FlagStore.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/MultiRowInsert.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonDocument>

#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace pme::core::analytics {

namespace {

struct Stored {
    qint64 id = 0;
    int severity = 0;
    QString state;
    bool autoResolved = false; ///< resolved by a recompute, not by a person
    double score = 0;
    qint64 ruleSetId = 0;
    bool fired = false; ///< a rule raised it again in this merge
};

using Identity = std::tuple<qint64, QString, qint64>; // learner, rule, competency (0 = none)

// `at` in UTF-8, bound without a copy: it must outlive the call.
Result<void> event(Statement &insert, qint64 flagId, const char *kind, std::optional<qint64> userId,
                   std::string_view at, const QString &note = QString())
{
    insert.bind(1, flagId);
    insert.bindStatic(2, kind);
    insert.bind(3, userId);
    insert.bindStatic(4, at);
    if (note.isEmpty())
        insert.bindNull(5);
    else
        insert.bind(5, note);
    return insert.exec();
}

} // namespace

QString FlagStore::stateToString(State state)
{
    switch (state) {
    case State::Open:
        return QStringLiteral("open");
    case State::Acknowledged:
        return QStringLiteral("acknowledged");
    case State::Resolved:
        return QStringLiteral("resolved");
    case State::Dismissed:
        return QStringLiteral("dismissed");
    }
    return {};
}

std::optional<FlagStore::State> FlagStore::stateFromString(const QString &text)
{
    for (State s : {State::Open, State::Acknowledged, State::Resolved, State::Dismissed}) {
        if (stateToString(s) == text)
            return s;
    }
    return std::nullopt;
}

Result<FlagMergeSummary> FlagStore::merge(Database &db, const AnalyticsDataset &data,
                                          const std::vector<FlagCandidate> &flags, std::span<const qint32> scope,
                                          qint64 ruleSetId)
{
    FlagMergeSummary summary;
    // Bound tens of thousands of times: in UTF-8 once.
    const QByteArray nowText = nowUtcIso().toUtf8();
    const QByteArray asOfText = data.asOf().spec().toUtf8();
    const std::string_view now(nowText.constData(), static_cast<std::size_t>(nowText.size()));
    const std::string_view asOf(asOfText.constData(), static_cast<std::size_t>(asOfText.size()));
    std::vector<char> inScope(data.learners().size(), 0);
    for (qint32 l : scope)
        inScope[static_cast<std::size_t>(l)] = 1;

    // The newest stored flag of each identity, for the learners in scope: through the learner
    // index when they are few (a refresh after a sync), else in one scan.
    const bool few = scope.size() * 20 < data.learners().size();
    std::map<Identity, Stored> stored;
    const QByteArray select = QByteArray(
        "SELECT f.id, f.learner_id, f.rule_code, coalesce(f.competency_id, 0), f.severity, f.state, "
        "f.state = 'resolved' AND coalesce((SELECT e.user_id IS NULL FROM flag_events e "
        "WHERE e.flag_id = f.id AND e.kind = 'resolved' ORDER BY e.id DESC LIMIT 1), 0), f.score, f.rule_set_id "
        "FROM flags f ")
        + (few ? "WHERE f.learner_id = ? ORDER BY f.id" : "ORDER BY f.id");
    Statement existing(db, select.constData());
    const auto keep = [&](Statement &s) {
        const auto l = data.learnerIndex(s.columnInt64(1));
        if (!l || !inScope[static_cast<std::size_t>(*l)])
            return;
        stored[{s.columnInt64(1), s.columnText(2), s.columnInt64(3)}]
            = {s.columnInt64(0), static_cast<int>(s.columnInt64(4)), s.columnText(5), s.columnInt64(6) != 0,
               s.columnDouble(7), s.columnInt64(8)};
    };
    if (few) {
        for (qint32 l : scope) {
            existing.bind(1, data.learners()[static_cast<std::size_t>(l)].id);
            if (auto r = existing.forEachRow(keep); !r)
                return r.error();
        }
    } else if (auto r = existing.forEachRow(keep); !r) {
        return r.error();
    }

    Statement insert(db, "INSERT INTO flags (learner_id, competency_id, rule_code, rule_set_id, severity, score, "
                         "explanation, details, state, as_of, raised_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)");
    Statement update(db, "UPDATE flags SET rule_set_id = ?, severity = ?, score = ?, explanation = ?, details = ?, "
                         "state = ?, state_reason = CASE WHEN ? THEN NULL ELSE state_reason END, as_of = ?, "
                         "updated_at = ? WHERE id = ?");
    Statement clearEvidence(db, "DELETE FROM flag_evidence WHERE flag_id = ?");
    Statement addEvent(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) VALUES (?, ?, ?, ?, ?)");
    // New flags' 'raised' events and every flag's evidence are written after the loop, many
    // rows a statement.
    std::vector<qint64> raised;
    std::vector<std::pair<qint64, qint64>> evidence; // flag, observation

    for (const FlagCandidate &flag : flags) {
        const LearnerRecord &learner = data.learners()[static_cast<std::size_t>(flag.learner)];
        const qint64 competencyId
            = flag.competency ? data.competencies()[static_cast<std::size_t>(*flag.competency)].id : 0;
        const Identity identity{learner.id, flag.rule, competencyId};
        // The rules wrote the details as JSON text; bound as is (the flags outlive the statements).
        const std::string_view details(flag.details.constData(), static_cast<std::size_t>(flag.details.size()));
        qint64 flagId = 0;
        const auto it = stored.find(identity);
        if (it == stored.end()) {
            insert.bind(1, learner.id);
            if (competencyId)
                insert.bind(2, competencyId);
            else
                insert.bindNull(2);
            insert.bind(3, flag.rule);
            insert.bind(4, ruleSetId);
            insert.bind(5, flag.severity);
            insert.bind(6, flag.score);
            insert.bind(7, flag.explanation);
            insert.bindStatic(8, details);
            insert.bindStatic(9, asOf);
            insert.bindStatic(10, now);
            insert.bindStatic(11, now);
            if (auto r = insert.exec(); !r)
                return r.error();
            flagId = db.lastInsertRowId();
            raised.push_back(flagId);
            ++summary.raised;
        } else {
            it->second.fired = true;
            const Stored &old = it->second;
            flagId = old.id;
            QString state = old.state;
            const bool worse = flag.severity > old.severity;
            const bool closed = old.state != QLatin1String("open");
            // A person's decision stands until the flag worsens; one the recompute resolved
            // itself reopens as soon as the rule fires again.
            const bool reopen = (closed && worse) || old.autoResolved;
            if (reopen)
                state = QStringLiteral("open");
            // Nothing moved (the same score under the same rules): the stored flag stands as is.
            if (!reopen && flag.severity == old.severity && flag.score == old.score && old.ruleSetId == ruleSetId) {
                ++summary.updated;
                continue;
            }
            update.bind(1, ruleSetId);
            update.bind(2, flag.severity);
            update.bind(3, flag.score);
            update.bind(4, flag.explanation);
            update.bindStatic(5, details);
            update.bind(6, state);
            update.bind(7, reopen ? 1 : 0);
            update.bindStatic(8, asOf);
            update.bindStatic(9, now);
            update.bind(10, flagId);
            if (auto r = update.exec(); !r)
                return r.error();
            if (worse) {
                if (auto r = event(addEvent, flagId, "worsened", std::nullopt, now); !r)
                    return r.error();
                ++summary.worsened;
            } else if (flag.severity < old.severity) {
                if (auto r = event(addEvent, flagId, "improved", std::nullopt, now); !r)
                    return r.error();
                ++summary.improved;
            }
            if (reopen) {
                if (auto r = event(addEvent, flagId, "reopened", std::nullopt, now); !r)
                    return r.error();
                ++summary.reopened;
            }
            ++summary.updated;
            clearEvidence.bind(1, flagId);
            if (auto r = clearEvidence.exec(); !r)
                return r.error();
        }
        for (qint64 observation : flag.evidence)
            evidence.emplace_back(flagId, observation);
    }
    if (auto r = insertRows(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) VALUES ",
                            "(?, 'raised', NULL, ?, NULL)", 2, raised.size(),
                            [&](Statement &rows, int offset, std::size_t i) {
                                rows.bind(offset + 1, raised[i]);
                                rows.bindStatic(offset + 2, now);
                            });
        !r)
        return r.error();
    if (auto r = insertRows(db, "INSERT OR IGNORE INTO flag_evidence (flag_id, observation_id) VALUES ", "(?, ?)", 2,
                            evidence.size(),
                            [&](Statement &rows, int offset, std::size_t i) {
                                rows.bind(offset + 1, evidence[i].first);
                                rows.bind(offset + 2, evidence[i].second);
                            });
        !r)
        return r.error();

    // Flags still waiting for a person that no longer fire are resolved by the recompute.
    Statement resolve(db, "UPDATE flags SET state = 'resolved', state_reason = ?, updated_at = ? WHERE id = ?");
    const QString reason = tr("The rule no longer fires (%1).").arg(data.asOf().describe());
    for (const auto &[identity, old] : stored) {
        if (old.fired)
            continue;
        if (old.state != QLatin1String("open") && old.state != QLatin1String("acknowledged"))
            continue;
        resolve.bind(1, reason);
        resolve.bindStatic(2, now);
        resolve.bind(3, old.id);
        if (auto r = resolve.exec(); !r)
            return r.error();
        if (auto r = event(addEvent, old.id, "resolved", std::nullopt, now, reason); !r)
            return r.error();
        ++summary.autoResolved;
    }

    Statement open(db, few ? "SELECT learner_id FROM flags WHERE state = 'open' AND learner_id = ?"
                           : "SELECT learner_id FROM flags WHERE state = 'open'");
    const auto countOpen = [&](Statement &s) {
        const auto l = data.learnerIndex(s.columnInt64(0));
        if (l && inScope[static_cast<std::size_t>(*l)])
            ++summary.open;
    };
    if (few) {
        for (qint32 l : scope) {
            open.bind(1, data.learners()[static_cast<std::size_t>(l)].id);
            if (auto r = open.forEachRow(countOpen); !r)
                return r.error();
        }
    } else if (auto r = open.forEachRow(countOpen); !r) {
        return r.error();
    }
    return summary;
}

Result<void> FlagStore::setState(Database &db, qint64 flagId, State state, const QString &reason,
                                 std::optional<qint64> userId)
{
    if (state == State::Dismissed && reason.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("Dismissing a flag needs a reason."));
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    const QString now = nowUtcIso();
    Statement update(db, "UPDATE flags SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?");
    update.bind(1, stateToString(state));
    if (reason.trimmed().isEmpty())
        update.bindNull(2);
    else
        update.bind(2, reason.trimmed());
    update.bind(3, now);
    update.bind(4, flagId);
    if (auto r = update.exec(); !r)
        return r;
    if (db.changes() == 0)
        return makeError(ErrorKind::NotFound, tr("There is no flag %1.").arg(flagId));
    const char *kind = state == State::Acknowledged ? "acknowledged"
        : state == State::Resolved                  ? "resolved"
        : state == State::Dismissed                 ? "dismissed"
                                                    : "reopened";
    Statement addEvent(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) VALUES (?, ?, ?, ?, ?)");
    const std::string at = now.toStdString();
    if (auto r = event(addEvent, flagId, kind, userId, at, reason.trimmed()); !r)
        return r;
    return tx.commit();
}

Result<void> FlagStore::comment(Database &db, qint64 flagId, const QString &text, std::optional<qint64> userId)
{
    if (text.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("The comment is empty."));
    Statement exists(db, "SELECT count(*) FROM flags WHERE id = ?");
    exists.bind(1, flagId);
    qint64 count = 0;
    if (auto r = exists.forEachRow([&](Statement &s) { count = s.columnInt64(0); }); !r)
        return r;
    if (count == 0)
        return makeError(ErrorKind::NotFound, tr("There is no flag %1.").arg(flagId));
    Statement addEvent(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) VALUES (?, ?, ?, ?, ?)");
    const std::string at = nowUtcIso().toStdString();
    return event(addEvent, flagId, "commented", userId, at, text.trimmed());
}

} // namespace pme::core::analytics
