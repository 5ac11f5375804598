// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/MeetingPdf.h"

#include "reports/TrajectoryPainter.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

#include <functional>

namespace pme::ui::reports {

using core::ccc::DecisionRecord;
using core::ccc::Meeting;
using core::ccc::MeetingReport;
using core::ccc::ResidentReport;

namespace {

const QColor kInk(0x22, 0x22, 0x22);
const QColor kMuted(0x5A, 0x5A, 0x5A);
const QColor kAlert(0xB0, 0x3A, 0x00);

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QString level(std::optional<double> value)
{
    return value ? QLocale().toString(*value, 'f', 1) : QStringLiteral("–");
}

QString date(const QDate &d)
{
    return QLocale().toString(d, QLocale::ShortFormat);
}

/// A page being filled from the top: writes paragraphs and keeps the running height.
class Page {
public:
    Page(QPainter &painter, const QRectF &area) : m_p(painter), m_area(area), m_y(area.top()) { }

    QRectF area() const { return m_area; }
    double y() const { return m_y; }
    double left() const { return m_area.bottom() - m_y; }
    void skip(double points) { m_y += points * m_p.device()->logicalDpiY() / 72.0; }
    void advance(double pixels) { m_y += pixels; }

    void text(const QString &text, const QFont &f, const QColor &colour = kInk, double indent = 0)
    {
        m_p.setFont(f);
        m_p.setPen(colour);
        const QRectF box(m_area.left() + indent, m_y, m_area.width() - indent, m_area.bottom() - m_y);
        const QRectF used = m_p.boundingRect(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        m_p.drawText(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
        m_y += used.height();
    }
    void rule()
    {
        m_p.setPen(QPen(QColor(0xCC, 0xCC, 0xCC), 0));
        m_p.drawLine(QPointF(m_area.left(), m_y), QPointF(m_area.right(), m_y));
        skip(4);
    }

private:
    QPainter &m_p;
    QRectF m_area;
    double m_y = 0;
};

QString progressLine(const core::ccc::ResidentDecisions &d)
{
    const DecisionRecord *overall = d.overall();
    if (!overall || !overall->progress)
        return MeetingPdf::tr("Not decided at this meeting.");
    return core::ccc::progressTitle(*overall->progress);
}

QString membersLine(const Meeting &m)
{
    QStringList others;
    QString chair;
    for (const core::ccc::MeetingMember &member : m.members) {
        if (member.chair)
            chair = member.name;
        else
            others.append(member.name);
    }
    return MeetingPdf::tr("Chair: %1. Members: %2.")
        .arg(chair, others.isEmpty() ? MeetingPdf::tr("none") : others.join(QStringLiteral(", ")));
}

void footer(QPainter &p, const QRectF &area, const QString &left, int page, int pages)
{
    p.setFont(font(7));
    p.setPen(kMuted);
    const QRectF box(area.left(), area.bottom() + 4, area.width(), p.device()->logicalDpiY() * 0.3);
    p.drawText(box, Qt::AlignLeft | Qt::AlignTop, left);
    p.drawText(box, Qt::AlignRight | Qt::AlignTop, MeetingPdf::tr("Page %1 of %2").arg(page).arg(pages));
}

/// Every subcompetency's chart in a grid, each titled with the decided and proposed level.
void chartGrid(QPainter &p, Page &page, const ResidentReport &r, const Meeting &m, int columns, double cellHeight)
{
    const auto &packet = r.packet;
    const double gap = p.device()->logicalDpiX() * 0.08;
    const double width = (page.area().width() - gap * (columns - 1)) / columns;
    const double top = page.y();
    const int count = int(packet.trajectories.size());
    for (int i = 0; i < count; ++i) {
        const auto &series = packet.trajectories[i];
        const auto &proposal = packet.proposals[i];
        const DecisionRecord *decided = r.decisions.level(proposal.competencyId);
        const QRectF cell(page.area().left() + (i % columns) * (width + gap), top + (i / columns) * cellHeight, width,
                          cellHeight - gap);
        p.setFont(font(7, true));
        p.setPen(decided && decided->isOverride() ? kAlert : kInk);
        const QString title = decided ? MeetingPdf::tr("%1  level %2").arg(series.code, level(decided->level))
                                      : MeetingPdf::tr("%1  not decided").arg(series.code);
        const double line = QFontMetricsF(p.font()).height();
        p.drawText(QRectF(cell.left(), cell.top(), cell.width(), line), Qt::AlignLeft | Qt::AlignVCenter, title);
        p.setFont(font(6));
        p.setPen(kMuted);
        QString sub = proposal.level ? MeetingPdf::tr("proposed %1 ± %2, n = %3")
                                           .arg(level(proposal.level), QLocale().toString(proposal.sd, 'f', 1))
                                           .arg(proposal.evidence)
                                     : MeetingPdf::tr("no proposal, n = %1").arg(proposal.evidence);
        if (proposal.tooLittleEvidence)
            sub += MeetingPdf::tr(" · too little evidence");
        const double subLine = QFontMetricsF(p.font()).height();
        p.drawText(QRectF(cell.left(), cell.top() + line, cell.width(), subLine), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(p.font()).elidedText(sub, Qt::ElideRight, cell.width()));
        p.setFont(font(5.5));
        TrajectoryPainter::paint(
            p, QRectF(cell.left(), cell.top() + line + subLine, cell.width(), cell.height() - line - subLine), series,
            {m.period.end, proposal.level, decided ? decided->level : std::nullopt});
    }
    page.advance(((count + columns - 1) / columns) * cellHeight);
    p.setFont(font(6));
    TrajectoryPainter::paintLegend(
        p, QRectF(page.area().left(), page.y(), page.area().width(), QFontMetricsF(p.font()).height() * 1.4));
    page.advance(QFontMetricsF(p.font()).height() * 1.6);
}

void actionsAndNotes(Page &page, const ResidentReport &r, bool forResident)
{
    const core::ccc::ResidentDecisions &d = r.decisions;
    QStringList overrides;
    for (const DecisionRecord &rec : d.current) {
        if (rec.competencyId && (rec.isOverride() || !rec.rationale.isEmpty()))
            overrides.append(MeetingPdf::tr("%1: %2 (proposed %3). %4")
                                 .arg(rec.competencyCode, level(rec.level), level(rec.proposedLevel), rec.rationale));
    }
    for (const DecisionRecord &rec : d.history)
        overrides.append(MeetingPdf::tr("%1: the decision of %2 was superseded.")
                             .arg(rec.competencyCode.isEmpty() ? MeetingPdf::tr("Progress") : rec.competencyCode,
                                  rec.finalizedAt.left(10)));
    if (!overrides.isEmpty()) {
        page.text(forResident ? MeetingPdf::tr("Where the committee's level differs from the estimate")
                              : MeetingPdf::tr("Overrides and rationale"),
                  font(9, true));
        page.text(overrides.join(QLatin1Char('\n')), font(8));
        page.skip(4);
    }
    page.text(forResident ? MeetingPdf::tr("Agreed next steps") : MeetingPdf::tr("Actions"), font(9, true));
    if (d.actions.isEmpty())
        page.text(MeetingPdf::tr("None."), font(8), kMuted);
    for (const core::ccc::ActionRecord &a : d.actions)
        page.text(MeetingPdf::tr("• %1: %2 — %3, due %4")
                      .arg(core::ccc::actionKindTitle(a.kind), a.description,
                           a.owner.isEmpty() ? MeetingPdf::tr("owner to be named") : a.owner, date(a.dueOn)),
                  font(8));
    if (!d.note.isEmpty() && !forResident) {
        page.skip(4);
        page.text(MeetingPdf::tr("Note"), font(9, true));
        page.text(d.note, font(8));
    }
}

void residentPage(QPainter &p, const QRectF &area, const ResidentReport &r, const Meeting &m, bool forResident)
{
    Page page(p, area);
    const auto &h = r.packet.header;
    page.text(forResident ? MeetingPdf::tr("Your Clinical Competency Committee review — %1").arg(m.period.label)
                          : MeetingPdf::tr("%1 — %2").arg(h.name, m.period.label),
              font(13, true));
    page.text(MeetingPdf::tr("%1 · %2 · %3 · started %4 · period %5 to %6 · committee met on %7")
                  .arg(h.name, h.programCode, h.stage.isEmpty() ? h.status : h.stage, date(h.start),
                       date(m.period.start()), date(m.period.end), date(m.heldOn)),
              font(8), kMuted);
    page.skip(4);
    const DecisionRecord *overall = r.decisions.overall();
    page.text(MeetingPdf::tr("Progress: %1").arg(progressLine(r.decisions)), font(10, true),
              overall && overall->progress && *overall->progress >= core::ccc::Progress::NotAsExpected ? kAlert : kInk);
    if (overall && !overall->rationale.isEmpty())
        page.text(overall->rationale, font(8));
    if (!forResident)
        page.text(
            MeetingPdf::tr(
                "Open flags at the meeting: %1. Narrative comments in the period: %2, %3 with concerning language.")
                .arg(r.packet.openFlags.size())
                .arg(r.packet.narratives.size())
                .arg(r.packet.narrativesWithConcerns),
            font(8), kMuted);
    page.skip(6);
    const int columns = 4;
    const int rows = (int(r.packet.trajectories.size()) + columns - 1) / columns;
    const double available = page.left() * 0.68;
    chartGrid(p, page, r, m, columns, rows > 0 ? std::min(available / rows, area.width() / columns * 0.75) : 0);
    page.rule();
    actionsAndNotes(page, r, forResident);
}

void coverPage(QPainter &p, const QRectF &area, const MeetingReport &report)
{
    Page page(p, area);
    const Meeting &m = report.meeting;
    page.text(MeetingPdf::tr("Clinical Competency Committee — %1").arg(m.programName), font(15, true));
    page.text(MeetingPdf::tr("Period %1 (%2 to %3). Held on %4.")
                  .arg(m.period.label, date(m.period.start()), date(m.period.end), date(m.heldOn)),
              font(10));
    page.text(membersLine(m), font(9), kMuted);
    if (!m.note.isEmpty()) {
        page.skip(4);
        page.text(MeetingPdf::tr("Meeting note: %1").arg(m.note), font(9));
    }
    page.skip(8);
    page.text(MeetingPdf::tr("Residents in agenda order"), font(11, true));
    page.rule();
    const double line = QFontMetricsF(font(8), p.device()).height();
    for (int i = 0; i < report.residents.size(); ++i) {
        // One line each, so that a whole program fits; each resident has their own page after.
        if (page.left() < 3 * line) {
            page.text(MeetingPdf::tr("… and %n more residents, on the pages that follow.", nullptr,
                                     int(report.residents.size()) - i),
                      font(8), kMuted);
            break;
        }
        const ResidentReport &r = report.residents[i];
        int overrides = 0, levels = 0;
        for (const DecisionRecord &d : r.decisions.current) {
            levels += d.competencyId.has_value();
            overrides += d.isOverride();
        }
        page.text(MeetingPdf::tr("%1. %2 — %3 · %4 levels, %5 overriding the proposal · %6 actions · %7 open flags")
                      .arg(i + 1)
                      .arg(r.item.name, progressLine(r.decisions))
                      .arg(levels)
                      .arg(overrides)
                      .arg(r.decisions.actions.size())
                      .arg(r.item.openFlagTotal()),
                  font(8));
    }
}

core::Result<void> write(const QString &fileName, const QString &title,
                         const std::function<void(QPainter &, const QRectF &, int)> &drawPage, int pages)
{
    QPdfWriter writer(fileName);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("PME Coach"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(14, 12, 14, 16),
                                     QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(&writer))
        return core::makeError(core::ErrorKind::Io, MeetingPdf::tr("%1 could not be written.").arg(fileName));
    const QRectF area(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        drawPage(painter, area, i);
        footer(painter, area, title, i + 1, pages);
    }
    if (!painter.end())
        return core::makeError(core::ErrorKind::Io, MeetingPdf::tr("%1 could not be written.").arg(fileName));
    if (!QFileInfo(fileName).exists() || QFileInfo(fileName).size() == 0)
        return core::makeError(core::ErrorKind::Io, MeetingPdf::tr("%1 could not be written.").arg(fileName));
    return {};
}

} // namespace

core::Result<void> MeetingPdf::writeMeetingReport(const MeetingReport &report, const QString &fileName)
{
    const QString title
        = tr("CCC meeting report — %1 — %2").arg(report.meeting.programCode, report.meeting.period.label);
    return write(
        fileName, title,
        [&](QPainter &p, const QRectF &area, int index) {
            if (index == 0)
                coverPage(p, area, report);
            else
                residentPage(p, area, report.residents[index - 1], report.meeting, false);
        },
        int(report.residents.size()) + 1);
}

core::Result<void> MeetingPdf::writeResidentSummary(const MeetingReport &report, qint64 learnerId,
                                                    const QString &fileName)
{
    for (const ResidentReport &r : report.residents) {
        if (r.item.learnerId != learnerId)
            continue;
        const QString title = tr("CCC review — %1 — %2").arg(r.item.name, report.meeting.period.label);
        return write(
            fileName, title,
            [&](QPainter &p, const QRectF &area, int) { residentPage(p, area, r, report.meeting, true); }, 1);
    }
    return core::makeError(core::ErrorKind::NotFound, tr("Learner %1 is not in this report.").arg(learnerId));
}

} // namespace pme::ui::reports
