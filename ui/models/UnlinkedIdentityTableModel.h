// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/LearnerRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace pme::ui {

/// Learner ids of source systems that no learner is linked to yet.
class UnlinkedIdentityTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnlinkedIdentityTableModel)

public:
    using Identity = core::LearnerRepository::UnlinkedIdentity;
    enum Column { SourceColumn, ExternalIdColumn, FirstSeenColumn, LastSeenColumn, ColumnCount };

    explicit UnlinkedIdentityTableModel(QObject *parent = nullptr);

    void setIdentities(QList<Identity> identities);
    const QList<Identity> &identities() const { return m_identities; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Identity> m_identities;
};

} // namespace pme::ui
