// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CohortTableModel.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace pme::ui {

using core::workspace::CohortRow;

CohortTableModel::CohortTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void CohortTableModel::setRows(QList<CohortRow> rows, bool hasEvidence)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_hasEvidence = hasEvidence;
    endResetModel();
}

void CohortTableModel::applyEvidence(const core::workspace::CohortEvidence &evidence)
{
    for (CohortRow &row : m_rows) {
        const auto it = evidence.learners.constFind(row.learnerId);
        row.recentEvidence = it == evidence.learners.constEnd() ? 0 : it->recent;
        row.latestEvidence = it == evidence.learners.constEnd() ? QDate() : it->latest;
        row.monthlyEvidence
            = it == evidence.learners.constEnd() ? QList<int>(core::workspace::kSparklineMonths, 0) : it->monthly;
    }
    m_hasEvidence = true;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, RecentColumn), index(int(m_rows.size()) - 1, TrendColumn));
}

int CohortTableModel::rowOf(qint64 learnerId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).learnerId == learnerId)
            return i;
    }
    return -1;
}

int CohortTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CohortTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CohortTableModel::flagSummary(const CohortRow &row)
{
    QStringList parts;
    if (row.openFlags[2] > 0)
        parts << tr("%n high", nullptr, row.openFlags[2]);
    if (row.openFlags[1] > 0)
        parts << tr("%n moderate", nullptr, row.openFlags[1]);
    if (row.openFlags[0] > 0)
        parts << tr("%n low", nullptr, row.openFlags[0]);
    return parts.join(QStringLiteral(" · "));
}

QVariant CohortTableModel::display(const CohortRow &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return row.name;
    case ProgramColumn:
        return row.programCode;
    case StageColumn:
        if (!row.stage.isEmpty())
            return row.status == QLatin1String("leave") ? tr("%1 (on leave)").arg(row.stage) : row.stage;
        return row.status == QLatin1String("completed") ? tr("Completed")
            : row.status == QLatin1String("withdrawn")  ? tr("Withdrawn")
            : row.status == QLatin1String("leave")      ? tr("On leave")
                                                        : QString();
    case FlagsColumn:
        return flagSummary(row);
    case ProbabilityColumn:
        return row.lowestProbability
            ? tr("%1% (%2)").arg(locale.toString(qRound(*row.lowestProbability * 100)), row.lowestCompetency)
            : QString();
    case RecentColumn:
        return m_hasEvidence ? locale.toString(row.recentEvidence) : QStringLiteral("…");
    case LatestColumn:
        return row.latestEvidence.isValid() ? locale.toString(row.latestEvidence, QLocale::ShortFormat) : QString();
    case TrendColumn:
        return QVariant();
    }
    return {};
}

QVariant CohortTableModel::sortValue(const CohortRow &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.name.toLower();
    case ProgramColumn:
        return row.programCode;
    case StageColumn:
        return row.stage.isEmpty() ? QStringLiteral("~") + row.status : row.stage;
    case FlagsColumn:
        return row.flagWeight();
    case ProbabilityColumn:
        // Learners without a forecast sort after everyone, whichever way.
        return row.lowestProbability ? *row.lowestProbability : 2.0;
    case RecentColumn:
        return row.recentEvidence;
    case LatestColumn:
        return row.latestEvidence.isValid() ? row.latestEvidence.toJulianDay() : 0;
    case TrendColumn: {
        int total = 0;
        for (int n : row.monthlyEvidence)
            total += n;
        return total;
    }
    }
    return {};
}

QString CohortTableModel::toolTip(const CohortRow &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case FlagsColumn:
        return row.openFlagTotal() == 0 ? tr("No open flags") : tr("Open flags: %1").arg(flagSummary(row));
    case ProbabilityColumn:
        return row.lowestProbability
            ? tr("Lowest estimated probability of reaching the target level by completion, "
                 "across competencies: %1% in %2.")
                  .arg(locale.toString(qRound(*row.lowestProbability * 100)), row.lowestCompetency)
            : tr("No forecast: not in training, or not enough ratings yet.");
    case RecentColumn:
        return tr("Observations in the last %n days of data", nullptr, core::workspace::kRecentDays);
    case TrendColumn: {
        QStringList counts;
        for (int n : row.monthlyEvidence)
            counts << locale.toString(n);
        return tr("Observations per month, last %n months: %1", nullptr, core::workspace::kSparklineMonths)
            .arg(counts.join(QStringLiteral(", ")));
    }
    default:
        return {};
    }
}

QVariant CohortTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CohortRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::AccessibleTextRole:
        return index.column() == TrendColumn ? toolTip(row, index.column()) : display(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case LearnerIdRole:
        return row.learnerId;
    case SparklineRole:
        return index.column() == TrendColumn && m_hasEvidence ? QVariant::fromValue(row.monthlyEvidence) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == RecentColumn || index.column() == ProbabilityColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == FlagsColumn && row.openFlags[2] > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant CohortTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (section) {
    case NameColumn:
        return tr("Learner");
    case ProgramColumn:
        return tr("Program");
    case StageColumn:
        return tr("Stage");
    case FlagsColumn:
        return tr("Open flags");
    case ProbabilityColumn:
        return role == Qt::ToolTipRole ? tr("Lowest probability of reaching the target level, across competencies")
                                       : tr("Lowest P(target)");
    case RecentColumn:
        return role == Qt::ToolTipRole ? tr("Observations in the last %n days", nullptr, core::workspace::kRecentDays)
                                       : tr("Last %n days", nullptr, core::workspace::kRecentDays);
    case LatestColumn:
        return tr("Latest evidence");
    case TrendColumn:
        return role == Qt::ToolTipRole ? tr("Observations per month over the last year") : tr("Evidence / month");
    }
    return {};
}

} // namespace pme::ui
