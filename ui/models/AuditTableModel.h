// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/AuditEntry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonValue>
#include <QList>

namespace pme::ui {

/// Audit entries as AuditLog::query() returned them (newest first), one row each. The model
/// shows what it is given; who may see which entries is decided by the query in core.
class AuditTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)

public:
    enum Column { IdColumn, TimeColumn, UserColumn, ActionColumn, LearnerColumn, DetailsColumn, ColumnCount };
    /// The raw value of a cell (the id, the ISO instant, the user or learner id, the action key).
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit AuditTableModel(QObject *parent = nullptr);

    void setEntries(QList<core::AuditEntry> entries);
    /// Names for the learner column; an id without a name shows as "#id".
    void setLearnerNames(QHash<qint64, QString> names);
    const QList<core::AuditEntry> &entries() const { return m_entries; }

    /// The translated label of an action key ("login" -> "Signed in"); the key when unknown.
    static QString actionLabel(const QString &action);
    /// The action keys core writes, for filters.
    static QStringList knownActions();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const core::AuditEntry &entry, int column) const;
    QVariant raw(const core::AuditEntry &entry, int column) const;
    static QString jsonText(const QJsonValue &value);
    static QString readableDetails(const QString &json);

    QList<core::AuditEntry> m_entries;
    QHash<qint64, QString> m_learnerNames;
};

} // namespace pme::ui
