// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/WorkspaceTypes.h"

#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QTableView;

namespace pme::ui {

class ObservationFilterModel;
class ObservationTableModel;

/// The evidence table of a profile with its filters (competency, instrument, dates, only a
/// selected flag's evidence). A flag's evidence rows are highlighted and scrolled to.
class EvidencePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvidencePanel)

public:
    explicit EvidencePanel(QWidget *parent = nullptr);

    void setObservations(const QList<core::workspace::ObservationRow> &rows);
    void setHighlighted(const QSet<qint64> &ids);
    /// Filters to one competency (nothing: all).
    void setCompetency(std::optional<qint64> competencyId);

    ObservationTableModel *model() const { return m_model; }
    ObservationFilterModel *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }

private:
    void applyFilters();

    ObservationTableModel *m_model = nullptr;
    ObservationFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_competency = nullptr;
    QComboBox *m_instrument = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QCheckBox *m_flagOnly = nullptr;
    bool m_filling = false;
};

} // namespace pme::ui
