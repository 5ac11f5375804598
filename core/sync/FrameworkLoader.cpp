// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/FrameworkLoader.h"

#include "sync/CsvReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <QMap>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <fstream>

namespace pme::core {

namespace {

constexpr qint64 kMaxFrameworkFileBytes = 64 * 1024 * 1024;

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString().trimmed();
}

std::optional<double> number(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

Result<Framework> frameworkFromJson(const QJsonObject &object, const QString &where)
{
    Framework f;
    f.code = str(object, "code");
    f.name = str(object, "name");
    const QString kind = str(object, "kind");
    if (!kind.isEmpty()) {
        auto parsed = Framework::kindFromString(kind);
        if (!parsed)
            return makeError(
                ErrorKind::BadInput,
                FrameworkLoader::tr("%1: unknown kind '%2' (use milestones, epa or competencies).").arg(where, kind));
        f.kind = *parsed;
    }
    f.version = str(object, "version");
    f.description = str(object, "description");
    f.source = str(object, "source");
    const QJsonObject scale = object.value(QStringLiteral("scale")).toObject();
    f.scaleMin = number(scale, "min").value_or(1);
    f.scaleMax = number(scale, "max").value_or(5);
    f.scaleStep = number(scale, "step").value_or(1);
    f.targetLevel = number(scale, "target");
    for (const QJsonValue &value : scale.value(QStringLiteral("labels")).toArray()) {
        const QJsonObject label = value.toObject();
        f.scaleLabels.append({label.value(QStringLiteral("level")).toDouble(), str(label, "label")});
    }
    const QJsonArray competencies = object.value(QStringLiteral("competencies")).toArray();
    for (qsizetype i = 0; i < competencies.size(); ++i) {
        const QJsonObject c = competencies.at(i).toObject();
        Competency competency;
        competency.code = str(c, "code");
        competency.name = str(c, "name");
        competency.domain = str(c, "domain");
        competency.description = str(c, "description");
        competency.stage = str(c, "stage");
        if (auto order = number(c, "stageOrder"))
            competency.stageOrder = static_cast<int>(*order);
        if (auto required = number(c, "requiredObservations"))
            competency.requiredObservations = static_cast<int>(*required);
        competency.sortOrder = static_cast<int>(i + 1);
        f.competencies.append(competency);
    }
    return f;
}

// Header names match case-, space- and punctuation-insensitively ("EPA Title" = "epa_title").
QString normalizedHeader(std::string_view header)
{
    QString key;
    for (const QChar c : QString::fromUtf8(header.data(), static_cast<qsizetype>(header.size()))) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

enum class CsvField { Code, Name, Domain, Description, Stage, StageOrder, Required, Group, Count };

// The names each field goes by in the exports we know; the first matching column wins.
const QMap<CsvField, QStringList> &fieldAliases()
{
    static const QMap<CsvField, QStringList> aliases{
        {CsvField::Code,
         {QStringLiteral("code"), QStringLiteral("epacode"), QStringLiteral("epanumber"),
          QStringLiteral("competencycode"), QStringLiteral("subcompetency"), QStringLiteral("epa"),
          QStringLiteral("id")}},
        {CsvField::Name,
         {QStringLiteral("name"), QStringLiteral("title"), QStringLiteral("epatitle"), QStringLiteral("competencyname"),
          QStringLiteral("competency")}},
        {CsvField::Domain,
         {QStringLiteral("domain"), QStringLiteral("competencydomain"), QStringLiteral("functiongroup")}},
        {CsvField::Description,
         {QStringLiteral("description"), QStringLiteral("assessmentplantext"), QStringLiteral("assessmentplan")}},
        {CsvField::Stage, {QStringLiteral("stage"), QStringLiteral("stagename")}},
        {CsvField::StageOrder, {QStringLiteral("stagenumber"), QStringLiteral("stageorder")}},
        {CsvField::Required,
         {QStringLiteral("requiredobservations"), QStringLiteral("requiredcount"), QStringLiteral("required")}},
        {CsvField::Group,
         {QStringLiteral("program"), QStringLiteral("discipline"), QStringLiteral("specialty"),
          QStringLiteral("framework")}},
    };
    return aliases;
}

QString slug(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    return text.toLower().replace(nonWord, QStringLiteral("-")).remove(QRegularExpression(QStringLiteral("^-|-$")));
}

QString fieldText(const CsvRecord &record, int column)
{
    if (column < 0)
        return {};
    const std::string_view value = record.value(static_cast<std::size_t>(column));
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size())).trimmed();
}

std::optional<int> fieldInt(const CsvRecord &record, int column)
{
    bool ok = false;
    const int value = fieldText(record, column).toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

Framework frameworkShell(const FrameworkFileOptions &options, const QString &baseCode, const QString &baseName,
                         const QString &group, bool epaColumns)
{
    Framework f;
    f.code = group.isEmpty() ? baseCode : baseCode + QLatin1Char('-') + slug(group);
    f.name = group.isEmpty() ? baseName : QStringLiteral("%1 — %2").arg(baseName, group);
    f.kind = options.kind.value_or(epaColumns ? Framework::Kind::Epa : Framework::Kind::Competencies);
    f.scaleMin = options.scaleMin.value_or(1);
    f.scaleMax = options.scaleMax.value_or(5);
    f.scaleStep = options.scaleStep.value_or(1);
    f.targetLevel = options.targetLevel;
    return f;
}

} // namespace

Result<void> FrameworkLoader::validate(const Framework &f, const QString &origin)
{
    const QString where = f.code.isEmpty() ? origin : QStringLiteral("%1 (%2)").arg(origin, f.code);
    if (f.code.isEmpty())
        return makeError(ErrorKind::BadInput, tr("%1: the framework has no code.").arg(origin));
    if (f.name.isEmpty())
        return makeError(ErrorKind::BadInput, tr("%1: the framework has no name.").arg(where));
    if (!(f.scaleMin < f.scaleMax) || !(f.scaleStep > 0) || !std::isfinite(f.scaleMin) || !std::isfinite(f.scaleMax))
        return makeError(ErrorKind::BadInput,
                         tr("%1: the rating scale must have min < max and a positive step.").arg(where));
    if (f.targetLevel && (*f.targetLevel < f.scaleMin || *f.targetLevel > f.scaleMax))
        return makeError(ErrorKind::BadInput,
                         tr("%1: the target level %2 lies outside the scale %3–%4.")
                             .arg(where)
                             .arg(*f.targetLevel)
                             .arg(f.scaleMin)
                             .arg(f.scaleMax));
    if (f.competencies.isEmpty())
        return makeError(ErrorKind::BadInput, tr("%1: the framework lists no competencies.").arg(where));
    QSet<QString> codes;
    for (qsizetype i = 0; i < f.competencies.size(); ++i) {
        const Competency &c = f.competencies.at(i);
        if (c.code.isEmpty() || c.name.isEmpty())
            return makeError(ErrorKind::BadInput,
                             tr("%1: competency %2 needs both a code and a name.").arg(where).arg(i + 1));
        if (codes.contains(c.code))
            return makeError(ErrorKind::BadInput, tr("%1: the competency code '%2' appears twice.").arg(where, c.code));
        codes.insert(c.code);
    }
    return {};
}

Result<QList<Framework>> FrameworkLoader::loadJson(const QByteArray &data, const QString &origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            ErrorKind::BadInput,
            tr("%1 is not valid JSON (at byte %2: %3).").arg(origin).arg(error.offset).arg(error.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("pmecoach-framework"))
        return makeError(ErrorKind::BadInput,
                         tr("%1 is not a PME Coach framework file (it needs \"format\": "
                            "\"pmecoach-framework\"; see docs/frameworks.md).")
                             .arg(origin));
    const int formatVersion = root.value(QStringLiteral("formatVersion")).toInt(1);
    if (formatVersion != 1)
        return makeError(
            ErrorKind::BadInput,
            tr("%1 uses framework format version %2; this PME Coach reads version 1.").arg(origin).arg(formatVersion));

    QList<QJsonObject> objects;
    if (root.contains(QStringLiteral("frameworks"))) {
        for (const QJsonValue &value : root.value(QStringLiteral("frameworks")).toArray())
            objects.append(value.toObject());
    } else {
        objects.append(root);
    }
    QList<Framework> frameworks;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const QString where = objects.size() > 1 ? tr("%1, framework %2").arg(origin).arg(i + 1) : origin;
        auto framework = frameworkFromJson(objects.at(i), where);
        if (!framework)
            return framework.error();
        if (auto r = validate(*framework, where); !r)
            return r.error();
        frameworks.append(std::move(framework).value());
    }
    return frameworks;
}

