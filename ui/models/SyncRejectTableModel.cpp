// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/SyncRejectTableModel.h"

#include <QLocale>

namespace pme::ui {

SyncRejectTableModel::SyncRejectTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void SyncRejectTableModel::setRejects(QList<core::SyncReject> rejects)
{
    beginResetModel();
    m_rejects = std::move(rejects);
    endResetModel();
}

int SyncRejectTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rejects.size());
}

int SyncRejectTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncRejectTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::SyncReject &reject = m_rejects.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn)
        return reject.reason;
    if (role == Qt::TextAlignmentRole && index.column() == RowColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case RowColumn:
        return QLocale().toString(reject.row);
    case ColumnColumn:
        return reject.column;
    case ReasonColumn:
        return reject.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SyncRejectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case RowColumn:
        return tr("Row");
    case ColumnColumn:
        return tr("Column");
    case ReasonColumn:
        return tr("Reason");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pme::ui
