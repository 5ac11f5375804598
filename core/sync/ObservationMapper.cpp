// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/ObservationMapper.h"

#include "domain/Dates.h"
#include "domain/Hashing.h"

#include <cstdint>
#include <cstdio>
#include <tuple>

namespace pme::core {

namespace {

const QString kLearner = QStringLiteral("learner");
const QString kDate = QStringLiteral("date");
const QString kFramework = QStringLiteral("framework");
const QString kCompetency = QStringLiteral("competency");
const QString kKind = QStringLiteral("kind");
const QString kRating = QStringLiteral("rating");
const QString kScore = QStringLiteral("score");
const QString kPercentile = QStringLiteral("percentile");
const QString kSourceKey = QStringLiteral("source_key");
const QString kExpired = QStringLiteral("expired");

QString q(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// The mapped values, length-prefixed into one buffer and hashed once: a change to any of
// them changes the hash, and ("ab", "c") never hashes like ("a", "bc").
qint64 contentHashOf(const ObservationRow &o, std::string &buffer)
{
    buffer.clear();
    const auto addBytes = [&](const void *data, std::size_t size) {
        const auto length = static_cast<std::uint32_t>(size);
        buffer.append(reinterpret_cast<const char *>(&length), sizeof length);
        buffer.append(static_cast<const char *>(data), size);
    };
    const auto addNumber = [&](const std::optional<double> &value) {
        const double v = value.value_or(0);
        const char present = value ? 1 : 0;
        addBytes(&present, 1);
        addBytes(&v, sizeof v);
    };
    const qint64 ids[3] = {o.learnerId, o.competencyId, static_cast<qint64>(o.kind)};
    addBytes(ids, sizeof ids);
    addBytes(o.date.data(), o.date.size());
    addNumber(o.rating);
    addNumber(o.score);
    addNumber(o.percentile);
    for (const std::string *text : {&o.ratingText, &o.assessor, &o.assessorRole, &o.instrument, &o.context,
                                    &o.narrative})
        addBytes(text->data(), text->size());
    return stableHash64(buffer);
}

} // namespace

ObservationMapper::ObservationMapper(const RowMapper &mapper, const SyncLookups &lookups, QDate today)
    : m_mapper(mapper), m_lookups(lookups), m_learners(lookups.identities), m_profileName(mapper.profile().name)
{
    // Keys are namespaced by profile, so that two kinds of file from one source never collide.
    m_keyPrefix = mapper.profile().name.toStdString() + ':';
    m_today = toIsoDate(today).toStdString();
    m_explicitKey = mapper.maps(kSourceKey);
    m_h.learner = mapper.fieldHandle(kLearner);
    m_h.date = mapper.fieldHandle(kDate);
    m_h.framework = mapper.fieldHandle(kFramework);
    m_h.competency = mapper.fieldHandle(kCompetency);
    m_h.kind = mapper.fieldHandle(kKind);
    m_h.rating = mapper.fieldHandle(kRating);
    m_h.score = mapper.fieldHandle(kScore);
    m_h.percentile = mapper.fieldHandle(kPercentile);
    m_h.sourceKey = mapper.fieldHandle(kSourceKey);
    m_h.assessor = mapper.fieldHandle(QStringLiteral("assessor"));
    m_h.assessorRole = mapper.fieldHandle(QStringLiteral("assessor_role"));
    m_h.instrument = mapper.fieldHandle(QStringLiteral("instrument"));
    m_h.context = mapper.fieldHandle(QStringLiteral("context"));
    m_h.narrative = mapper.fieldHandle(QStringLiteral("narrative"));
    m_h.blankAllowed = mapper.profile().blankRatingAllowedField.isEmpty()
        ? -1
        : mapper.fieldHandle(mapper.profile().blankRatingAllowedField);
    for (const QString &field : mapper.profile().keyFields)
        m_keyHandles.push_back(mapper.fieldHandle(field));
}

bool ObservationMapper::fail(SyncReject &reject, qint64 row, qint64 line, const QString &field,
                             const QString &reason) const
{
    reject.row = row;
    reject.line = line;
    reject.column = field.isEmpty() ? QString() : m_mapper.columnName(field);
    reject.reason = reason;
    return false;
}

bool ObservationMapper::map(std::span<const std::string_view> fields, qint64 row, qint64 line, ObservationRow &out,
                            SyncReject &reject)
{
    out.reset();
    out.row = row;

    const std::string_view kind = m_mapper.value(m_h.kind, fields);
    if (!kind.empty() && kind == m_lastKindText) {
        out.kind = m_lastKind;
    } else if (!kind.empty()) {
        auto parsed = Observation::kindFromString(q(kind));
        if (!parsed)
            return fail(reject, row, line, kKind,
                        tr("'%1' is not a kind of observation (use assessment, epa, milestone, exam or narrative).")
                            .arg(q(kind)));
        out.kind = *parsed;
        m_lastKindText.assign(kind);
        m_lastKind = *parsed;
    }

    const std::string_view learner = m_mapper.value(m_h.learner, fields);
    if (learner.empty())
        return fail(reject, row, line, kLearner, tr("The row has no learner id."));
    const std::optional<qint64> identity = m_learners.find(learner);
    if (!identity || *identity == 0) {
        m_unknownLearners.emplace(learner);
        return fail(reject, row, line, kLearner,
                    tr("No learner is linked to the id '%1' of this source; link it under unlinked identities, "
                       "then sync again.")
                        .arg(q(learner)));
    }
    out.learnerId = *identity;

    const std::string_view dateText = m_mapper.value(m_h.date, fields);
    if (dateText.empty())
        return fail(reject, row, line, kDate, tr("The row has no date."));
    const std::optional<QDate> date = m_mapper.parseDate(dateText);
    if (!date)
        return fail(reject, row, line, kDate,
                    tr("'%1' is not a valid date (expected YYYY-MM-DD%2).")
                        .arg(q(dateText),
                             m_mapper.profile().dateFormats.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" or ") + m_mapper.profile().dateFormats.join(QStringLiteral(", "))));
    if (dateText.size() >= 10 && dateText[4] == '-' && dateText[7] == '-')
        out.date.assign(dateText.substr(0, 10));  // already stored form, and checked by parseDate
    else
        out.date = toIsoDate(*date).toStdString();
    if (out.date > m_today)
        return fail(reject, row, line, kDate, tr("The date %1 is in the future.").arg(q(out.date)));
    if (date->year() < 1950)
        return fail(reject, row, line, kDate, tr("The date %1 is too early to be real.").arg(q(out.date)));

