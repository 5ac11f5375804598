// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/PacketCharts.h"

#include "reports/TrajectoryPainter.h"

#include <QLocale>
#include <QPaintEvent>
#include <QPainter>

namespace pme::ui {

namespace {
constexpr int kMinCell = 150;
constexpr int kGap = 8;
} // namespace

PacketCharts::PacketCharts(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("packetCharts"));
    setAccessibleName(tr("Trajectories of every subcompetency"));
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PacketCharts::setPacket(const core::ccc::ResidentPacket &packet)
{
    m_packet = packet;
    updateGeometry();
    update();
}

void PacketCharts::clear()
{
    m_packet = {};
    updateGeometry();
    update();
}

int PacketCharts::columnsFor(int width) const
{
    return std::clamp(width / kMinCell, 1, 5);
}

int PacketCharts::cellHeight(int width) const
{
    const int columns = columnsFor(width);
    const int cellWidth = (width - kGap * (columns - 1)) / columns;
    return cellWidth * 2 / 3 + 2 * fontMetrics().height();
}

int PacketCharts::heightForWidth(int width) const
{
    const int count = chartCount();
    if (count == 0)
        return 0;
    const int rows = (count + columnsFor(width) - 1) / columnsFor(width);
    return rows * (cellHeight(width) + kGap) + fontMetrics().height() * 2;
}

QSize PacketCharts::sizeHint() const
{
    return {4 * kMinCell, heightForWidth(4 * kMinCell)};
}

void PacketCharts::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().base());
    const int count = chartCount();
    if (count == 0)
        return;
    const int columns = columnsFor(width());
    const int cellWidth = (width() - kGap * (columns - 1)) / columns;
    const int cellH = cellHeight(width());
    const int line = fontMetrics().height();
    const QLocale locale;
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    for (int i = 0; i < count; ++i) {
        const QRect cell((i % columns) * (cellWidth + kGap), (i / columns) * (cellH + kGap), cellWidth, cellH);
        if (!cell.intersects(event->rect()))
            continue;
        const auto &series = m_packet.trajectories[i];
        const auto &proposal = m_packet.proposals[i];
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(cell.left(), cell.top(), cell.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                   // Elided in the bold font it is drawn in, so that the "…" shows instead of a cut.
                   p.fontMetrics().elidedText(tr("%1 %2").arg(series.code, series.name), Qt::ElideRight,
                                              cell.width()));
        p.setFont(small);
        QString sub = proposal.level
            ? tr("Proposed %1 ± %2 · n = %3")
                  .arg(locale.toString(*proposal.level, 'f', 1), locale.toString(proposal.sd, 'f', 1))
                  .arg(proposal.evidence)
            : tr("No proposal · n = %1").arg(proposal.evidence);
        if (proposal.tooLittleEvidence)
            sub += tr(" · too little evidence");
        p.setPen(proposal.tooLittleEvidence ? QColor(0xB0, 0x3A, 0x00) : palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(cell.left(), cell.top() + line, cell.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(sub, Qt::ElideRight, cell.width()));
        reports::TrajectoryPainter::paint(p, QRectF(cell.adjusted(0, 2 * line, 0, 0)), series,
                                          {m_packet.period.end, proposal.level, std::nullopt});
    }
    const int rows = (count + columns - 1) / columns;
    p.setFont(small);
    reports::TrajectoryPainter::paintLegend(p, QRectF(0, rows * (cellH + kGap), width(), line * 1.5));
}

} // namespace pme::ui
