// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UnlinkedIdentityTableModel.h"

#include "models/ImportBatchTableModel.h"

namespace pme::ui {

UnlinkedIdentityTableModel::UnlinkedIdentityTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void UnlinkedIdentityTableModel::setIdentities(QList<Identity> identities)
{
    beginResetModel();
    m_identities = std::move(identities);
    endResetModel();
}

int UnlinkedIdentityTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_identities.size());
}

int UnlinkedIdentityTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnlinkedIdentityTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || role != Qt::DisplayRole)
        return {};
    const Identity &identity = m_identities.at(index.row());
    switch (static_cast<Column>(index.column())) {
    case SourceColumn:
        return identity.sourceCode;
    case ExternalIdColumn:
        return identity.externalId;
    case FirstSeenColumn:
        return ImportBatchTableModel::localTime(identity.firstSeenAt);
    case LastSeenColumn:
        return ImportBatchTableModel::localTime(identity.lastSeenAt);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant UnlinkedIdentityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case SourceColumn:
        return tr("Source");
    case ExternalIdColumn:
        return tr("Learner id in the source");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace pme::ui
