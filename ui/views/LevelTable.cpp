// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LevelTable.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QTimer>

#include <cmath>

namespace pme::ui {

namespace {

QString levelText(double level)
{
    return QLocale().toString(level, 'f', 1);
}

QTableWidgetItem *fixedItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

LevelTable::LevelTable(QWidget *parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("levelTable"));
    setAccessibleName(tr("The committee's levels"));
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Subcompetency"), tr("Proposed"), tr("Level"), tr("Rationale")});
    horizontalHeader()->setSectionResizeMode(Code, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Proposed, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(Level, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::AnyKeyPressed | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::DoubleClicked);
    setTabKeyNavigation(false);
    connect(this, &QTableWidget::itemChanged, this, &LevelTable::onItemChanged);
}

void LevelTable::setProposals(const QList<core::ccc::ProposedLevel> &proposals,
                              const core::ccc::ResidentDecisions *decided)
{
    m_filling = true;
    m_proposals = proposals;
    m_readOnly = decided && decided->isFinalized();
    clearContents();
    setRowCount(int(proposals.size()));
    const QLocale locale;
    for (int r = 0; r < proposals.size(); ++r) {
        const core::ccc::ProposedLevel &p = proposals[r];
        auto *code = fixedItem(p.code);
        code->setToolTip(p.name);
        setItem(r, Code, code);
        QString proposed = p.level
            ? tr("%1 ± %2 (n %3)").arg(levelText(*p.level), locale.toString(p.sd, 'f', 1)).arg(p.evidence)
            : tr("— (n %1)").arg(p.evidence);
        if (p.tooLittleEvidence)
            proposed += tr(" too little evidence");
        auto *proposedItem = fixedItem(proposed);
        if (p.tooLittleEvidence)
            proposedItem->setForeground(QColor(0xB0, 0x3A, 0x00));
        setItem(r, Proposed, proposedItem);
        const core::ccc::DecisionRecord *d = decided ? decided->level(p.competencyId) : nullptr;
        auto *level = new QTableWidgetItem(d && d->level ? levelText(*d->level) : QString());
        auto *rationale = new QTableWidgetItem(d ? d->rationale : QString());
        if (m_readOnly) {
            level->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            rationale->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        }
        setItem(r, Level, level);
        setItem(r, Rationale, rationale);
    }
    m_filling = false;
    if (rowCount() > 0)
        setCurrentCell(0, Level);
    emit changed();
}

std::optional<double> LevelTable::parseLevel(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    bool ok = false;
    double v = QLocale().toDouble(t, &ok);
    if (!ok)
        v = t.replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

std::optional<double> LevelTable::levelAt(int row) const
{
    const QTableWidgetItem *i = item(row, Level);
    return i ? parseLevel(i->text()) : std::nullopt;
}

void LevelTable::onItemChanged(QTableWidgetItem *changedItem)
{
    if (m_filling || m_readOnly)
        return;
    const int row = changedItem->row();
    if (changedItem->column() == Level) {
        const core::ccc::ProposedLevel &p = m_proposals[row];
        const auto level = levelAt(row);
        if (!changedItem->text().trimmed().isEmpty()) {
            const double steps = level ? (*level - p.scaleMin) / p.scaleStep : 0.5;
            if (!level || *level < p.scaleMin || *level > p.scaleMax || std::abs(steps - std::round(steps)) > 1e-6) {
                emit levelRejected(tr("%1: \"%2\" is not a level of the scale (%3 to %4 in steps of %5).")
                                       .arg(p.code, changedItem->text(), levelText(p.scaleMin), levelText(p.scaleMax),
                                            QLocale().toString(p.scaleStep)));
                m_filling = true;
                changedItem->setText(QString());
                m_filling = false;
                emit changed();
                return;
            }
            m_filling = true;
            changedItem->setText(levelText(*level)); // the locale's own form: "2.5"
            m_filling = false;
        }
        const bool overrides = level && (!p.level || std::abs(*p.level - *level) > 1e-9);
        if (overrides && item(row, Rationale)->text().trimmed().isEmpty()) {
            // An override needs its reason: the rationale opens, ready for typing.
            QTimer::singleShot(0, this, [this, row] {
                setCurrentCell(row, Rationale);
                editItem(item(row, Rationale));
            });
        } else if (level) {
            QTimer::singleShot(0, this, [this, row] { goToRow(row + 1); });
        }
    } else if (changedItem->column() == Rationale && !changedItem->text().trimmed().isEmpty()) {
        QTimer::singleShot(0, this, [this, row] { goToRow(row + 1); });
    }
    emit changed();
}

void LevelTable::goToRow(int row)
{
    if (row >= rowCount()) {
        emit finished();
        return;
    }
    setCurrentCell(row, Level);
    scrollToItem(item(row, Code));
}

void LevelTable::acceptRow(int row)
{
    const core::ccc::ProposedLevel &p = m_proposals[row];
    if (!levelAt(row)) {
        if (!p.level) {
            emit levelRejected(tr("%1 has no proposed level: type the committee's level and a rationale.").arg(p.code));
            return;
        }
        item(row, Level)->setText(levelText(*p.level)); // onItemChanged moves on
        return;
    }
    goToRow(row + 1);
}

void LevelTable::acceptRemaining()
{
    if (m_readOnly)
        return;
    m_filling = true;
    for (int r = 0; r < rowCount(); ++r) {
        if (!levelAt(r) && m_proposals[r].level)
            item(r, Level)->setText(levelText(*m_proposals[r].level));
    }
    m_filling = false;
    emit changed();
}

void LevelTable::keyPressEvent(QKeyEvent *event)
{
    const int row = currentRow();
    if (state() == EditingState || row < 0 || m_readOnly
        || event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QTableWidget::keyPressEvent(event);
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        acceptRow(row);
        return;
    }
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        item(row, currentColumn() == Rationale ? Rationale : Level)->setText(QString());
        return;
    }
    const QString text = event->text();
    if (!text.isEmpty() && (text.at(0).isDigit() || text == QLatin1String(".") || text == QLatin1String(","))
        && currentColumn() != Rationale) {
        setCurrentCell(row, Level);
        if (edit(currentIndex(), AnyKeyPressed, event))
            return;
    }
    QTableWidget::keyPressEvent(event);
}

QList<core::ccc::LevelChoice> LevelTable::choices() const
{
    QList<core::ccc::LevelChoice> list;
    for (int r = 0; r < rowCount(); ++r) {
        if (const auto level = levelAt(r))
            list.append({m_proposals[r].competencyId, *level, item(r, Rationale)->text().trimmed()});
    }
    return list;
}

int LevelTable::missing() const
{
    int n = 0;
    for (int r = 0; r < rowCount(); ++r)
        n += !levelAt(r);
    return n;
}

int LevelTable::overrides() const
{
    int n = 0;
    for (int r = 0; r < rowCount(); ++r) {
        const auto level = levelAt(r);
        n += level && m_proposals[r].level && std::abs(*level - *m_proposals[r].level) > 1e-9;
    }
    return n;
}

} // namespace pme::ui
