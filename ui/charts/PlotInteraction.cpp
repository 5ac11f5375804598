// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/PlotInteraction.h"

#include "FileDialogs.h"

#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>
#include <QToolTip>

#include <qcustomplot.h>

namespace pme::ui {

void PlotInteraction::install(QCustomPlot *plot, Reset reset, Describe describe)
{
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    plot->setMouseTracking(true);
    QObject::connect(plot, &QCustomPlot::mouseDoubleClick, plot, [reset](QMouseEvent *) { reset(); });
    QObject::connect(plot, &QCustomPlot::mouseMove, plot, [plot, describe](QMouseEvent *event) {
        const QString text = describe(event->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(plot->mapToGlobal(event->pos()), text, plot);
    });
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, reset](const QPoint &pos) {
        QMenu menu(plot);
        menu.addAction(tr("Reset View"), plot, [reset] { reset(); });
        menu.addSeparator();
        menu.addAction(tr("Export as PNG or PDF…"), plot,
                       [plot] { exportWithDialog(plot, plot->property("exportName").toString()); });
        menu.exec(plot->mapToGlobal(pos));
    });
}

bool PlotInteraction::exportTo(QCustomPlot *plot, const QString &path)
{
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return plot->savePdf(path, plot->width(), plot->height());
    return plot->savePng(path, plot->width(), plot->height(), 2.0);
}

void PlotInteraction::exportWithDialog(QCustomPlot *plot, const QString &suggestedName)
{
    Q_UNUSED(suggestedName)
    const QString path = FileDialogs::saveFile(plot, tr("Export Chart"), tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!exportTo(plot, path))
        QMessageBox::warning(plot, tr("Export Chart"), tr("The chart could not be written to %1.").arg(path));
}

} // namespace pme::ui
