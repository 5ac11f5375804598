// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/SyncPreview.h"

#include "store/SourceRepository.h"
#include "store/Transaction.h"
#include "sync/CsvReader.h"
#include "sync/ObservationMapper.h"
#include "sync/ProfileRegistry.h"
#include "sync/RosterMapper.h"
#include "sync/RowMapper.h"
#include "sync/SyncLookups.h"
#include "sync/SyncPlan.h"
#include "sync/XapiFlattener.h"
#include "sync/XapiReader.h"

#include <QDir>
#include <QFile>

#include <fstream>
#include <functional>
#include <memory>

namespace pme::core {

namespace {

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

bool looksLikeJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray start = file.read(4096).trimmed();
    if (start.startsWith("\xEF\xBB\xBF"))
        start = start.mid(3);
    return start.startsWith('{') || start.startsWith('[');
}

// One raw record kept for mapping after the header is known.
struct RawRecord {
    qint64 number = 0;
    qint64 line = 0;
    std::vector<std::string> fields;
    QString error;
};

// Maps one row with the validator the sync itself uses for the profile's target.
class RowValidator {
public:
    RowValidator(const RowMapper &mapper, const SyncLookups &lookups)
        : m_target(mapper.profile().target),
          m_observations(mapper, lookups, QDate::currentDate()),
          m_roster(mapper, lookups)
    {
    }

    bool map(std::span<const std::string_view> fields, qint64 row, qint64 line, SyncReject &reject)
    {
        switch (m_target) {
        case MappingProfile::Target::Roster: {
            RosterRow out;
            return m_roster.mapLearner(fields, row, line, out, reject);
        }
        case MappingProfile::Target::Outcomes: {
            OutcomeRow out;
            return m_roster.mapOutcome(fields, row, line, out, reject);
        }
        case MappingProfile::Target::Observations:
            break;
        }
        ObservationRow out;
        return m_observations.map(fields, row, line, out, reject);
    }

private:
    MappingProfile::Target m_target;
    ObservationMapper m_observations;
    RosterMapper m_roster;
};

SyncLookups loadLookups(Database &db, const MappingProfile &profile)
{
    auto source = SourceRepository(db).findByCode(profile.sourceCode);
    auto lookups = SyncLookups::load(db, source ? *source : 0);
    return lookups ? std::move(lookups).value() : SyncLookups{};
}

SyncPreviewRow previewRow(const RowMapper &mapper, RowValidator &validator, const QStringList &fields,
                          std::span<const std::string_view> values, qint64 row, qint64 line)
{
    SyncPreviewRow out;
    out.row = row;
    SyncReject reject;
    out.accepted = validator.map(values, row, line, reject);
    if (!out.accepted) {
        out.rejectColumn = reject.column;
        out.rejectReason = reject.reason;
    }
    for (const QString &field : fields)
        out.values << q(mapper.value(field, values));
    return out;
}

QStringList shownFields(const RowMapper &mapper)
{
    QStringList fields;
    for (const QString &field : MappingProfile::knownFields(mapper.profile().target)) {
        if (mapper.maps(field))
            fields << field;
    }
    return fields;
}

} // namespace

QString SyncPreviewResult::formatText() const
{
    if (xapi)
        return tr("xAPI statements (JSON)");
    const QString separator = delimiter == ';' ? tr("semicolon-separated")
        : delimiter == '\t'                    ? tr("tab-separated")
        : delimiter == '|'                     ? tr("pipe-separated")
                                               : tr("comma-separated");
    const QString text = bom ? tr("%1 with a byte order mark").arg(encoding) : encoding;
    return tr("CSV, %1, %2").arg(separator, text);
}

Result<SyncPreviewResult> SyncPreview::preview(const QString &path, const QString &profileName, int maxRows) const
{
    if (!QFile::exists(path))
        return makeError(ErrorKind::NotFound, tr("There is no file %1.").arg(QDir::toNativeSeparators(path)));
    SyncPreviewResult result;
    result.path = path;
    result.xapi = looksLikeJson(path);
    const MappingProfile *profile = nullptr;
    if (!profileName.isEmpty()) {
        profile = m_profiles.find(profileName);
        if (!profile)
            return makeError(ErrorKind::NotFound, tr("There is no mapping profile named '%1'.").arg(profileName));
    }
    if (result.xapi) {
        result.suggestedProfile = QStringLiteral("xapi-observations");
        for (std::string_view name : XapiFlattener::header())
            result.header << q(name);
        if (!profile)
            profile = m_profiles.find(result.suggestedProfile);
        if (!profile || profile->input != MappingProfile::Input::Xapi) {
            result.problem = tr("The file holds JSON; choose an xAPI profile.");
            return result;
        }
        if (auto r = readXapi(result, *profile, maxRows); !r)
            return r.error();
        return result;
    }
    if (auto r = readCsv(result, profile, maxRows); !r)
        return r.error();
    return result;
}

