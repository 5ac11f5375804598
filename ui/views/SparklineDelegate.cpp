// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SparklineDelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace pme::ui {

SparklineDelegate::SparklineDelegate(int role, QObject *parent) : QStyledItemDelegate(parent), m_role(role)
{
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QList<int> counts = index.data(m_role).value<QList<int>>();
    if (counts.isEmpty())
        return;
    const int peak = std::max(1, *std::max_element(counts.begin(), counts.end()));
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -4, -4);
    const double step = area.width() / counts.size();
    const bool selected = option.state & QStyle::State_Selected;
    const QColor ink = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor bar = ink;
    bar.setAlphaF(0.55);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    for (int i = 0; i < counts.size(); ++i) {
        const double x = area.left() + i * step + 1;
        const double w = std::max(1.0, step - 2);
        if (counts.at(i) == 0) {
            painter->fillRect(QRectF(x, area.bottom() - 1, w, 1), ink);
            continue;
        }
        const double h = std::max(2.0, area.height() * counts.at(i) / peak);
        painter->fillRect(QRectF(x, area.bottom() - h, w, h), bar);
    }
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 110));
    return size;
}

} // namespace pme::ui
