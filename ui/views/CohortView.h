// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/ActingUser.h"
#include "models/CohortFilterModel.h"
#include "workspace/WorkspaceTypes.h"

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace pme::ui {

class CohortCharts;
class CohortTableModel;
class WorkspaceWorker;

/// The cohort at a glance for coaches, CCC members and program directors: the learners they
/// may see, sortable and filterable, with summary charts whose bars filter the table.
/// Loading runs on the workspace worker; the filters and sort are remembered.
class CohortView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CohortView)

public:
    /// `scanner` reads the evidence columns (a scan of every observation) apart from `worker`,
    /// so that opening a profile never waits behind it.
    CohortView(WorkspaceWorker &worker, WorkspaceWorker &scanner, core::ActingUser user, QWidget *parent = nullptr);
    ~CohortView() override;

    CohortTableModel *model() const { return m_model; }
    CohortFilterModel *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    CohortCharts *charts() const { return m_charts; }
    /// The rows are in the table (usable: sort, filter, open).
    bool isLoaded() const { return m_loaded; }
    /// The evidence columns and the month chart are filled in too.
    bool hasEvidence() const;
    /// Milliseconds from reload() to the rows being in the table.
    qint64 lastLoadMilliseconds() const { return m_loadMs; }

    /// Reads the cohort again (after a sync or a recompute).
    void reload();

signals:
    void learnerActivated(qint64 learnerId);
    void loaded();
    void evidenceLoaded();

private:
    QWidget *createFilters();
    void onLoaded(const core::Result<core::workspace::CohortOverview> &result);
    void onEvidence(const core::Result<core::workspace::CohortEvidence> &result);
    void fillChoices();
    void applyFilters();
    void saveState() const;
    void onBarClicked(const CohortFilterModel::BarFilter &filter);
    void updateCount();

    WorkspaceWorker &m_worker;
    WorkspaceWorker &m_scanner;
    core::workspace::CohortSummary m_summary;
    int m_generation = 0;
    core::ActingUser m_user;
    CohortTableModel *m_model = nullptr;
    CohortFilterModel *m_filter = nullptr;
    CohortCharts *m_charts = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_program = nullptr;
    QComboBox *m_stage = nullptr;
    QCheckBox *m_flagged = nullptr;
    QCheckBox *m_former = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_barNote = nullptr;
    QPushButton *m_clearBar = nullptr;
    QLabel *m_status = nullptr;
    QElapsedTimer m_clock;
    qint64 m_loadMs = 0;
    bool m_loaded = false;
    bool m_restoring = false;
};

} // namespace pme::ui
