// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/AuditLog.h"

#include "domain/Dates.h"
#include "governance/AccessPolicy.h"
#include "governance/ActingUser.h"
#include "governance/Sodium.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QtEndian>

#include <sodium.h>

namespace pme::core {

namespace {

constexpr int kHashSize = crypto_generichash_BYTES; // 32 bytes, BLAKE2b-256
// Versioned domain separation: a later change of the encoding gets a new tag, never a
// silent reinterpretation of old seals.
constexpr char kDomain[] = "PMEC-AUDIT-1";

constexpr char kColumns[]
    = "id, at, user_id, username, action, entity_kind, entity_id, learner_id, details, prev_hash, hash";

// The canonical encoding: every field tagged and length-prefixed, so no two different
// entries encode to the same bytes (no "ab"+"c" == "a"+"bc"), and NULL differs from ''.
class Canonical final {
public:
    void blob(const QByteArray &bytes)
    {
        appendU32(static_cast<quint32>(bytes.size()));
        m_bytes += bytes;
    }
    void integer(std::optional<qint64> value)
    {
        if (!value) {
            m_bytes += '\0';
            return;
        }
        m_bytes += '\1';
        char be[8];
        qToBigEndian(*value, be);
        m_bytes.append(be, 8);
    }
    void text(const QString &value)
    {
        if (value.isNull()) {
            m_bytes += '\0';
            return;
        }
        m_bytes += '\2';
        blob(value.toUtf8());
    }
    const QByteArray &bytes() const { return m_bytes; }

private:
    void appendU32(quint32 value)
    {
        char be[4];
        qToBigEndian(value, be);
        m_bytes.append(be, 4);
    }
    QByteArray m_bytes;
};

// Empty optional text is stored as NULL, so what is sealed is what is read back.
QString nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QString() : value;
}

AuditEntry readEntry(const Statement &st)
{
    AuditEntry e;
    e.id = st.columnInt64(0);
    e.at = st.isNull(1) ? QString() : st.columnText(1);
    e.userId = st.columnOptionalInt64(2);
    e.username = st.isNull(3) ? QString() : st.columnText(3);
    e.action = st.isNull(4) ? QString() : st.columnText(4);
    e.entityKind = st.isNull(5) ? QString() : st.columnText(5);
    e.entityId = st.columnOptionalInt64(6);
    e.learnerId = st.columnOptionalInt64(7);
    e.details = st.isNull(8) ? QString() : st.columnText(8);
    e.prevHash = st.columnBlob(9);
    e.hash = st.columnBlob(10);
    return e;
}

bool sameHash(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && sodium_memcmp(a.constData(), b.constData(), static_cast<size_t>(a.size())) == 0;
}

// Walks the chain keeping one entry of look-ahead: whether a bad seal means "altered" or
// "forged" depends on whether the next entry still links to it.
class ChainWalker final {
public:
    ChainWalker(const AuditKey &key, const std::optional<AuditAnchor> &anchor) : m_key(key), m_anchor(anchor) { }

    void add(const AuditEntry &e)
    {
        const bool sealed = sameHash(AuditLog::seal(m_key, e), e.hash);
        if (m_suspect) {
            classifySuspect(sameHash(e.prevHash, m_suspect->hash));
            m_suspect.reset();
        }
        if (!sealed) {
            // Its id and prev_hash are not trustworthy either, so no gap or link is judged.
            m_suspect = Suspect{e.id, e.hash};
        } else if (e.id > m_expectedId) {
            report(AuditProblem::Kind::Missing, m_expectedId,
                   e.id - m_expectedId == 1
                       ? AuditLog::tr("Audit entry %1 is missing: it was deleted.").arg(m_expectedId)
                       : AuditLog::tr("Audit entries %1 to %2 are missing: they were deleted.")
                             .arg(m_expectedId)
                             .arg(e.id - 1));
        } else if (!sameHash(e.prevHash, m_expectedPrev)) {
            report(AuditProblem::Kind::Relinked, e.id,
                   AuditLog::tr("Audit entry %1 does not follow entry %2: the chain was cut and rejoined.")
                       .arg(e.id)
                       .arg(m_expectedId - 1));
        }
        if (m_anchor && e.id == m_anchor->id && !sameHash(e.hash, m_anchor->hash))
            report(AuditProblem::Kind::Altered, e.id,
                   AuditLog::tr("Audit entry %1 is not the entry recorded in the anchor: the log was "
                                "rewritten from there on.")
                       .arg(e.id));
        m_expectedId = e.id + 1;
        m_expectedPrev = e.hash;
        ++m_result.entryCount;
        m_result.lastId = e.id;
        m_result.lastHash = e.hash;
    }

