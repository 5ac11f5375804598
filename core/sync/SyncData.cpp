// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncData.h"

#include "governance/ActingUser.h"
#include "governance/Role.h"

#include <QDir>
#include <QSaveFile>

namespace pme::core {

namespace {

// RFC 4180: quote a field that holds a delimiter, a quote or a line break.
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

} // namespace

bool SyncData::mayManage(const ActingUser &user)
{
    return user.isValid() && (user.hasRole(Role::ProgramDirector) || user.hasRole(Role::Admin));
}

Result<void> SyncData::requireManage(const ActingUser &user)
{
    if (mayManage(user))
        return {};
    return makeError(ErrorKind::Denied,
                     tr("Only a program director or an administrator may sync files and manage imported data."));
}

Result<QList<ImportBatch>> SyncData::batches(int limit)
{
    if (auto r = requireManage(m_user); !r)
        return r.error();
    return ImportBatchRepository(m_db).list(limit);
}

Result<QList<SyncReject>> SyncData::rejects(qint64 batchId)
{
    if (auto r = requireManage(m_user); !r)
        return r.error();
    return ImportBatchRepository(m_db).rejects(batchId);
}

Result<QList<LearnerRepository::UnlinkedIdentity>> SyncData::unlinkedIdentities()
{
    if (auto r = requireManage(m_user); !r)
        return r.error();
    return LearnerRepository(m_db).unlinkedIdentities();
}

Result<QList<LearnerRow>> SyncData::learners()
{
    if (auto r = requireManage(m_user); !r)
        return r.error();
    return LearnerRepository(m_db).list();
}

Result<void> SyncData::link(const QString &sourceCode, const QString &externalId, qint64 learnerId)
{
    if (auto r = requireManage(m_user); !r)
        return r;
    return LearnerRepository(m_db).linkIdentity(sourceCode, externalId, learnerId, m_user.id());
}

Result<void> SyncData::writeRejectsCsv(const QString &path, const QList<SyncReject> &rejects)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::Io,
                         tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    QByteArray out = "row,column,reason\r\n";
    for (const SyncReject &reject : rejects)
        out += QByteArray::number(reject.row) + ',' + csvField(reject.column) + ',' + csvField(reject.reason) + "\r\n";
    file.write(out);
    if (!file.commit())
        return makeError(ErrorKind::Io,
                         tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace pme::core
