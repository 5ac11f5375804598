// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/EvidencePanel.h"

#include "models/ObservationFilterModel.h"
#include "models/ObservationTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace pme::ui {

namespace {
const QDate kAnyDay(2000, 1, 1);
}

EvidencePanel::EvidencePanel(QWidget *parent)
    : QWidget(parent), m_model(new ObservationTableModel(this)), m_filter(new ObservationFilterModel(this))
{
    setObjectName(QStringLiteral("evidencePanel"));
    m_filter->setObservations(m_model);
    m_filter->setKinds({QStringLiteral("exam")}, true);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("evidenceTable"));
    m_table->setAccessibleName(tr("Evidence"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ObservationTableModel::DateColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->setWordWrap(false);
    m_table->hideColumn(ObservationTableModel::ScoreColumn);
    m_table->hideColumn(ObservationTableModel::PercentileColumn);
    QHeaderView *header = m_table->horizontalHeader();
    const int widths[] = {125, 80, 90, 140, 150, 55, 0, 0};
    for (int c = 0; c < ObservationTableModel::NarrativeColumn; ++c)
        if (widths[c] > 0)
            header->resizeSection(c, widths[c]);
    header->setStretchLastSection(true);

    m_competency = new QComboBox(this);
    m_competency->setObjectName(QStringLiteral("evidenceCompetency"));
    m_competency->setAccessibleName(tr("Competency"));
    m_competency->setMinimumContentsLength(16);
    m_competency->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_instrument = new QComboBox(this);
    m_instrument->setObjectName(QStringLiteral("evidenceInstrument"));
    m_instrument->setAccessibleName(tr("Instrument"));
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setMinimumDate(kAnyDay);
        edit->setSpecialValueText(tr("any day"));
        edit->setDate(kAnyDay);
        connect(edit, &QDateEdit::dateChanged, this, &EvidencePanel::applyFilters);
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    m_flagOnly = new QCheckBox(tr("Only the flag's evidence"), this);
    m_flagOnly->setObjectName(QStringLiteral("flagEvidenceOnly"));
    m_flagOnly->setEnabled(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_competency, 2);
    filters->addWidget(m_instrument, 1);
    filters->addWidget(new QLabel(tr("From:"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("To:"), this));
    filters->addWidget(m_to);
    filters->addWidget(m_flagOnly);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_competency, &QComboBox::currentIndexChanged, this, &EvidencePanel::applyFilters);
    connect(m_instrument, &QComboBox::currentIndexChanged, this, &EvidencePanel::applyFilters);
    connect(m_flagOnly, &QCheckBox::toggled, this, &EvidencePanel::applyFilters);
}

void EvidencePanel::setObservations(const QList<core::workspace::ObservationRow> &rows)
{
    m_model->setObservations(rows);
    std::map<QString, std::pair<qint64, QString>> competencies;
    std::set<QString> instruments;
    for (const auto &row : rows) {
        if (row.kind == QLatin1String("exam"))
            continue;
        if (row.competencyId)
            competencies[row.competencyCode] = {*row.competencyId, row.competencyName};
        if (!row.instrument.isEmpty())
            instruments.insert(row.instrument);
    }
    m_filling = true;
    {
        const QSignalBlocker a(m_competency);
        const QSignalBlocker b(m_instrument);
        m_competency->clear();
        m_competency->addItem(tr("All competencies"));
        for (const auto &[code, value] : competencies)
            m_competency->addItem(tr("%1 %2").arg(code, value.second), value.first);
        m_instrument->clear();
        m_instrument->addItem(tr("All instruments"));
        for (const QString &instrument : instruments)
            m_instrument->addItem(instrument, instrument);
    }
    m_filling = false;
    applyFilters();
}

void EvidencePanel::setCompetency(std::optional<qint64> competencyId)
{
    const int index = competencyId ? m_competency->findData(*competencyId) : 0;
    m_competency->setCurrentIndex(std::max(0, index));
}

void EvidencePanel::setHighlighted(const QSet<qint64> &ids)
{
    m_model->setHighlighted(ids);
    m_flagOnly->setEnabled(!ids.isEmpty());
    if (ids.isEmpty())
        m_flagOnly->setChecked(false);
    applyFilters();
    // Show the first evidence row.
    for (int r = 0; r < m_filter->rowCount(); ++r) {
        const QModelIndex index = m_filter->index(r, 0);
        if (index.data(ObservationTableModel::HighlightRole).toBool()) {
            m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
            break;
        }
    }
}

void EvidencePanel::applyFilters()
{
    if (m_filling)
        return;
    const QVariant competency = m_competency->currentData();
    m_filter->setCompetency(competency.isValid() ? std::optional<qint64>(competency.toLongLong()) : std::nullopt);
    m_filter->setInstrument(m_instrument->currentData().toString());
    m_filter->setDateRange(m_from->date() == kAnyDay ? QDate() : m_from->date(),
                           m_to->date() == kAnyDay ? QDate() : m_to->date());
    m_filter->setHighlightedOnly(m_flagOnly->isChecked());
}

} // namespace pme::ui