Result<QList<Framework>> FrameworkLoader::loadFile(const QString &path, const FrameworkFileOptions &options)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorKind::NotFound, tr("There is no file %1.").arg(QDir::toNativeSeparators(path)));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io,
                         tr("Cannot read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.size() > kMaxFrameworkFileBytes)
        return makeError(ErrorKind::BadInput, tr("%1 is too large to be a framework file.").arg(path));
    const QByteArray head = file.peek(4096);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray trimmed = head.trimmed();
    const bool looksJson = trimmed.startsWith('{') || trimmed.startsWith("\xEF\xBB\xBF{");
    if (suffix == QLatin1String("json") || looksJson) {
        QByteArray data = file.readAll();
        if (data.startsWith("\xEF\xBB\xBF"))
            data.remove(0, 3);
        return loadJson(data, QFileInfo(path).fileName());
    }
    if (head.contains('\0'))
        return makeError(
            ErrorKind::BadInput,
            tr("%1 is a binary file, not a framework file (JSON or CSV).").arg(QFileInfo(path).fileName()));
    file.close();
    return loadCsv(path, options);
}

Result<QList<Framework>> FrameworkLoader::builtIns()
{
    QList<Framework> all;
    const QDir dir(QStringLiteral(":/pme/frameworks"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorKind::Internal, tr("The built-in framework %1 is missing.").arg(name));
        auto loaded = loadJson(file.readAll(), name);
        if (!loaded)
            return loaded.error();
        all.append(*loaded);
    }
    return all;
}

