// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/RosterMapper.h"

#include "domain/Dates.h"

namespace pme::core {

RosterMapper::RosterMapper(const RowMapper &mapper, const SyncLookups &lookups) : m_mapper(mapper), m_lookups(lookups)
{
}

QString RosterMapper::text(const char *field, std::span<const std::string_view> fields) const
{
    const std::string_view value = m_mapper.value(QLatin1String(field), fields);
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

bool RosterMapper::fail(SyncReject &reject, qint64 row, qint64 line, const char *field, const QString &reason) const
{
    reject = {row, line, field ? m_mapper.columnName(QLatin1String(field)) : QString(), reason};
    return false;
}

bool RosterMapper::date(const char *field, std::span<const std::string_view> fields, bool required, QDate &out,
                        QString &error) const
{
    const QString value = text(field, fields);
    if (value.isEmpty()) {
        if (required)
            error = tr("The row has no %1.")
                        .arg(QLatin1String(field).toString().replace(QLatin1Char('_'), QLatin1Char(' ')));
        return !required;
    }
    const QByteArray utf8 = value.toUtf8();
    auto parsed = m_mapper.parseDate(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    if (!parsed) {
        error = tr("'%1' is not a valid date (expected YYYY-MM-DD).").arg(value);
        return false;
    }
    out = *parsed;
    return true;
}

bool RosterMapper::mapLearner(std::span<const std::string_view> fields, qint64 row, qint64 line, RosterRow &out,
                              SyncReject &reject)
{
    out = RosterRow();
    out.row = row;
    out.externalId = text("learner", fields);
    if (out.externalId.isEmpty())
        return fail(reject, row, line, "learner", tr("The row has no learner id."));
    out.familyName = text("family_name", fields);
    out.givenName = text("given_name", fields);
    out.displayName = text("display_name", fields);
    if (out.displayName.isEmpty())
        out.displayName = QStringList{out.givenName, out.familyName}.join(QLatin1Char(' ')).trimmed();
    if (out.displayName.isEmpty())
        return fail(reject, row, line, "family_name", tr("The row has no name."));
    out.email = text("email", fields);
    out.programCode = text("program", fields);
    if (out.programCode.isEmpty())
        return fail(reject, row, line, "program", tr("The row has no program."));
    out.programName = text("program_name", fields);
    out.frameworkCode = text("framework", fields);
    if (!out.frameworkCode.isEmpty()
        && m_lookups.frameworks.find(out.frameworkCode.toStdString()) == m_lookups.frameworks.end())
        return fail(reject, row, line, "framework",
                    tr("The framework '%1' is not in this database; import it first.").arg(out.frameworkCode));
    QString error;
    if (!date("start_date", fields, true, out.startDate, error))
        return fail(reject, row, line, "start_date", error);
    if (!date("expected_completion_date", fields, false, out.expectedCompletionDate, error))
        return fail(reject, row, line, "expected_completion_date", error);
    if (out.expectedCompletionDate.isValid() && out.expectedCompletionDate < out.startDate)
        return fail(reject, row, line, "expected_completion_date",
                    tr("The expected completion date %1 comes before the start date %2.")
                        .arg(toIsoDate(out.expectedCompletionDate), toIsoDate(out.startDate)));
    const QString status = text("status", fields);
    if (!status.isEmpty()) {
        auto parsed = Learner::statusFromString(status);
        if (!parsed)
            return fail(reject, row, line, "status",
                        tr("'%1' is not a status (use active, completed, withdrawn, leave or dismissed).").arg(status));
        out.status = *parsed;
    }
    out.stage = text("stage", fields);
    if (!m_seenKeys.insert(out.externalId).second)
        return fail(reject, row, line, "learner",
                    tr("The learner id '%1' appears twice in this file.").arg(out.externalId));
    return true;
}

bool RosterMapper::mapOutcome(std::span<const std::string_view> fields, qint64 row, qint64 line, OutcomeRow &out,
                              SyncReject &reject)
{
    out = OutcomeRow();
    out.row = row;
    const std::string_view learner = m_mapper.value(QStringLiteral("learner"), fields);
    if (learner.empty())
        return fail(reject, row, line, "learner", tr("The row has no learner id."));
    auto identity = m_lookups.identities.find(learner);
    if (identity == m_lookups.identities.end() || identity->second == 0) {
        m_unknownLearners.emplace(learner);
        return fail(reject, row, line, "learner",
                    tr("No learner is linked to the id '%1' of this source; link it under unlinked identities, "
                       "then sync again.")
                        .arg(QString::fromUtf8(learner.data(), static_cast<qsizetype>(learner.size()))));
    }
    out.learnerId = identity->second;
    out.kind = text("outcome", fields);
    if (out.kind.isEmpty())
        return fail(reject, row, line, "outcome", tr("The row has no outcome."));
    out.valueText = text("value", fields);
    if (out.valueText.isEmpty())
        return fail(reject, row, line, "value", tr("The row has no value."));
    const QByteArray valueUtf8 = out.valueText.toUtf8();
    out.valueNumber
        = RowMapper::parseNumber(std::string_view(valueUtf8.constData(), static_cast<std::size_t>(valueUtf8.size())));
    QString error;
    if (!date("date", fields, false, out.date, error))
        return fail(reject, row, line, "date", error);
    const QString code = text("competency", fields);
    if (!code.isEmpty()) {
        const QByteArray framework = text("framework", fields).toUtf8();
        const QByteArray codeUtf8 = code.toUtf8();
        const auto *competency
            = m_lookups.competency(std::string_view(framework.constData(), static_cast<std::size_t>(framework.size())),
                                   std::string_view(codeUtf8.constData(), static_cast<std::size_t>(codeUtf8.size())));
        if (!competency)
            return fail(reject, row, line, "competency", tr("'%1' is not a known competency.").arg(code));
        out.competencyId = competency->id;
    }
    QStringList keyParts{m_mapper.profile().name};
    for (const QString &field : m_mapper.profile().keyFields)
        keyParts << text(field.toLatin1().constData(), fields);
    out.sourceKey = keyParts.join(QLatin1Char('|'));
    if (m_mapper.maps(QStringLiteral("source_key")))
        out.sourceKey = m_mapper.profile().name + QLatin1Char(':') + text("source_key", fields);
    if (!m_seenKeys.insert(out.sourceKey).second)
        return fail(reject, row, line, nullptr, tr("This outcome appears twice in the file."));
    return true;
}

} // namespace pme::core
