// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ProgramRepository.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QVariant>

namespace pme::core {

namespace {

constexpr char kColumns[] = "id, code, name, specialty, duration_months";

Program readProgram(const Statement &st)
{
    Program p;
    p.id = st.columnInt64(0);
    p.code = st.columnText(1);
    p.name = st.columnText(2);
    p.specialty = st.columnText(3);
    if (auto months = st.columnOptionalInt64(4))
        p.durationMonths = static_cast<int>(*months);
    return p;
}

} // namespace

Result<qint64> ProgramRepository::add(const Program &program)
{
    if (program.code.trimmed().isEmpty() || program.name.trimmed().isEmpty())
        return makeError(ErrorKind::BadInput, tr("A program needs a code and a name."));
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(m_db, "INSERT INTO programs (code, name, specialty, duration_months, created_at) "
                           "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, program.code.trimmed());
    insert.bind(2, program.name.trimmed());
    insert.bind(3, program.specialty.isEmpty() ? QString() : program.specialty);
    insert.bind(4, program.durationMonths);
    insert.bind(5, nowUtcIso());
    if (auto r = insert.exec(); !r) {
        if (r.error().kind == ErrorKind::Conflict)
            return makeError(ErrorKind::Conflict, tr("A program with the code '%1' already exists.").arg(program.code));
        return r.error();
    }
    const qint64 id = m_db.lastInsertRowId();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<Program> ProgramRepository::findOne(const char *sql, const QVariant &key)
{
    Statement select(m_db, sql);
    if (key.typeId() == QMetaType::QString)
        select.bind(1, key.toString());
    else
        select.bind(1, key.toLongLong());
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound, tr("There is no program '%1'.").arg(key.toString()));
    return readProgram(select);
}

Result<Program> ProgramRepository::findByCode(const QString &code)
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM programs WHERE code = ?";
    return findOne(sql.constData(), code);
}

Result<Program> ProgramRepository::find(qint64 id)
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM programs WHERE id = ?";
    return findOne(sql.constData(), id);
}

Result<QList<Program>> ProgramRepository::list()
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM programs ORDER BY name";
    Statement select(m_db, sql.constData());
    QList<Program> programs;
    if (auto r = select.forEachRow([&](const Statement &st) { programs.append(readProgram(st)); }); !r)
        return r.error();
    return programs;
}

Result<void> ProgramRepository::attachFramework(qint64 programId, qint64 frameworkId)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement insert(m_db, "INSERT OR IGNORE INTO program_frameworks (program_id, framework_id) VALUES (?, ?)");
    insert.bind(1, programId);
    insert.bind(2, frameworkId);
    if (auto r = insert.exec(); !r)
        return r;
    return tx.commit();
}

Result<QList<qint64>> ProgramRepository::frameworkIds(qint64 programId)
{
    Statement select(m_db, "SELECT framework_id FROM program_frameworks WHERE program_id = ? ORDER BY framework_id");
    select.bind(1, programId);
    QList<qint64> ids;
    if (auto r = select.forEachRow([&](const Statement &st) { ids.append(st.columnInt64(0)); }); !r)
        return r.error();
    return ids;
}

} // namespace pme::core
