// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "analytics/FlagStore.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/MultiRowInsert.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pme::core::analytics {

namespace {

using State = FlagStore::State;

/// A flag's identity: learner (index in the dataset), rule (index in RuleCodes) and
/// competency id (0 = none). A learner has at most one flag of each identity.
struct Identity {
    qint32 learner = 0;
    qint32 rule = 0;
    qint64 competency = 0;
    bool operator==(const Identity &) const = default;
};

struct IdentityHash {
    std::size_t operator()(const Identity &k) const noexcept
    {
        const auto mixed = (static_cast<quint64>(static_cast<quint32>(k.learner)) << 16 ^ static_cast<quint64>(k.rule))
                * 0x9E3779B97F4A7C15ull
            ^ static_cast<quint64>(k.competency);
        return std::hash<quint64>{}(mixed);
    }
};

/// Rule codes as small numbers, looked up from a stored flag's UTF-8 text or a candidate's
/// QString. There are only a few rules: a linear search is quickest.
class RuleCodes {
public:
    qint32 of(std::string_view utf8)
    {
        for (std::size_t i = 0; i < m_utf8.size(); ++i) {
            if (m_utf8[i] == utf8)
                return static_cast<qint32>(i);
        }
        return add(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())));
    }
    qint32 of(const QString &code)
    {
        for (std::size_t i = 0; i < m_codes.size(); ++i) {
            if (m_codes[i] == code)
                return static_cast<qint32>(i);
        }
        return add(code);
    }

private:
    qint32 add(const QString &code)
    {
        m_codes.push_back(code);
        m_utf8.push_back(code.toStdString());
        return static_cast<qint32>(m_codes.size() - 1);
    }
    std::vector<QString> m_codes;
    std::vector<std::string> m_utf8;
};

/// The newest stored flag of an identity.
struct Stored {
    qint64 id = 0;
    int severity = 0;
    State state = State::Open; ///< after the merge
    bool autoResolved = false; ///< resolved by a recompute, not by a person
    double score = 0;
    qint64 ruleSetId = 0;
    bool fired = false; ///< a rule raised it again in this merge
};

/// A state's text in the store.
std::string_view stateUtf8(State state)
{
    switch (state) {
    case State::Open:
        return "open";
    case State::Acknowledged:
        return "acknowledged";
    case State::Resolved:
        return "resolved";
    case State::Dismissed:
        return "dismissed";
    }
    return "open";
}

std::optional<State> stateFromUtf8(std::string_view text)
{
    for (State s : {State::Open, State::Acknowledged, State::Resolved, State::Dismissed}) {
        if (stateUtf8(s) == text)
            return s;
    }
    return std::nullopt;
}

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
    const std::string_view text = stateUtf8(state);
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

std::optional<FlagStore::State> FlagStore::stateFromString(const QString &text)
{
    return stateFromUtf8(text.toStdString());
}

