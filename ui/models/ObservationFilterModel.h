// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QSortFilterProxyModel>
#include <QStringList>

#include <optional>

namespace pme::ui {

class ObservationTableModel;

/// Narrows the evidence table: competency, instrument, kinds, a date range, and "only the
/// selected flag's evidence".
class ObservationFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObservationFilterModel)

public:
    explicit ObservationFilterModel(QObject *parent = nullptr);

    void setObservations(ObservationTableModel *model);
    void setCompetency(std::optional<qint64> competencyId);
    void setInstrument(const QString &instrument);
    /// Only these kinds (empty: all); exceptKinds removes kinds instead.
    void setKinds(QStringList kinds, bool exceptKinds = false);
    void setDateRange(const QDate &from, const QDate &to);
    void setHighlightedOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ObservationTableModel *m_source = nullptr;
    std::optional<qint64> m_competency;
    QString m_instrument;
    QStringList m_kinds;
    bool m_exceptKinds = false;
    QDate m_from;
    QDate m_to;
    bool m_highlightedOnly = false;
};

} // namespace pme::ui
