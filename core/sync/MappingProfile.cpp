// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/MappingProfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core {

namespace {

constexpr char kFormat[] = "pmecoach-profile";

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    if (value.isString())
        list << value.toString();
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

QJsonValue listOrString(const QStringList &list)
{
    if (list.size() == 1)
        return list.first();
    return QJsonArray::fromStringList(list);
}

FieldMapping fieldFromJson(const QJsonValue &value)
{
    FieldMapping field;
    if (value.isString() || value.isArray()) {
        field.columns = stringList(value);
        return field;
    }
    const QJsonObject object = value.toObject();
    field.columns = stringList(object.value(QStringLiteral("columns")));
    if (object.contains(QStringLiteral("column")))
        field.columns.prepend(object.value(QStringLiteral("column")).toString());
    const QJsonValue constant = object.value(QStringLiteral("constant"));
    field.constant = constant.isDouble() ? QString::number(constant.toDouble()) : constant.toString();
    const QJsonObject values = object.value(QStringLiteral("values")).toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString mapped = it.value().isDouble() ? QString::number(it.value().toDouble()) : it.value().toString();
        field.values.insert(it.key().trimmed().toLower(), mapped);
    }
    field.required = object.value(QStringLiteral("required")).toBool(false);
    return field;
}

QJsonValue fieldToJson(const FieldMapping &field)
{
    if (field.constant.isEmpty() && field.values.isEmpty() && !field.required && !field.columns.isEmpty())
        return listOrString(field.columns);
    QJsonObject object;
    if (!field.columns.isEmpty())
        object.insert(QStringLiteral("columns"), QJsonArray::fromStringList(field.columns));
    if (!field.constant.isEmpty())
        object.insert(QStringLiteral("constant"), field.constant);
    if (!field.values.isEmpty()) {
        QJsonObject values;
        for (auto it = field.values.cbegin(); it != field.values.cend(); ++it)
            values.insert(it.key(), it.value());
        object.insert(QStringLiteral("values"), values);
    }
    if (field.required)
        object.insert(QStringLiteral("required"), true);
    return object;
}

} // namespace

