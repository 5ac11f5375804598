// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ObservationTableModel.h"

#include "charts/Palette.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace pme::ui {

using core::workspace::ObservationRow;

ObservationTableModel::ObservationTableModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ObservationTableModel::setObservations(QList<ObservationRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_highlighted.clear();
    endResetModel();
}

void ObservationTableModel::setHighlighted(QSet<qint64> ids)
{
    m_highlighted = std::move(ids);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int ObservationTableModel::rowOf(qint64 observationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == observationId)
            return i;
    }
    return -1;
}

QString ObservationTableModel::kindLabel(const QString &kind)
{
    if (kind == QLatin1String("assessment"))
        return tr("Assessment");
    if (kind == QLatin1String("epa"))
        return tr("EPA");
    if (kind == QLatin1String("milestone"))
        return tr("CCC rating");
    if (kind == QLatin1String("exam"))
        return tr("Exam");
    if (kind == QLatin1String("narrative"))
        return tr("Narrative");
    if (kind == QLatin1String("ccc_decision"))
        return tr("CCC decision");
    return kind;
}

int ObservationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObservationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ObservationTableModel::display(const ObservationRow &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case DateColumn: {
        const QString date = locale.toString(row.date, QLocale::ShortFormat);
        return m_highlighted.contains(row.id) ? tr("◆ %1").arg(date) : date;
    }
    case CompetencyColumn:
        return row.competencyCode;
    case KindColumn:
        return kindLabel(row.kind);
    case InstrumentColumn:
        return row.instrument;
    case AssessorColumn:
        return row.assessorRole.isEmpty() || row.assessor.isEmpty() ? row.assessor
                                                                    : tr("%1 (%2)").arg(row.assessor, row.assessorRole);
    case RatingColumn:
        return row.rating ? locale.toString(*row.rating, 'g', 3) : row.ratingText;
    case ScoreColumn:
        return row.score ? locale.toString(*row.score, 'f', 1) : QString();
    case PercentileColumn:
        return row.percentile ? locale.toString(*row.percentile, 'f', 0) : QString();
    case NarrativeColumn:
        return row.narrative.simplified();
    }
    return {};
}

QVariant ObservationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ObservationRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == NarrativeColumn && !row.narrative.isEmpty())
            return row.narrative;
        if (index.column() == CompetencyColumn)
            return row.competencyName;
        return m_highlighted.contains(row.id) ? tr("Evidence of the selected flag") : QVariant();
    case ObservationIdRole:
        return row.id;
    case HighlightRole:
        return m_highlighted.contains(row.id);
    case SortRole:
        switch (index.column()) {
        case DateColumn:
            return row.date.toJulianDay() * 100000000LL + row.id % 100000000LL;
        case RatingColumn:
            return row.rating.value_or(-1);
        case ScoreColumn:
            return row.score.value_or(-1);
        case PercentileColumn:
            return row.percentile.value_or(-1);
        default:
            return display(row, index.column());
        }
    case Qt::BackgroundRole:
        if (m_highlighted.contains(row.id)) {
            QColor tint = Palette::secondary();
            tint.setAlphaF(0.35);
            return QBrush(tint);
        }
        return {};
    case Qt::FontRole:
        if (m_highlighted.contains(row.id)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant ObservationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DateColumn:
        return tr("Date");
    case CompetencyColumn:
        return tr("Competency");
    case KindColumn:
        return tr("Kind");
    case InstrumentColumn:
        return tr("Instrument");
    case AssessorColumn:
        return tr("Assessor");
    case RatingColumn:
        return tr("Rating");
    case ScoreColumn:
        return tr("Score");
    case PercentileColumn:
        return tr("Percentile");
    case NarrativeColumn:
        return tr("Narrative");
    }
    return {};
}

} // namespace pme::ui
