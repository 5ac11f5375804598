// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SyncPreviewTableModel.h"

#include <QHash>
#include <QLocale>

namespace pme::ui {

SyncPreviewTableModel::SyncPreviewTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void SyncPreviewTableModel::setPreview(core::SyncPreviewResult preview)
{
    beginResetModel();
    m_preview = std::move(preview);
    endResetModel();
}

QString SyncPreviewTableModel::fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("source_key"), QT_TR_NOOP("Source key")},
        {QStringLiteral("learner"), QT_TR_NOOP("Learner")},
        {QStringLiteral("date"), QT_TR_NOOP("Date")},
        {QStringLiteral("framework"), QT_TR_NOOP("Framework")},
        {QStringLiteral("competency"), QT_TR_NOOP("Competency")},
        {QStringLiteral("kind"), QT_TR_NOOP("Kind")},
        {QStringLiteral("rating"), QT_TR_NOOP("Rating")},
        {QStringLiteral("score"), QT_TR_NOOP("Score")},
        {QStringLiteral("percentile"), QT_TR_NOOP("Percentile")},
        {QStringLiteral("assessor"), QT_TR_NOOP("Assessor")},
        {QStringLiteral("assessor_role"), QT_TR_NOOP("Assessor role")},
        {QStringLiteral("instrument"), QT_TR_NOOP("Instrument")},
        {QStringLiteral("context"), QT_TR_NOOP("Context")},
        {QStringLiteral("narrative"), QT_TR_NOOP("Narrative")},
        {QStringLiteral("expired"), QT_TR_NOOP("Expired")},
        {QStringLiteral("display_name"), QT_TR_NOOP("Name")},
        {QStringLiteral("family_name"), QT_TR_NOOP("Family name")},
        {QStringLiteral("given_name"), QT_TR_NOOP("Given name")},
        {QStringLiteral("email"), QT_TR_NOOP("Email")},
        {QStringLiteral("program"), QT_TR_NOOP("Program")},
        {QStringLiteral("program_name"), QT_TR_NOOP("Program name")},
        {QStringLiteral("start_date"), QT_TR_NOOP("Start date")},
        {QStringLiteral("expected_completion_date"), QT_TR_NOOP("Expected completion")},
        {QStringLiteral("status"), QT_TR_NOOP("Status")},
        {QStringLiteral("stage"), QT_TR_NOOP("Stage")},
        {QStringLiteral("outcome"), QT_TR_NOOP("Outcome")},
        {QStringLiteral("value"), QT_TR_NOOP("Value")},
    };
    const auto it = labels.constFind(field);
    return it == labels.constEnd() ? field : tr(*it);
}

int SyncPreviewTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_preview.rows.size());
}

int SyncPreviewTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstFieldColumn + int(m_preview.fields.size());
}

QVariant SyncPreviewTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::SyncPreviewRow &row = m_preview.rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !row.accepted)
        return row.rejectReason;
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == RowColumn)
        return QLocale().toString(row.row);
    if (index.column() == StatusColumn) {
        if (row.accepted)
            return tr("OK");
        return row.rejectColumn.isEmpty() ? tr("Rejected: %1").arg(row.rejectReason)
                                          : tr("Rejected (%1): %2").arg(row.rejectColumn, row.rejectReason);
    }
    const int field = index.column() - FirstFieldColumn;
    return field < row.values.size() ? row.values.at(field) : QString();
}

QVariant SyncPreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == RowColumn)
        return tr("Row");
    if (section == StatusColumn)
        return tr("Check");
    const int field = section - FirstFieldColumn;
    if (field >= 0 && field < m_preview.fields.size())
        return fieldLabel(m_preview.fields.at(field));
    return {};
}

} // namespace pme::ui
