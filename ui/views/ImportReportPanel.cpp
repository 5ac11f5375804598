// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ImportReportPanel.h"

#include "models/ImportBatchTableModel.h"
#include "models/SyncRejectTableModel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace pme::ui {

namespace {

QTableView *table(const char *name, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QLatin1String(name));
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}

} // namespace

ImportReportPanel::ImportReportPanel(QWidget *parent)
    : QWidget(parent), m_reportModel(new ImportBatchTableModel(this)), m_rejectModel(new SyncRejectTableModel(this))
{
    m_reportTable = table("reportTable", tr("Files and their counts"), this);
    m_reportTable->setModel(m_reportModel);
    m_reportTable->hideColumn(ImportBatchTableModel::StartedColumn);
    m_reportTable->horizontalHeader()->setStretchLastSection(false);
    m_rejectTable = table("rejectTable", tr("Rejected rows of the selected file"), this);
    m_rejectTable->setModel(m_rejectModel);
    m_rejectsLabel = new QLabel(this);
    m_rejectsLabel->setObjectName(QStringLiteral("rejectsLabel"));
    m_rejectsLabel->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_reportTable, 2);
    layout->addWidget(m_rejectsLabel);
    layout->addWidget(m_rejectTable, 3);
    connect(m_reportTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ImportReportPanel::onSelectionChanged);
}

void ImportReportPanel::setReports(QList<core::SyncReport> reports)
{
    const int row = qMax(0, currentRow());
    m_reports = std::move(reports);
    m_reportModel->setReports(m_reports);
    m_reportTable->resizeColumnsToContents();
    setCurrentRow(m_reports.isEmpty() ? -1 : qMin(row, int(m_reports.size()) - 1));
    onSelectionChanged();
}

int ImportReportPanel::currentRow() const
{
    const QModelIndex current = m_reportTable->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ImportReportPanel::setCurrentRow(int row)
{
    if (row < 0)
        return;
    m_reportTable->selectionModel()->setCurrentIndex(m_reportModel->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ImportReportPanel::onSelectionChanged()
{
    const int row = currentRow();
    if (row < 0 || row >= m_reports.size()) {
        m_rejectModel->setRejects({});
        m_rejectsLabel->clear();
        return;
    }
    const core::SyncReport &report = m_reports.at(row);
    m_rejectModel->setRejects(report.rejects);
    m_rejectTable->resizeColumnToContents(SyncRejectTableModel::RowColumn);
    m_rejectTable->resizeColumnToContents(SyncRejectTableModel::ColumnColumn);
    const QLocale locale;
    QString text;
    if (!report.message.isEmpty())
        text = tr("%1: %2").arg(report.file, report.message);
    else if (report.rejectsTotal == 0)
        text = tr("%1: no rows rejected.").arg(report.file);
    else if (report.rejectsTotal > report.rejects.size())
        text = tr("%1: the first %2 of %3 rejected rows.")
                   .arg(report.file, locale.toString(report.rejects.size()), locale.toString(report.rejectsTotal));
    else
        text = tr("Rows rejected in %1: %2.").arg(report.file, locale.toString(report.rejectsTotal));
    if (!report.unlinkedIdentities.isEmpty())
        text += QLatin1Char(' ')
            + tr("Learner ids of this source not linked to a learner: %1. Link them on the Data page, then "
                 "sync again.")
                  .arg(locale.toString(report.unlinkedIdentities.size()));
    m_rejectsLabel->setText(text);
    emit currentRowChanged(row);
}

} // namespace pme::ui