    AuditVerification finish()
    {
        if (m_suspect) {
            report(AuditProblem::Kind::Forged, m_suspect->id,
                   AuditLog::tr("Audit entry %1 does not match its seal: it was changed or inserted "
                                "after it was written.")
                       .arg(m_suspect->id));
        }
        if (m_anchor && m_anchor->id > m_result.lastId)
            report(AuditProblem::Kind::Missing, m_result.lastId + 1,
                   AuditLog::tr("Audit entries %1 to %2 are missing: the log ends before the anchor "
                                "recorded earlier.")
                       .arg(m_result.lastId + 1)
                       .arg(m_anchor->id));
        return m_result;
    }

private:
    struct Suspect {
        qint64 id = 0;
        QByteArray hash;
    };

    void classifySuspect(bool linkedFromNext)
    {
        if (linkedFromNext)
            report(AuditProblem::Kind::Altered, m_suspect->id,
                   AuditLog::tr("Audit entry %1 was changed after it was written: its content no "
                                "longer matches its seal.")
                       .arg(m_suspect->id));
        else
            report(AuditProblem::Kind::Forged, m_suspect->id,
                   AuditLog::tr("Audit entry %1 was not written by PME Coach: its seal does not "
                                "verify and the next entry does not link to it.")
                       .arg(m_suspect->id));
    }

    void report(AuditProblem::Kind kind, qint64 id, QString message)
    {
        m_result.problems.append({kind, id, std::move(message)});
    }

    const AuditKey &m_key;
    std::optional<AuditAnchor> m_anchor;
    std::optional<Suspect> m_suspect;
    qint64 m_expectedId = 1;
    QByteArray m_expectedPrev;
    AuditVerification m_result;
};

} // namespace

QByteArray AuditLog::seal(const AuditKey &key, const AuditEntry &entry)
{
    Canonical c;
    c.blob(entry.prevHash);
    c.blob(QByteArray(kDomain));
    c.integer(entry.id);
    c.text(entry.at);
    c.integer(entry.userId);
    c.text(entry.username);
    c.text(entry.action);
    c.text(entry.entityKind);
    c.integer(entry.entityId);
    c.integer(entry.learnerId);
    c.text(entry.details);

    QByteArray out(kHashSize, '\0');
    if (!sodiumReady() || !key.isValid())
        return {};
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(out.size()),
                       reinterpret_cast<const unsigned char *>(c.bytes().constData()),
                       static_cast<unsigned long long>(c.bytes().size()),
                       reinterpret_cast<const unsigned char *>(key.bytes().constData()),
                       static_cast<size_t>(key.bytes().size()));
    return out;
}

Result<qint64> AuditLog::append(Database &db, const ActingUser &actor, const QString &action, const QString &entityKind,
                                std::optional<qint64> entityId, std::optional<qint64> learnerId,
                                const QString &detailsJson) const
{
    AuditEntry entry;
    if (actor.isValid()) {
        entry.userId = actor.id();
        entry.username = actor.username();
    }
    entry.action = action;
    entry.entityKind = entityKind;
    entry.entityId = entityId;
    entry.learnerId = learnerId;
    entry.details = detailsJson;
    return append(db, std::move(entry));
}