QString normalizedColumnName(QStringView header)
{
    QString key;
    key.reserve(header.size());
    for (const QChar c : header) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

QStringList MappingProfile::knownFields(Target target)
{
    switch (target) {
    case Target::Roster:
        return {QStringLiteral("learner"),      QStringLiteral("display_name"),
                QStringLiteral("family_name"),  QStringLiteral("given_name"),
                QStringLiteral("email"),        QStringLiteral("program"),
                QStringLiteral("program_name"), QStringLiteral("framework"),
                QStringLiteral("start_date"),   QStringLiteral("expected_completion_date"),
                QStringLiteral("status"),       QStringLiteral("stage")};
    case Target::Outcomes:
        return {QStringLiteral("source_key"), QStringLiteral("learner"), QStringLiteral("outcome"),
                QStringLiteral("value"),      QStringLiteral("date"),    QStringLiteral("framework"),
                QStringLiteral("competency")};
    case Target::Observations:
        break;
    }
    return {QStringLiteral("source_key"), QStringLiteral("learner"),       QStringLiteral("date"),
            QStringLiteral("framework"),  QStringLiteral("competency"),    QStringLiteral("kind"),
            QStringLiteral("rating"),     QStringLiteral("score"),         QStringLiteral("percentile"),
            QStringLiteral("assessor"),   QStringLiteral("assessor_role"), QStringLiteral("instrument"),
            QStringLiteral("context"),    QStringLiteral("narrative"),     QStringLiteral("expired")};
}

QStringList MappingProfile::requiredFields(Target target)
{
    switch (target) {
    case Target::Roster:
        return {QStringLiteral("learner"), QStringLiteral("program"), QStringLiteral("start_date")};
    case Target::Outcomes:
        return {QStringLiteral("learner"), QStringLiteral("outcome"), QStringLiteral("value")};
    case Target::Observations:
        break;
    }
    return {QStringLiteral("learner"), QStringLiteral("date")};
}

QString MappingProfile::targetToString(Target target)
{
    switch (target) {
    case Target::Roster:
        return QStringLiteral("roster");
    case Target::Outcomes:
        return QStringLiteral("outcomes");
    case Target::Observations:
        break;
    }
    return QStringLiteral("observations");
}

std::optional<MappingProfile::Target> MappingProfile::targetFromString(const QString &text)
{
    for (Target t : {Target::Observations, Target::Roster, Target::Outcomes}) {
        if (targetToString(t) == text)
            return t;
    }
    return std::nullopt;
}

Result<MappingProfile> MappingProfile::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            ErrorKind::BadInput,
            tr("%1 is not valid JSON (at byte %2: %3).").arg(origin).arg(error.offset).arg(error.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return makeError(ErrorKind::BadInput,
                         tr("%1 is not a PME Coach mapping profile (it needs \"format\": "
                            "\"pmecoach-profile\"; see docs/profiles.md).")
                             .arg(origin));
    if (root.value(QStringLiteral("formatVersion")).toInt(1) != 1)
        return makeError(ErrorKind::BadInput,
                         tr("%1 uses a newer profile format than this PME Coach reads.").arg(origin));

    MappingProfile p;
    p.name = root.value(QStringLiteral("name")).toString().trimmed();
    p.title = root.value(QStringLiteral("title")).toString(p.name);
    p.description = root.value(QStringLiteral("description")).toString();
    const QString target = root.value(QStringLiteral("target")).toString(QStringLiteral("observations"));
    auto parsedTarget = targetFromString(target);
    if (!parsedTarget)
        return makeError(ErrorKind::BadInput,
                         tr("%1: unknown target '%2' (use observations, roster or outcomes).").arg(origin, target));
    p.target = *parsedTarget;
    p.input = root.value(QStringLiteral("input")).toString() == QLatin1String("xapi") ? Input::Xapi : Input::Csv;
    const QJsonObject source = root.value(QStringLiteral("source")).toObject();
    p.sourceCode = source.value(QStringLiteral("code")).toString().trimmed();
    p.sourceName = source.value(QStringLiteral("name")).toString(p.sourceCode);
    const QJsonObject fields = root.value(QStringLiteral("fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        p.fields.insert(it.key(), fieldFromJson(it.value()));
    p.keyFields = stringList(root.value(QStringLiteral("key")));
    p.dateFormats = stringList(root.value(QStringLiteral("dateFormats")));
    const QJsonObject scale = root.value(QStringLiteral("ratingScale")).toObject();
    if (scale.contains(QStringLiteral("min")) && scale.contains(QStringLiteral("max"))) {
        p.ratingFromMin = scale.value(QStringLiteral("min")).toDouble();
        p.ratingFromMax = scale.value(QStringLiteral("max")).toDouble();
    }
    const QJsonValue blank = root.value(QStringLiteral("blankRating"));
    if (blank.toString() == QLatin1String("keep"))
        p.blankRating = BlankRating::Keep;
    const QJsonObject keepWhen = blank.toObject().value(QStringLiteral("keepWhen")).toObject();
    p.blankRatingAllowedField = keepWhen.value(QStringLiteral("field")).toString();
    p.blankRatingAllowedValues = stringList(keepWhen.value(QStringLiteral("values")));
    p.detectColumns = stringList(root.value(QStringLiteral("detect")));
    if (auto r = p.validate(origin); !r)
        return r.error();
    return p;
}

QByteArray MappingProfile::toJson() const
{
    QJsonObject root{{QStringLiteral("format"), QLatin1String(kFormat)},
                     {QStringLiteral("formatVersion"), 1},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("title"), title},
                     {QStringLiteral("target"), targetToString(target)},
                     {QStringLiteral("source"),
                      QJsonObject{{QStringLiteral("code"), sourceCode}, {QStringLiteral("name"), sourceName}}}};
    if (!description.isEmpty())
        root.insert(QStringLiteral("description"), description);
    if (input == Input::Xapi)
        root.insert(QStringLiteral("input"), QStringLiteral("xapi"));
    QJsonObject fieldObject;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        fieldObject.insert(it.key(), fieldToJson(it.value()));
    root.insert(QStringLiteral("fields"), fieldObject);
    if (!keyFields.isEmpty())
        root.insert(QStringLiteral("key"), QJsonArray::fromStringList(keyFields));
    if (!dateFormats.isEmpty())
        root.insert(QStringLiteral("dateFormats"), QJsonArray::fromStringList(dateFormats));
    if (ratingFromMin && ratingFromMax)
        root.insert(QStringLiteral("ratingScale"),
                    QJsonObject{{QStringLiteral("min"), *ratingFromMin}, {QStringLiteral("max"), *ratingFromMax}});
    if (blankRating == BlankRating::Keep)
        root.insert(QStringLiteral("blankRating"), QStringLiteral("keep"));
    else if (!blankRatingAllowedField.isEmpty())
        root.insert(QStringLiteral("blankRating"),
                    QJsonObject{{QStringLiteral("keepWhen"),
                                 QJsonObject{{QStringLiteral("field"), blankRatingAllowedField},
                                             {QStringLiteral("values"),
                                              QJsonArray::fromStringList(blankRatingAllowedValues)}}}});
    if (!detectColumns.isEmpty())
        root.insert(QStringLiteral("detect"), QJsonArray::fromStringList(detectColumns));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<void> MappingProfile::validate(const QString &origin) const
{
    if (name.isEmpty())
        return makeError(ErrorKind::BadInput, tr("%1: the profile has no name.").arg(origin));
    if (sourceCode.isEmpty())
        return makeError(ErrorKind::BadInput,
                         tr("%1: the profile does not say which system the file comes from (\"source\": "
                            "{\"code\": ...}).")
                             .arg(origin));
    const QStringList known = knownFields(target);
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (!known.contains(it.key()))
            return makeError(ErrorKind::BadInput,
                             tr("%1: '%2' is not a field of %3 (known: %4).")
                                 .arg(origin, it.key(), targetToString(target), known.join(QStringLiteral(", "))));
        if (it.value().columns.isEmpty() && it.value().constant.isEmpty())
            return makeError(ErrorKind::BadInput,
                             tr("%1: the field '%2' names neither a column nor a constant.").arg(origin, it.key()));
    }
    for (const QString &field : requiredFields(target)) {
        if (!fields.contains(field))
            return makeError(ErrorKind::BadInput, tr("%1: the profile must map the field '%2'.").arg(origin, field));
    }
    for (const QString &field : keyFields) {
        if (!fields.contains(field))
            return makeError(ErrorKind::BadInput,
                             tr("%1: the key uses '%2', which the profile does not map.").arg(origin, field));
    }
    if (target != Target::Roster && !fields.contains(QStringLiteral("source_key")) && keyFields.isEmpty())
        return makeError(ErrorKind::BadInput,
                         tr("%1: the profile needs a 'source_key' field or a \"key\" made of fields, so that "
                            "syncing the same file again changes nothing.")
                             .arg(origin));
    if (ratingFromMin && ratingFromMax && !(*ratingFromMin < *ratingFromMax))
        return makeError(ErrorKind::BadInput, tr("%1: the rating scale needs min < max.").arg(origin));
    return {};
}

} // namespace pme::core