    const SyncLookups::CompetencyInfo *competency = nullptr;
    const std::string_view code = m_mapper.value(m_h.competency, fields);
    const std::string_view framework = m_mapper.value(m_h.framework, fields);
    if (!code.empty()) {
        if (!framework.empty() && m_lookups.frameworks.find(framework) == m_lookups.frameworks.end())
            return fail(reject, row, line, kFramework,
                        tr("The framework '%1' is not in this database; import it first.").arg(q(framework)));
        competency = m_lookups.competency(framework, code);
        if (!competency)
            return fail(reject, row, line, kCompetency,
                        framework.empty()
                            ? tr("The competency code '%1' is unknown or belongs to several frameworks; the file "
                                 "must name the framework.")
                                  .arg(q(code))
                            : tr("'%1' is not a competency of %2.").arg(q(code), q(framework)));
        out.competencyId = competency->id;
    } else if (out.kind != Observation::Kind::Exam && out.kind != Observation::Kind::Narrative) {
        return fail(reject, row, line, kCompetency, tr("The row names no competency."));
    }

    QString error;
    if (!mapRating(fields, competency, out, error))
        return fail(reject, row, line, kRating, error);
    for (const auto &[field, handle, target] : {std::tuple{&kScore, m_h.score, &out.score},
                                                std::tuple{&kPercentile, m_h.percentile, &out.percentile}}) {
        const std::string_view text = m_mapper.value(handle, fields);
        if (text.empty())
            continue;
        *target = RowMapper::parseNumber(text);
        if (!*target)
            return fail(reject, row, line, *field, tr("'%1' is not a number.").arg(q(text)));
    }
    if (out.percentile && (*out.percentile < 0 || *out.percentile > 100))
        return fail(reject, row, line, kPercentile,
                    tr("The percentile %1 is not between 0 and 100.").arg(*out.percentile));
    if (out.kind == Observation::Kind::Exam && !out.score && !out.percentile)
        return fail(reject, row, line, kScore, tr("The exam row has neither a score nor a percentile."));

