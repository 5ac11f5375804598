// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/AuditKey.h"

#include "Logging.h"
#include "governance/Sodium.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sodium.h>

namespace pme::core {

namespace {

// A text file with a recognisable first line, so a wrong file is refused with a reason
// and a person restoring a backup can tell what it is.
constexpr char kMagic[] = "PMECOACH-AUDIT-KEY 1";

bool isInMemory(const Database &db)
{
    return db.path().isEmpty() || db.path() == QLatin1String(":memory:")
        || db.path().startsWith(QLatin1String("file::memory:"));
}

Result<bool> hasAuditEntries(Database &db)
{
    Statement st(db, "SELECT EXISTS (SELECT 1 FROM audit_entries)");
    auto row = st.step();
    if (!row)
        return row.error();
    return st.columnInt64(0) != 0;
}

} // namespace

AuditKey::~AuditKey()
{
    // Only the last owner of the shared buffer wipes it; earlier copies just let go.
    if (!m_bytes.isEmpty() && m_bytes.isDetached())
        sodium_memzero(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
}

Result<AuditKey> AuditKey::generate()
{
    if (!sodiumReady())
        return makeError(ErrorKind::Internal, tr("The cryptography library could not be started."));
    AuditKey key;
    key.m_bytes.resize(kSize);
    randombytes_buf(key.m_bytes.data(), static_cast<size_t>(kSize));
    return key;
}

Result<AuditKey> AuditKey::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() != kSize)
        return makeError(ErrorKind::BadInput, tr("An audit key has %1 bytes, not %2.").arg(kSize).arg(bytes.size()));
    AuditKey key;
    key.m_bytes = bytes;
    return key;
}

QString AuditKey::defaultKeyDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.config/pmecoach");
    return QDir(dir).filePath(QStringLiteral("audit-keys"));
}

Result<QString> AuditKey::storeId(Database &db)
{
    Statement select(db, "SELECT value FROM store_meta WHERE key = 'store_id'");
    auto row = select.step();
    if (!row)
        return row.error();
    if (*row)
        return select.columnText(0);
    select.reset();

    if (!sodiumReady())
        return makeError(ErrorKind::Internal, tr("The cryptography library could not be started."));
    QByteArray raw(16, '\0');
    randombytes_buf(raw.data(), static_cast<size_t>(raw.size()));
    // OR IGNORE: a second connection may have written one meanwhile; we read back the winner.
    Statement insert(db, "INSERT OR IGNORE INTO store_meta (key, value) VALUES ('store_id', ?)");
    insert.bind(1, QString::fromLatin1(raw.toHex()));
    if (auto r = insert.exec(); !r)
        return r.error();
    row = select.step();
    if (!row)
        return row.error();
    return select.columnText(0);
}

Result<AuditKey> AuditKey::forStore(Database &db, const QString &keyDir)
{
    if (isInMemory(db))
        return generate();
    auto id = storeId(db);
    if (!id)
        return id.error();
    const QString dir = keyDir.isEmpty() ? defaultKeyDir() : keyDir;
    const QString path = QDir(dir).filePath(*id + QStringLiteral(".key"));
    if (QFileInfo::exists(path))
        return load(path);

    auto entries = hasAuditEntries(db);
    if (!entries)
        return entries.error();
    if (*entries)
        return makeError(ErrorKind::Refused,
                         tr("The audit key of this database is missing (expected at %1). Without "
                            "it the audit log can be neither extended nor verified. Restore the "
                            "key file from a backup of the computer where the database was used.")
                             .arg(QDir::toNativeSeparators(path)));
    auto key = generate();
    if (!key)
        return key;
    if (auto r = key->save(path); !r)
        return r.error();
    qCInfo(lcGovernance) << "created the audit key" << path;
    return key;
}

Result<AuditKey> AuditKey::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorKind::Io,
            tr("Cannot read the audit key %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    const QList<QByteArray> lines = file.read(4096).split('\n');
    const QByteArray bytes = lines.size() >= 2 ? QByteArray::fromHex(lines.at(1).trimmed()) : QByteArray();
    if (lines.first().trimmed() != kMagic || bytes.size() != kSize)
        return makeError(ErrorKind::Refused,
                         tr("%1 is not a PME Coach audit key.").arg(QDir::toNativeSeparators(path)));

    // Like ssh with its keys, keep the secret to its owner even if someone loosened it.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto others = file.permissions()
        & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    if (others.toInt() != 0) {
        qCWarning(lcGovernance) << "tightening the permissions of" << path;
        file.setPermissions(ownerOnly);
    }
    return fromBytes(bytes);
}

Result<void> AuditKey::save(const QString &path) const
{
    if (!isValid())
        return makeError(ErrorKind::Internal, tr("There is no audit key to save."));
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return makeError(ErrorKind::Io, tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir)));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QFile file(path);
    // NewOnly never replaces an existing key (which would orphan a whole chain), and the
    // permissions are set at creation, so the secret is never readable by others even briefly.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(
            ErrorKind::Io,
            tr("Cannot write the audit key %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    QByteArray text = QByteArray(kMagic) + '\n' + m_bytes.toHex() + '\n';
    const bool written = file.write(text) == text.size() && file.flush();
    sodium_memzero(text.data(), static_cast<size_t>(text.size()));
    if (!written) {
        file.remove();
        return makeError(
            ErrorKind::Io,
            tr("Cannot write the audit key %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    return {};
}

} // namespace pme::core