Result<QList<Framework>> FrameworkLoader::loadCsv(const QString &path, const FrameworkFileOptions &options)
{
    const QString fileName = QFileInfo(path).fileName();
    std::ifstream in(QFile::encodeName(path).constData(), std::ios::binary);
    if (!in)
        return makeError(ErrorKind::Io, tr("Cannot read %1.").arg(QDir::toNativeSeparators(path)));

    const QString baseCode = options.code.isEmpty() ? slug(QFileInfo(path).completeBaseName()) : options.code;
    const QString baseName = options.name.isEmpty() ? QFileInfo(path).completeBaseName() : options.name;
    std::array<int, static_cast<int>(CsvField::Count)> columns;
    columns.fill(-1);
    auto column = [&](CsvField field) { return columns[static_cast<std::size_t>(field)]; };
    bool epaColumns = false;
    QList<Framework> frameworks;
    QMap<QString, qsizetype> byGroup;
    std::optional<Error> rowError;

    CsvReader reader;
    const CsvSummary summary = reader.read(in, [&](const CsvRecord &record) {
        if (record.isHeader()) {
            for (std::size_t i = 0; i < record.size(); ++i) {
                const QString key = normalizedHeader(record[i]);
                epaColumns = epaColumns || key.startsWith(QLatin1String("epa"));
                for (auto it = fieldAliases().cbegin(); it != fieldAliases().cend(); ++it) {
                    auto &slot = columns[static_cast<std::size_t>(it.key())];
                    if (slot < 0 && it.value().contains(key))
                        slot = static_cast<int>(i);
                }
            }
            return column(CsvField::Code) >= 0 && column(CsvField::Name) >= 0;
        }
        if (record.hasErrors()) {
            rowError = makeError(ErrorKind::BadInput,
                                 tr("%1: %2").arg(fileName, QString::fromStdString(record.errors().front().message)));
            return false;
        }
        Competency c;
        c.code = fieldText(record, column(CsvField::Code));
        c.name = fieldText(record, column(CsvField::Name));
        if (c.code.isEmpty() || c.name.isEmpty()) {
            rowError = makeError(ErrorKind::BadInput,
                                 tr("%1, record %2 (line %3): a competency needs a code and a name.")
                                     .arg(fileName)
                                     .arg(record.number())
                                     .arg(record.line()));
            return false;
        }
        c.domain = fieldText(record, column(CsvField::Domain));
        c.description = fieldText(record, column(CsvField::Description));
        c.stage = fieldText(record, column(CsvField::Stage));
        c.stageOrder = fieldInt(record, column(CsvField::StageOrder));
        c.requiredObservations = fieldInt(record, column(CsvField::Required));
        const QString group = fieldText(record, column(CsvField::Group));
        auto found = byGroup.constFind(group);
        if (found == byGroup.cend()) {
            found = byGroup.insert(group, frameworks.size());
            frameworks.append(frameworkShell(options, baseCode, baseName, group, epaColumns));
        }
        Framework &f = frameworks[*found];
        c.sortOrder = static_cast<int>(f.competencies.size() + 1);
        f.competencies.append(c);
        return true;
    });
    if (summary.fatal)
        return makeError(
            ErrorKind::BadInput,
            tr("%1 cannot be read as CSV: %2").arg(fileName, QString::fromStdString(summary.fatal->message)));
    if (rowError)
        return *rowError;
    if (column(CsvField::Code) < 0 || column(CsvField::Name) < 0)
        return makeError(ErrorKind::BadInput,
                         tr("%1 has no column for the competency code and name (looked for headers such as "
                            "'code', 'epa_code' or 'epa_number', and 'name', 'title' or 'epa_title').")
                             .arg(fileName));
    if (frameworks.isEmpty())
        return makeError(ErrorKind::BadInput, tr("%1 lists no competencies.").arg(fileName));
    for (const Framework &f : frameworks) {
        if (auto r = validate(f, fileName); !r)
            return r.error();
    }
    return frameworks;
}

} // namespace pme::core