Result<SyncPreviewResult> SyncPreview::previewAfter(const QList<SyncPlanFile> &earlier, const ActingUser &user,
                                                    const QString &path, const QString &profileName, int maxRows) const
{
    if (earlier.isEmpty())
        return preview(path, profileName, maxRows);
    // Nothing of this survives: the transaction is rolled back when it goes out of scope.
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    SyncRequest request;
    request.user = &user;
    SyncPlan(m_db, m_profiles).run(earlier, request);
    auto result = preview(path, profileName, maxRows);
    tx.rollback();
    return result;
}

Result<void> SyncPreview::readCsv(SyncPreviewResult &result, const MappingProfile *profile, int maxRows) const
{
    std::ifstream in(QFile::encodeName(result.path).constData(), std::ios::binary);
    if (!in)
        return makeError(ErrorKind::Io, tr("Cannot read %1.").arg(QDir::toNativeSeparators(result.path)));
    std::vector<std::string> header;
    std::vector<RawRecord> records;
    CsvReader reader;
    const CsvSummary summary = reader.read(in, [&](const CsvRecord &record) {
        if (record.isHeader()) {
            for (std::string_view field : record.fields())
                header.emplace_back(field);
            return maxRows > 0;
        }
        RawRecord raw{record.number(), record.line(), {}, {}};
        for (std::string_view field : record.fields())
            raw.fields.emplace_back(field);
        if (record.hasErrors())
            raw.error = QString::fromStdString(record.errors().front().message);
        records.push_back(std::move(raw));
        return records.size() < static_cast<std::size_t>(maxRows);
    });
    if (summary.fatal)
        return makeError(
            ErrorKind::BadInput,
            tr("%1 cannot be read as CSV: %2")
                .arg(QDir::toNativeSeparators(result.path), QString::fromStdString(summary.fatal->message)));
    result.delimiter = summary.delimiter;
    result.bom = summary.bom;
    result.encoding
        = summary.encoding == CsvEncoding::Windows1252 ? QStringLiteral("Windows-1252") : QStringLiteral("UTF-8");
    for (const std::string &name : header)
        result.header << QString::fromStdString(name);
    if (const MappingProfile *suggested = m_profiles.detect(result.header))
        result.suggestedProfile = suggested->name;
    if (!profile)
        profile = m_profiles.find(result.suggestedProfile);
    if (!profile) {
        result.problem = tr("No mapping profile recognises these columns; choose one or make one.");
        return {};
    }
    result.profile = profile->name;
    result.target = profile->target;
    const std::vector<std::string_view> headerViews(header.begin(), header.end());
    auto mapper = RowMapper::bind(*profile, headerViews);
    if (!mapper) {
        result.problem = mapper.error().message;
        return {};
    }
    const SyncLookups lookups = loadLookups(m_db, *profile);
    RowValidator validator(*mapper, lookups);
    result.fields = shownFields(*mapper);
    for (const RawRecord &raw : records) {
        const std::vector<std::string_view> views(raw.fields.begin(), raw.fields.end());
        SyncPreviewRow row = previewRow(*mapper, validator, result.fields, views, raw.number, raw.line);
        if (!raw.error.isEmpty()) {
            row.accepted = false;
            row.rejectColumn.clear();
            row.rejectReason = raw.error;
        }
        result.rows << row;
    }
    return {};
}

Result<void> SyncPreview::readXapi(SyncPreviewResult &result, const MappingProfile &profile, int maxRows) const
{
    result.profile = profile.name;
    result.target = profile.target;
    auto mapper = RowMapper::bind(profile, XapiFlattener::header());
    if (!mapper) {
        result.problem = mapper.error().message;
        return {};
    }
    const SyncLookups lookups = loadLookups(m_db, profile);
    RowValidator validator(*mapper, lookups);
    result.fields = shownFields(*mapper);
    XapiReader reader;
    auto summary = reader.readFile(result.path, [&](const XapiReadItem &item) {
        if (result.rows.size() >= maxRows)
            return false;
        if (const QList<XapiIssue> *issues = item.issues()) {
            SyncPreviewRow row;
            row.row = item.index;
            row.accepted = false;
            QStringList reasons;
            for (const XapiIssue &issue : *issues)
                reasons << QStringLiteral("%1: %2").arg(issue.path, issue.message);
            row.rejectReason = reasons.join(QStringLiteral("; "));
            for (qsizetype i = 0; i < result.fields.size(); ++i)
                row.values << QString();
            result.rows << row;
            return true;
        }
        const std::vector<std::string> values = XapiFlattener::row(*item.statement());
        const std::vector<std::string_view> views(values.begin(), values.end());
        result.rows << previewRow(*mapper, validator, result.fields, views, item.index, item.line);
        return true;
    });
    if (!summary && summary.error().kind != ErrorKind::Cancelled && result.rows.isEmpty())
        return summary.error();
    return {};
}

} // namespace pme::core