Result<qint64> AuditLog::append(Database &db, AuditEntry entry) const
{
    if (!m_key.isValid())
        return makeError(ErrorKind::Internal, tr("The audit log has no key; nothing can be recorded."));
    if (entry.action.isEmpty())
        return makeError(ErrorKind::Internal, tr("An audit entry needs an action."));
    // A savepoint inside the caller's transaction: the entry commits or rolls back with the
    // change it records, and reading the head and inserting after it cannot interleave.
    Transaction tx(db);
    if (!tx.isActive())
        return tx.error();

    Statement head(db, "SELECT id, hash FROM audit_entries ORDER BY id DESC LIMIT 1");
    auto row = head.step();
    if (!row)
        return row.error();
    entry.id = *row ? head.columnInt64(0) + 1 : 1;
    entry.prevHash = *row ? head.columnBlob(1) : QByteArray();
    head.reset();

    if (entry.at.isEmpty())
        entry.at = nowUtcIso();
    entry.username = nullIfEmpty(entry.username);
    entry.entityKind = nullIfEmpty(entry.entityKind);
    entry.details = nullIfEmpty(entry.details);
    entry.hash = seal(m_key, entry);
    if (entry.hash.isEmpty())
        return makeError(ErrorKind::Internal, tr("The cryptography library could not be started."));

    Statement insert(db,
                     "INSERT INTO audit_entries (id, at, user_id, username, action, entity_kind, "
                     "entity_id, learner_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, entry.id);
    insert.bind(2, entry.at);
    insert.bind(3, entry.userId);
    insert.bind(4, entry.username);
    insert.bind(5, entry.action);
    insert.bind(6, entry.entityKind);
    insert.bind(7, entry.entityId);
    insert.bind(8, entry.learnerId);
    insert.bind(9, entry.details);
    if (entry.prevHash.isEmpty())
        insert.bindNull(10);
    else
        insert.bindBlob(10, entry.prevHash.constData(), static_cast<int>(entry.prevHash.size()));
    insert.bindBlob(11, entry.hash.constData(), static_cast<int>(entry.hash.size()));
    if (auto r = insert.exec(); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return entry.id;
}

Result<AuditVerification> AuditLog::verify(Database &db, const std::optional<AuditAnchor> &anchor) const
{
    if (!m_key.isValid())
        return makeError(ErrorKind::Internal, tr("The audit log has no key; it cannot be verified."));
    if (!sodiumReady())
        return makeError(ErrorKind::Internal, tr("The cryptography library could not be started."));
    const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM audit_entries ORDER BY id";
    Statement st(db, sql.constData());
    ChainWalker walker(m_key, anchor);
    while (true) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        walker.add(readEntry(st));
    }
    return walker.finish();
}

Result<QList<AuditEntry>> AuditLog::query(Database &db, const ActingUser &viewer, const AuditFilter &filter) const
{
    if (!AccessPolicy::mayViewAudit(viewer))
        return makeError(ErrorKind::Denied, tr("Only program directors and administrators can read the audit log."));
    auto scope = AccessPolicy::scope(db, viewer, DataKind::Audit);
    if (!scope)
        return scope.error();

    const QByteArray sql = QByteArray("SELECT ") + kColumns
        + " FROM audit_entries WHERE "
          "(?1 OR (learner_id IS NULL AND ?2) OR learner_id IN (SELECT value FROM json_each(?3))) "
          "AND (?4 IS NULL OR user_id = ?4) AND (?5 IS NULL OR learner_id = ?5) "
          "AND (?6 IS NULL OR action = ?6) AND (?7 IS NULL OR at >= ?7) AND (?8 IS NULL OR at < ?8) "
          "AND (?9 IS NULL OR id < ?9) ORDER BY id DESC LIMIT ?10";
    Statement st(db, sql.constData());
    scope->bind(st, 1, 3);
    st.bind(2, AccessPolicy::mayViewUnattributedAudit(viewer) ? 1 : 0);
    st.bind(4, filter.userId);
    st.bind(5, filter.learnerId);
    st.bind(6, nullIfEmpty(filter.action));
    // 'at' is an ISO instant, so whole days compare as text: [from, to + 1 day).
    st.bind(7, filter.from ? toIsoDate(*filter.from) : QString());
    st.bind(8, filter.to ? toIsoDate(filter.to->addDays(1)) : QString());
    st.bind(9, filter.beforeId);
    st.bind(10, qMax(filter.limit, 1));

    QList<AuditEntry> entries;
    while (true) {
        auto row = st.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        entries.append(readEntry(st));
    }
    return entries;
}

} // namespace pme::core
