// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/FlagTableModel.h"

#include "domain/Dates.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace pme::ui {

FlagTableModel::FlagTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void FlagTableModel::setFlags(QList<core::analytics::FlagView> flags)
{
    // Open and acknowledged flags first (they still need attention), then by severity.
    std::stable_sort(flags.begin(), flags.end(), [](const auto &a, const auto &b) {
        const auto live = [](const core::analytics::FlagView &f) {
            return f.state == QLatin1String("open") || f.state == QLatin1String("acknowledged");
        };
        if (live(a) != live(b))
            return live(a);
        return a.severity > b.severity;
    });
    beginResetModel();
    m_flags = std::move(flags);
    endResetModel();
}

int FlagTableModel::rowOf(qint64 flagId) const
{
    for (int i = 0; i < m_flags.size(); ++i) {
        if (m_flags.at(i).id == flagId)
            return i;
    }
    return -1;
}

QString FlagTableModel::severityText(int severity)
{
    switch (severity) {
    case 3:
        return tr("▲▲▲ High");
    case 2:
        return tr("▲▲ Moderate");
    default:
        return tr("▲ Low");
    }
}

QString FlagTableModel::stateText(const QString &state)
{
    if (state == QLatin1String("open"))
        return tr("Open");
    if (state == QLatin1String("acknowledged"))
        return tr("Acknowledged");
    if (state == QLatin1String("resolved"))
        return tr("Resolved");
    if (state == QLatin1String("dismissed"))
        return tr("Dismissed");
    return state;
}

int FlagTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_flags.size());
}

int FlagTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlagTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_flags.size())
        return {};
    const core::analytics::FlagView &flag = m_flags.at(index.row());
    if (role == FlagIdRole)
        return flag.id;
    if (role == Qt::ToolTipRole)
        return flag.explanation;
    if (role == Qt::FontRole && flag.state == QLatin1String("open") && index.column() == RuleColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return severityText(flag.severity);
    case RuleColumn:
        return flag.ruleTitle;
    case CompetencyColumn:
        return flag.competencyCode.isEmpty() ? tr("overall") : flag.competencyCode;
    case StateColumn:
        return stateText(flag.state);
    case AsOfColumn: {
        const auto date = core::parseIsoDate(flag.raisedAt.left(10));
        return date ? QLocale().toString(*date, QLocale::ShortFormat) : flag.raisedAt;
    }
    }
    return {};
}

QVariant FlagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Flag");
    case CompetencyColumn:
        return tr("Competency");
    case StateColumn:
        return tr("State");
    case AsOfColumn:
        return tr("Raised");
    }
    return {};
}

} // namespace pme::ui
