// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CohortView.h"

#include "Settings.h"
#include "WorkspaceWorker.h"
#include "charts/CohortCharts.h"
#include "models/CohortTableModel.h"
#include "views/SparklineDelegate.h"
#include "workspace/CohortQueries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace pme::ui {

CohortView::CohortView(WorkspaceWorker &worker, WorkspaceWorker &scanner, core::ActingUser user, QWidget *parent)
    : QWidget(parent),
      m_worker(worker),
      m_scanner(scanner),
      m_user(std::move(user)),
      m_model(new CohortTableModel(this)),
      m_filter(new CohortFilterModel(this))
{
    setObjectName(QStringLiteral("cohortView"));
    m_filter->setCohort(m_model);

    auto *title = new QLabel(tr("Cohort"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_status = new QLabel(tr("Loading the cohort…"), this);
    m_status->setObjectName(QStringLiteral("cohortStatus"));
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(m_status, 1);

    m_charts = new CohortCharts(this);
    m_charts->setMaximumHeight(240);
    connect(m_charts, &CohortCharts::barClicked, this, &CohortView::onBarClicked);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("cohortTable"));
    m_table->setAccessibleName(tr("Learners"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(CohortTableModel::TrendColumn,
                                      new SparklineDelegate(CohortTableModel::SparklineRole, m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    const int widths[] = {220, 70, 110, 270, 150, 100, 120, 130};
    for (int c = 0; c < CohortTableModel::ColumnCount; ++c)
        header->resizeSection(c, widths[c]);
    header->setSectionResizeMode(CohortTableModel::NameColumn, QHeaderView::Stretch);
    header->restoreState(Settings::cohortHeaderState.get());
    m_table->sortByColumn(Settings::cohortSortColumn.get(), Qt::SortOrder(Settings::cohortSortOrder.get()));
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit learnerActivated(index.data(CohortTableModel::LearnerIdRole).toLongLong());
    });
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this] { saveState(); });

    auto *hint = new QLabel(tr("Double-click a learner, or press Enter, to open their profile."), this);
    hint->setObjectName(QStringLiteral("cohortHint"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->addLayout(top);
    layout->addWidget(createFilters());
    layout->addWidget(m_charts);
    layout->addWidget(m_table, 1);
    layout->addWidget(hint);
    reload();
}

bool CohortView::hasEvidence() const
{
    return m_model->hasEvidence();
}

CohortView::~CohortView()
{
    saveState();
}

QWidget *CohortView::createFilters()
{
    auto *bar = new QWidget(this);
    m_program = new QComboBox(bar);
    m_program->setObjectName(QStringLiteral("programFilter"));
    m_program->setAccessibleName(tr("Program"));
    m_program->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stage = new QComboBox(bar);
    m_stage->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_stage->setObjectName(QStringLiteral("stageFilter"));
    m_stage->setAccessibleName(tr("Stage"));
    m_flagged = new QCheckBox(tr("&Flagged only"), bar);
    m_flagged->setObjectName(QStringLiteral("flaggedOnly"));
    m_former = new QCheckBox(tr("&Include former learners"), bar);
    m_former->setObjectName(QStringLiteral("formerLearners"));
    m_former->setToolTip(tr("Also list learners who completed training or withdrew."));
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("nameSearch"));
    m_search->setPlaceholderText(tr("Search by name"));
    m_search->setAccessibleName(tr("Search by name"));
    m_search->setClearButtonEnabled(true);
    m_barNote = new QLabel(bar);
    m_barNote->setObjectName(QStringLiteral("barFilterNote"));
    m_clearBar = new QPushButton(tr("Show All"), bar);
    m_clearBar->setObjectName(QStringLiteral("clearBarFilter"));
    m_barNote->hide();
    m_clearBar->hide();

    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 4, 0, 4);
    auto *programLabel = new QLabel(tr("&Program:"), bar);
    programLabel->setBuddy(m_program);
    auto *stageLabel = new QLabel(tr("&Stage:"), bar);
    stageLabel->setBuddy(m_stage);
    row->addWidget(programLabel);
    row->addWidget(m_program);
    row->addWidget(stageLabel);
    row->addWidget(m_stage);
    row->addWidget(m_flagged);
    row->addWidget(m_former);
    row->addWidget(m_search, 1);
    row->addWidget(m_barNote);
    row->addWidget(m_clearBar);

    m_flagged->setChecked(Settings::cohortFlaggedOnly.get());
    m_former->setChecked(Settings::cohortFormerLearners.get());
    m_search->setText(Settings::cohortSearch.get());
    connect(m_program, &QComboBox::currentIndexChanged, this, &CohortView::applyFilters);
    connect(m_stage, &QComboBox::currentIndexChanged, this, &CohortView::applyFilters);
    connect(m_flagged, &QCheckBox::toggled, this, &CohortView::applyFilters);
    connect(m_former, &QCheckBox::toggled, this, &CohortView::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, &CohortView::applyFilters);
    connect(m_clearBar, &QPushButton::clicked, this, [this] { onBarClicked({}); });
    return bar;
}

void CohortView::reload()
{
    m_clock.start();
    m_status->setText(tr("Loading the cohort…"));
    const core::ActingUser user = m_user;
    const int generation = ++m_generation;
    m_worker.run<core::workspace::CohortOverview>(
        this,
        [user](core::GovernedStore &store) { return core::workspace::CohortQueries::loadRows(store.database(), user); },
        [this, generation](const core::Result<core::workspace::CohortOverview> &result) {
            if (generation == m_generation)
                onLoaded(result);
        });
    m_scanner.run<core::workspace::CohortEvidence>(
        this,
        [user](core::GovernedStore &store) {
            return core::workspace::CohortQueries::loadEvidence(store.database(), user);
        },
        [this, generation](const core::Result<core::workspace::CohortEvidence> &result) {
            if (generation == m_generation)
                onEvidence(result);
        });
}

void CohortView::onEvidence(const core::Result<core::workspace::CohortEvidence> &result)
{
    if (!result)
        return;
    if (!m_loaded) {
        // The rows come first; keep the scan for them.
        connect(
            this, &CohortView::loaded, this, [this, result] { onEvidence(result); }, Qt::SingleShotConnection);
        return;
    }
    const core::workspace::CohortEvidence &evidence = *result;
    m_filter->setFirstMonth(
        evidence.evidenceByMonth.isEmpty()
            ? QDate()
            : QDate::fromString(evidence.evidenceByMonth.first().key + QStringLiteral("-01"), Qt::ISODate));
    m_model->applyEvidence(evidence);
    m_summary.evidenceByMonth = evidence.evidenceByMonth;
    m_charts->setSummary(m_summary);
    emit evidenceLoaded();
}

void CohortView::onLoaded(const core::Result<core::workspace::CohortOverview> &result)
{
    if (!result) {
        m_status->setText(result.error().message);
        return;
    }
    const core::workspace::CohortOverview &overview = *result;
    m_model->setRows(overview.rows, overview.hasEvidence);
    fillChoices();
    m_summary = overview.summary;
    m_charts->setSummary(m_summary);
    m_loaded = true;
    m_loadMs = m_clock.elapsed();
    if (!overview.hasAnalytics && !overview.rows.isEmpty())
        m_status->setText(tr("No forecasts or flags yet: the analytics have not been computed for this store."));
    updateCount();
    emit loaded();
}

void CohortView::fillChoices()
{
    std::set<QString> programs;
    std::set<QString> stages;
    for (const core::workspace::CohortRow &row : m_model->rows()) {
        programs.insert(row.programCode);
        if (!row.stage.isEmpty())
            stages.insert(row.stage);
    }
    m_restoring = true;
    {
        const QSignalBlocker blockProgram(m_program);
        const QSignalBlocker blockStage(m_stage);
        const QString program
            = m_program->count() ? m_program->currentData().toString() : Settings::cohortProgram.get();
        const QString stage = m_stage->count() ? m_stage->currentData().toString() : Settings::cohortStage.get();
        m_program->clear();
        m_program->addItem(tr("All programs"), QString());
        for (const QString &code : programs)
            m_program->addItem(code, code);
        m_program->setCurrentIndex(std::max(0, m_program->findData(program)));
        m_stage->clear();
        m_stage->addItem(tr("All stages"), QString());
        for (const QString &s : stages)
            m_stage->addItem(s, s);
        m_stage->setCurrentIndex(std::max(0, m_stage->findData(stage)));
    }
    m_restoring = false;
    applyFilters();
}

void CohortView::applyFilters()
{
    if (m_restoring)
        return;
    m_filter->setProgram(m_program->currentData().toString());
    m_filter->setStage(m_stage->currentData().toString());
    m_filter->setFlaggedOnly(m_flagged->isChecked());
    m_filter->setFormerLearners(m_former->isChecked());
    m_filter->setSearch(m_search->text());
    saveState();
    updateCount();
}

void CohortView::onBarClicked(const CohortFilterModel::BarFilter &filter)
{
    m_filter->setBarFilter(filter);
    const bool on = filter.kind != CohortFilterModel::BarFilter::Kind::None;
    using Kind = CohortFilterModel::BarFilter::Kind;
    m_barNote->setText(filter.kind == Kind::Rule ? tr("Showing: open flag “%1”").arg(filter.label)
                           : filter.kind == Kind::ProbabilityBin
                           ? tr("Showing: lowest P(target) %1–%2%").arg(filter.label).arg(filter.label.toInt() + 10)
                           : filter.kind == Kind::Month ? tr("Showing: evidence in %1").arg(filter.label)
                                                        : QString());
    m_barNote->setVisible(on);
    m_clearBar->setVisible(on);
    updateCount();
}

void CohortView::updateCount()
{
    if (!m_loaded)
        return;
    const QLocale locale;
    if (m_model->rowCount() == 0) {
        m_status->setText(tr("No learners to show: your roles give access to no learner profiles."));
        return;
    }
    m_status->setText(
        tr("%1 of %2 learners").arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount())));
}

void CohortView::saveState() const
{
    if (m_restoring || !m_program->count())
        return;
    Settings::cohortProgram.set(m_program->currentData().toString());
    Settings::cohortStage.set(m_stage->currentData().toString());
    Settings::cohortFlaggedOnly.set(m_flagged->isChecked());
    Settings::cohortFormerLearners.set(m_former->isChecked());
    Settings::cohortSearch.set(m_search->text());
    const QHeaderView *header = m_table->horizontalHeader();
    Settings::cohortSortColumn.set(header->sortIndicatorSection());
    Settings::cohortSortOrder.set(int(header->sortIndicatorOrder()));
    Settings::cohortHeaderState.set(header->saveState());
}

} // namespace pme::ui