    // assign() keeps a reused row's buffers (see ObservationRow::reset).
    out.assessor.assign(m_mapper.value(m_h.assessor, fields));
    out.assessorRole.assign(m_mapper.value(m_h.assessorRole, fields));
    out.instrument.assign(m_mapper.value(m_h.instrument, fields));
    out.context.assign(m_mapper.value(m_h.context, fields));
    out.narrative.assign(m_mapper.value(m_h.narrative, fields));

    if (!makeKey(fields, out, error))
        return fail(reject, row, line, m_explicitKey ? kSourceKey : QString(), error);
    out.contentHash = contentHashOf(out, m_hashBuffer);
    return true;
}

bool ObservationMapper::mapRating(std::span<const std::string_view> fields,
                                  const SyncLookups::CompetencyInfo *competency, ObservationRow &out,
                                  QString &error) const
{
    const MappingProfile &profile = m_mapper.profile();
    const std::string_view text = m_mapper.value(m_h.rating, fields);
    if (text.empty()) {
        if (out.kind == Observation::Kind::Exam || out.kind == Observation::Kind::Narrative
            || profile.blankRating == MappingProfile::BlankRating::Keep)
            return true;
        if (!profile.blankRatingAllowedField.isEmpty()) {
            const QString allowed = q(m_mapper.value(m_h.blankAllowed, fields)).toLower();
            if (!allowed.isEmpty() && profile.blankRatingAllowedValues.contains(allowed, Qt::CaseInsensitive)) {
                out.ratingText = allowed.toStdString() == "true" ? profile.blankRatingAllowedField.toStdString()
                                                                 : allowed.toStdString();
                return true;
            }
        }
        error = tr("The row has no rating.");
        return false;
    }
    out.ratingText.assign(text);
    std::optional<double> rating = RowMapper::parseNumber(text);
    if (!rating) {
        error = tr("'%1' is not a rating this profile knows (add it to the profile's value map).").arg(q(text));
        return false;
    }
    if (profile.ratingFromMin && profile.ratingFromMax && competency) {
        if (*rating < *profile.ratingFromMin || *rating > *profile.ratingFromMax) {
            error = tr("The rating %1 is outside the source's scale %2–%3.")
                        .arg(*rating)
                        .arg(*profile.ratingFromMin)
                        .arg(*profile.ratingFromMax);
            return false;
        }
        const double fraction = (*rating - *profile.ratingFromMin) / (*profile.ratingFromMax - *profile.ratingFromMin);
        rating = competency->scaleMin + fraction * (competency->scaleMax - competency->scaleMin);
    }
    if (competency && (*rating < competency->scaleMin - 1e-9 || *rating > competency->scaleMax + 1e-9)) {
        error = tr("The rating %1 is outside the scale %2–%3 of %4.")
                    .arg(*rating)
                    .arg(competency->scaleMin)
                    .arg(competency->scaleMax)
                    .arg(q(competency->frameworkCode));
        return false;
    }
    out.rating = rating;
    return true;
}

bool ObservationMapper::makeKey(std::span<const std::string_view> fields, ObservationRow &out,
                                QString &error)
{
    if (m_explicitKey) {
        const std::string_view key = m_mapper.value(m_h.sourceKey, fields);
        if (key.empty()) {
            error = tr("The row has no id.");
            return false;
        }
        // A repeated id within the file is caught by the writer, which knows every key.
        out.sourceKey.reserve(m_keyPrefix.size() + key.size());
        out.sourceKey.assign(m_keyPrefix).append(key);
        out.keyHash = stableHash64(out.sourceKey);
        return true;
    }
    // No id in the export: the key is the hash of the profile's key fields, and identical
    // rows are told apart by their order in the file.
    StableHasher hasher;
    for (int handle : m_keyHandles)
        hasher.add(m_mapper.value(handle, fields));
    const qint64 composite = hasher.finish();
    const int occurrence = ++m_compositeOccurrences[composite];
    char buffer[48];
    const int length = occurrence == 1
        ? std::snprintf(buffer, sizeof buffer, "h:%016llx", static_cast<unsigned long long>(composite))
        : std::snprintf(buffer, sizeof buffer, "h:%016llx#%d", static_cast<unsigned long long>(composite), occurrence);
    out.sourceKey = m_keyPrefix + std::string(buffer, static_cast<std::size_t>(length));
    out.keyHash = stableHash64(out.sourceKey);
    return true;
}

} // namespace pme::core
