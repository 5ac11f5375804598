// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/FrameworkRepository.h"

#include "domain/Dates.h"
#include "store/Database.h"
#include "store/Statement.h"
#include "store/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pme::core {

namespace {

constexpr char kColumns[] = "id, code, name, kind, version, description, scale_min, scale_max, "
                            "scale_step, target_level, scale_labels, source";

QString labelsToJson(const QList<ScaleLabel> &labels)
{
    if (labels.isEmpty())
        return {};
    QJsonArray array;
    for (const ScaleLabel &label : labels)
        array.append(QJsonObject{{QStringLiteral("level"), label.level}, {QStringLiteral("label"), label.label}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<ScaleLabel> labelsFromJson(const QString &json)
{
    QList<ScaleLabel> labels;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        labels.append({object.value(QStringLiteral("level")).toDouble(), object.value(QStringLiteral("label")).toString()});
    }
    return labels;
}

Framework readFramework(const Statement &st)
{
    Framework f;
    f.id = st.columnInt64(0);
    f.code = st.columnText(1);
    f.name = st.columnText(2);
    f.kind = Framework::kindFromString(st.columnText(3)).value_or(Framework::Kind::Competencies);
    f.version = st.columnText(4);
    f.description = st.columnText(5);
    f.scaleMin = st.columnDouble(6);
    f.scaleMax = st.columnDouble(7);
    f.scaleStep = st.columnDouble(8);
    f.targetLevel = st.columnOptionalDouble(9);
    f.scaleLabels = labelsFromJson(st.columnText(10));
    f.source = st.columnText(11);
    return f;
}

QString orNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

} // namespace

Result<qint64> FrameworkRepository::save(const Framework &framework)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return tx.error();
    Statement upsert(m_db,
                     "INSERT INTO frameworks (code, name, kind, version, description, scale_min, scale_max, "
                     "scale_step, target_level, scale_labels, source, imported_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                     "version = excluded.version, description = excluded.description, "
                     "scale_min = excluded.scale_min, scale_max = excluded.scale_max, "
                     "scale_step = excluded.scale_step, target_level = excluded.target_level, "
                     "scale_labels = excluded.scale_labels, source = excluded.source, "
                     "imported_at = excluded.imported_at "
                     "RETURNING id");
    upsert.bind(1, framework.code);
    upsert.bind(2, framework.name);
    upsert.bind(3, Framework::kindToString(framework.kind));
    upsert.bind(4, orNull(framework.version));
    upsert.bind(5, orNull(framework.description));
    upsert.bind(6, framework.scaleMin);
    upsert.bind(7, framework.scaleMax);
    upsert.bind(8, framework.scaleStep);
    upsert.bind(9, framework.targetLevel);
    upsert.bind(10, labelsToJson(framework.scaleLabels));
    upsert.bind(11, orNull(framework.source));
    upsert.bind(12, nowUtcIso());
    auto row = upsert.step();
    if (!row)
        return makeError(row.error().kind,
                         tr("The framework '%1' could not be saved: %2").arg(framework.code, row.error().message));
    const qint64 id = upsert.columnInt64(0);
    upsert.reset();
    if (auto r = saveCompetencies(id, framework.competencies); !r)
        return r.error();
    if (auto r = tx.commit(); !r)
        return r.error();
    return id;
}

Result<void> FrameworkRepository::saveCompetencies(qint64 frameworkId, const QList<Competency> &competencies)
{
    Statement upsert(m_db,
                     "INSERT INTO competencies (framework_id, code, name, domain, description, stage, "
                     "stage_order, required_observations, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (framework_id, code) DO UPDATE SET name = excluded.name, "
                     "domain = excluded.domain, description = excluded.description, stage = excluded.stage, "
                     "stage_order = excluded.stage_order, "
                     "required_observations = excluded.required_observations, sort_order = excluded.sort_order");
    int order = 0;
    for (const Competency &c : competencies) {
        upsert.bind(1, frameworkId);
        upsert.bind(2, c.code);
        upsert.bind(3, c.name);
        upsert.bind(4, orNull(c.domain));
        upsert.bind(5, orNull(c.description));
        upsert.bind(6, orNull(c.stage));
        upsert.bind(7, c.stageOrder ? std::optional<qint64>(*c.stageOrder) : std::nullopt);
        upsert.bind(8, c.requiredObservations ? std::optional<qint64>(*c.requiredObservations) : std::nullopt);
        upsert.bind(9, c.sortOrder != 0 ? c.sortOrder : ++order);
        if (auto r = upsert.exec(); !r)
            return makeError(r.error().kind,
                             tr("The competency '%1' could not be saved: %2").arg(c.code, r.error().message));
    }
    return {};
}

Result<QList<FrameworkSummary>> FrameworkRepository::list()
{
    static const QByteArray sql = QByteArray("SELECT ") + kColumns
        + ", (SELECT count(*) FROM competencies c WHERE c.framework_id = frameworks.id) "
          "FROM frameworks ORDER BY name";
    Statement select(m_db, sql.constData());
    QList<FrameworkSummary> result;
    auto r = select.forEachRow([&](const Statement &st) {
        result.append({readFramework(st), static_cast<int>(st.columnInt64(12))});
    });
    if (!r)
        return r.error();
    return result;
}

Result<Framework> FrameworkRepository::findWhere(const char *where, const QString &key, qint64 id)
{
    const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM frameworks WHERE " + where;
    Statement select(m_db, sql.constData());
    if (key.isNull())
        select.bind(1, id);
    else
        select.bind(1, key);
    auto row = select.step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorKind::NotFound,
                         tr("There is no framework '%1'.").arg(key.isNull() ? QString::number(id) : key));
    Framework framework = readFramework(select);
    auto competencies = this->competencies(framework.id);
    if (!competencies)
        return competencies.error();
    framework.competencies = std::move(competencies).value();
    return framework;
}

Result<Framework> FrameworkRepository::findByCode(const QString &code)
{
    return findWhere("code = ?", code, 0);
}

Result<Framework> FrameworkRepository::find(qint64 id)
{
    return findWhere("id = ?", QString(), id);
}

Result<QList<Competency>> FrameworkRepository::competencies(qint64 frameworkId)
{
    Statement select(m_db, "SELECT id, framework_id, code, name, domain, description, stage, stage_order, "
                           "required_observations, sort_order FROM competencies WHERE framework_id = ? "
                           "ORDER BY sort_order, id");
    select.bind(1, frameworkId);
    QList<Competency> list;
    auto r = select.forEachRow([&](const Statement &st) {
        Competency c;
        c.id = st.columnInt64(0);
        c.frameworkId = st.columnInt64(1);
        c.code = st.columnText(2);
        c.name = st.columnText(3);
        c.domain = st.columnText(4);
        c.description = st.columnText(5);
        c.stage = st.columnText(6);
        if (auto v = st.columnOptionalInt64(7))
            c.stageOrder = static_cast<int>(*v);
        if (auto v = st.columnOptionalInt64(8))
            c.requiredObservations = static_cast<int>(*v);
        c.sortOrder = static_cast<int>(st.columnInt64(9));
        list.append(c);
    });
    if (!r)
        return r.error();
    return list;
}

} // namespace pme::core
