// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/SyncPreview.h"

#include <QAbstractTableModel>

namespace pme::ui {

/// The first rows of a file as a sync would map them: the row number, whether it would be
/// taken (or why not), then one column per mapped domain field.
class SyncPreviewTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPreviewTableModel)

public:
    /// FirstFieldColumn + i shows SyncPreviewResult::fields[i].
    enum Column { RowColumn, StatusColumn, FirstFieldColumn };

    explicit SyncPreviewTableModel(QObject *parent = nullptr);

    void setPreview(core::SyncPreviewResult preview);
    const core::SyncPreviewResult &preview() const { return m_preview; }

    /// A domain field's name for people ("assessor_role" -> "Assessor role").
    static QString fieldLabel(const QString &field);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::SyncPreviewResult m_preview;
};

} // namespace pme::ui
