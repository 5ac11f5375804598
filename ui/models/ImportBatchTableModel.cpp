// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ImportBatchTableModel.h"

#include <QDateTime>
#include <QLocale>

namespace pme::ui {

ImportBatchTableModel::ImportBatchTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ImportBatchTableModel::setBatches(QList<core::ImportBatch> batches)
{
    beginResetModel();
    m_batches = std::move(batches);
    endResetModel();
}

void ImportBatchTableModel::setReports(const QList<core::SyncReport> &reports)
{
    QList<core::ImportBatch> batches;
    for (const core::SyncReport &report : reports) {
        core::ImportBatch batch;
        batch.id = report.batchId;
        batch.fileName = report.file;
        batch.profile = report.profile;
        batch.status = report.status;
        batch.rowsRead = report.rowsRead;
        batch.inserted = report.inserted;
        batch.updated = report.updated;
        batch.unchanged = report.unchanged;
        batch.rejected = report.rejected;
        batch.message = report.message;
        batches << batch;
    }
    setBatches(std::move(batches));
}

QString ImportBatchTableModel::statusLabel(const QString &status)
{
    if (status == QLatin1String("ok"))
        return tr("Complete");
    if (status == QLatin1String("partial"))
        return tr("Some rows rejected");
    if (status == QLatin1String("refused"))
        return tr("Refused");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status.isEmpty())
        return tr("Waiting");
    return status;
}

QString ImportBatchTableModel::localTime(const QString &iso)
{
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(iso, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        return iso;
    if (time.timeSpec() == Qt::LocalTime && !iso.contains(QLatin1Char('T')))
        time.setTimeSpec(Qt::UTC);
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

int ImportBatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_batches.size());
}

int ImportBatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportBatchTableModel::raw(const core::ImportBatch &batch, int column) const
{
    switch (static_cast<Column>(column)) {
    case FileColumn:
        return batch.fileName;
    case ProfileColumn:
        return batch.profile;
    case StatusColumn:
        return batch.status;
    case StartedColumn:
        return batch.startedAt;
    case ReadColumn:
        return batch.rowsRead;
    case InsertedColumn:
        return batch.inserted;
    case UpdatedColumn:
        return batch.updated;
    case UnchangedColumn:
        return batch.unchanged;
    case RejectedColumn:
        return batch.rejected;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ImportBatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::ImportBatch &batch = m_batches.at(index.row());
    switch (role) {
    case RawRole:
        return raw(batch, index.column());
    case Qt::DisplayRole:
        if (index.column() == StatusColumn)
            return statusLabel(batch.status);
        if (index.column() == StartedColumn)
            return localTime(batch.startedAt);
        if (index.column() >= ReadColumn)
            return QLocale().toString(raw(batch, index.column()).toLongLong());
        return raw(batch, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == FileColumn)
            return batch.message.isEmpty() ? QVariant() : QVariant(batch.message);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= ReadColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ImportBatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case FileColumn:
        return tr("File");
    case ProfileColumn:
        return tr("Profile");
    case StatusColumn:
        return tr("Status");
    case StartedColumn:
        return tr("Started");
    case ReadColumn:
        return tr("Read");
    case InsertedColumn:
        return tr("Inserted");
    case UpdatedColumn:
        return tr("Updated");
    case UnchangedColumn:
        return tr("Unchanged");
    case RejectedColumn:
        return tr("Rejected");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pme::ui