namespace {

using StoredFlags = std::unordered_map<Identity, Stored, IdentityHash>;

/// The newest stored flag of each identity, for the learners in scope: through the learner
/// index when they are few (a refresh after a sync), else in one scan. `olderOpen` counts the
/// open flags that a newer flag of the same identity hides.
Result<void> readStored(Database &db, const AnalyticsDataset &data, std::span<const qint32> scope,
                        const std::vector<char> &inScope, bool few, RuleCodes &rules, StoredFlags &stored,
                        int &olderOpen)
{
    // Who resolved a flag, a person or a recompute, is asked of resolved flags only.
    const QByteArray select = QByteArray(
        "SELECT f.id, f.learner_id, f.rule_code, coalesce(f.competency_id, 0), f.severity, f.state, "
        "CASE WHEN f.state = 'resolved' THEN coalesce((SELECT e.user_id IS NULL FROM flag_events e "
        "WHERE e.flag_id = f.id AND e.kind = 'resolved' ORDER BY e.id DESC LIMIT 1), 0) ELSE 0 END, "
        "f.score, f.rule_set_id FROM flags f ")
        + (few ? "WHERE f.learner_id = ? ORDER BY f.id" : "ORDER BY f.id");
    Statement existing(db, select.constData());
    const auto keep = [&](Statement &s) {
        const auto l = data.learnerIndex(s.columnInt64(1));
        if (!l || !inScope[static_cast<std::size_t>(*l)])
            return;
        const Stored flag{s.columnInt64(0),
                          static_cast<int>(s.columnInt64(4)),
                          stateFromUtf8(s.columnUtf8(5)).value_or(State::Open),
                          s.columnInt64(6) != 0,
                          s.columnDouble(7),
                          s.columnInt64(8)};
        const auto [it, added] = stored.try_emplace(Identity{*l, rules.of(s.columnUtf8(2)), s.columnInt64(3)}, flag);
        if (!added) {
            if (it->second.state == State::Open)
                ++olderOpen;
            it->second = flag;
        }
    };
    if (!few)
        return existing.forEachRow(keep);
    for (qint32 l : scope) {
        existing.bind(1, data.learners()[static_cast<std::size_t>(l)].id);
        if (auto r = existing.forEachRow(keep); !r)
            return r;
    }
    return {};
}

} // namespace

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

    RuleCodes rules;
    StoredFlags stored;
    stored.reserve(flags.size());
    int olderOpen = 0;
    if (auto r = readStored(db, data, scope, inScope, scope.size() * 20 < data.learners().size(), rules, stored,
                            olderOpen);
        !r)
        return r.error();

    // New flags take the ids SQLite would give them (the caller's transaction holds the write
    // lock), so that they can be written after the loop, many rows an INSERT.
    qint64 firstNewId = 1;
    Statement nextId(db, "SELECT coalesce(max(id), 0) + 1 FROM flags");
    if (auto r = nextId.forEachRow([&](Statement &s) { firstNewId = s.columnInt64(0); }); !r)
        return r.error();
    std::vector<std::pair<const FlagCandidate *, qint64>> raised; // the flag, its competency id (0 = none)
    std::vector<std::pair<qint64, qint64>> evidence;              // flag, observation

    Statement update(db, "UPDATE flags SET rule_set_id = ?, severity = ?, score = ?, explanation = ?, details = ?, "
                         "state = ?, state_reason = CASE WHEN ? THEN NULL ELSE state_reason END, as_of = ?, "
                         "updated_at = ? WHERE id = ?");
    Statement clearEvidence(db, "DELETE FROM flag_evidence WHERE flag_id = ?");
    Statement addEvent(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) VALUES (?, ?, ?, ?, ?)");
    for (const FlagCandidate &flag : flags) {
        const qint64 competencyId
            = flag.competency ? data.competencies()[static_cast<std::size_t>(*flag.competency)].id : 0;
        const auto it = stored.find(Identity{flag.learner, rules.of(flag.rule), competencyId});
        qint64 flagId = 0;
        if (it == stored.end()) {
            flagId = firstNewId + static_cast<qint64>(raised.size());
            raised.emplace_back(&flag, competencyId);
        } else {
            Stored &old = it->second;
            old.fired = true;
            flagId = old.id;
            const bool worse = flag.severity > old.severity;
            // A person's decision stands until the flag worsens; one the recompute resolved
            // itself reopens as soon as the rule fires again.
            const bool reopen = (old.state != State::Open && worse) || old.autoResolved;
            // Nothing moved (the same score under the same rules): the stored flag stands as is.
            if (!reopen && flag.severity == old.severity && flag.score == old.score && old.ruleSetId == ruleSetId) {
                ++summary.updated;
                continue;
            }
            const State state = reopen ? State::Open : old.state;
            update.bind(1, ruleSetId);
            update.bind(2, flag.severity);
            update.bind(3, flag.score);
            update.bind(4, flag.explanation);
            // The rules wrote the details as JSON text: bound as is (the flags outlive the statement).
            update.bindStatic(5, std::string_view(flag.details.constData(), static_cast<std::size_t>(flag.details.size())));
            update.bindStatic(6, stateUtf8(state));
            update.bind(7, reopen ? 1 : 0);
            update.bindStatic(8, asOf);
            update.bindStatic(9, now);
            update.bind(10, flagId);
            if (auto r = update.exec(); !r)
                return r.error();
            old.state = state;
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

    // The new flags, then their 'raised' events and every flag's evidence.
    if (auto r = insertRows(db,
                            "INSERT INTO flags (id, learner_id, competency_id, rule_code, rule_set_id, severity, score, "
                            "explanation, details, state, as_of, raised_at, updated_at) VALUES ",
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)", 12, raised.size(),
                            [&](Statement &rows, int offset, std::size_t i) {
                                const FlagCandidate &flag = *raised[i].first;
                                rows.bind(offset + 1, firstNewId + static_cast<qint64>(i));
                                rows.bind(offset + 2, data.learners()[static_cast<std::size_t>(flag.learner)].id);
                                if (raised[i].second)
                                    rows.bind(offset + 3, raised[i].second);
                                else
                                    rows.bindNull(offset + 3);
                                rows.bind(offset + 4, flag.rule);
                                rows.bind(offset + 5, ruleSetId);
                                rows.bind(offset + 6, flag.severity);
                                rows.bind(offset + 7, flag.score);
                                rows.bind(offset + 8, flag.explanation);
                                rows.bindStatic(offset + 9, std::string_view(flag.details.constData(),
                                                                             static_cast<std::size_t>(flag.details.size())));
                                rows.bindStatic(offset + 10, asOf);
                                rows.bindStatic(offset + 11, now);
                                rows.bindStatic(offset + 12, now);
                            });
        !r)
        return r.error();
    summary.raised = static_cast<int>(raised.size());
    // Every flag from firstNewId on is one of them.
    Statement raisedEvents(db, "INSERT INTO flag_events (flag_id, kind, user_id, at, note) "
                               "SELECT id, 'raised', NULL, raised_at, NULL FROM flags WHERE id >= ? ORDER BY id");
    raisedEvents.bind(1, firstNewId);
    if (auto r = raisedEvents.exec(); !r)
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
    for (auto &[identity, old] : stored) {
        if (old.fired || (old.state != State::Open && old.state != State::Acknowledged))
            continue;
        resolve.bind(1, reason);
        resolve.bindStatic(2, now);
        resolve.bind(3, old.id);
        if (auto r = resolve.exec(); !r)
            return r.error();
        if (auto r = event(addEvent, old.id, "resolved", std::nullopt, now, reason); !r)
            return r.error();
        old.state = State::Resolved;
        ++summary.autoResolved;
    }

    // Open afterwards: the new flags, the stored ones left open and those a newer one hides.
    summary.open = summary.raised + olderOpen;
    for (const auto &[identity, flag] : stored)
        summary.open += flag.state == State::Open ? 1 : 0;
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
