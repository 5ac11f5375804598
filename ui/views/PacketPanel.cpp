// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PacketPanel.h"

#include "charts/PacketCharts.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QTextDocument>
#include <QVBoxLayout>

namespace pme::ui {

namespace {

constexpr int kOtherComments = 5;

QLabel *section(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    return label;
}

QString severityWord(int severity)
{
    return severity >= 3 ? PacketPanel::tr("▲▲▲ High")
        : severity == 2  ? PacketPanel::tr("▲▲ Moderate")
                         : PacketPanel::tr("▲ Low");
}

QString plain(const QString &html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

QString highlighted(const core::ccc::NarrativeItem &n)
{
    QString html;
    int at = 0;
    for (const core::ccc::NarrativeItem::Passage &p : n.concerns) {
        if (p.start < at)
            continue;
        html += n.text.mid(at, p.start - at).toHtmlEscaped();
        html += QStringLiteral("<span style=\"background-color:#FFE3C2; font-weight:bold;\" title=\"%1\">⚑ %2</span>")
                    .arg(p.category.toHtmlEscaped(), n.text.mid(p.start, p.length).toHtmlEscaped());
        at = p.start + p.length;
    }
    return html + n.text.mid(at).toHtmlEscaped();
}

} // namespace

PacketPanel::PacketPanel(QWidget *parent) : QScrollArea(parent)
{
    setObjectName(QStringLiteral("packetPanel"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 8, 12, 12);
    m_header = section(QStringLiteral("packetHeader"), content);
    m_charts = new PacketCharts(content);
    m_flags = section(QStringLiteral("packetFlags"), content);
    m_exams = section(QStringLiteral("packetExams"), content);
    m_narratives = section(QStringLiteral("packetNarratives"), content);
    m_plans = section(QStringLiteral("packetPlans"), content);
    layout->addWidget(m_header);
    layout->addWidget(m_charts);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->addWidget(m_flags, 0, 0);
    grid->addWidget(m_narratives, 0, 1, 2, 1);
    grid->addWidget(m_exams, 1, 0);
    grid->addWidget(m_plans, 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    layout->addStretch(1);
    setWidget(content);
}

void PacketPanel::showMessage(const QString &message)
{
    m_header->setText(message.toHtmlEscaped());
    m_charts->clear();
    for (QLabel *label : {m_flags, m_exams, m_narratives, m_plans})
        label->clear();
}

void PacketPanel::setPacket(const core::ccc::ResidentPacket &packet)
{
    const QLocale locale;
    const auto &h = packet.header;
    m_header->setText(tr("<h2 style=\"margin:0\">%1</h2><span>%2 · %3 · started %4 · period %5, %6 to %7 · "
                         "a proposal with fewer than %8 ratings behind it has too little evidence</span>")
                          .arg(h.name.toHtmlEscaped(), h.programCode.toHtmlEscaped(),
                               (h.stage.isEmpty() ? h.status : h.stage).toHtmlEscaped(),
                               locale.toString(h.start, QLocale::ShortFormat), packet.period.label.toHtmlEscaped(),
                               locale.toString(packet.period.start(), QLocale::ShortFormat),
                               locale.toString(packet.period.end, QLocale::ShortFormat))
                          .arg(packet.evidenceThreshold));
    m_charts->setPacket(packet);
    m_flags->setText(flagsHtml(packet));
    m_exams->setText(examsHtml(packet));
    m_narratives->setText(narrativesHtml(packet));
    m_plans->setText(plansHtml(packet));
    verticalScrollBar()->setValue(0);
}

QString PacketPanel::flagsHtml(const core::ccc::ResidentPacket &packet)
{
    QString html = tr("<h3>Open flags (%1)</h3>").arg(packet.openFlags.size());
    if (packet.openFlags.isEmpty())
        return html + tr("<p>No open flags.</p>");
    for (const core::analytics::FlagView &f : packet.openFlags) {
        html += tr("<p><b>%1 — %2</b>%3%4<br>%5<br><small><i>%6</i></small></p>")
                    .arg(severityWord(f.severity), f.ruleTitle.toHtmlEscaped(),
                         f.competencyCode.isEmpty() ? QString() : tr(" · %1").arg(f.competencyCode.toHtmlEscaped()),
                         f.state == QLatin1String("acknowledged") ? tr(" · acknowledged") : QString(),
                         f.explanation.toHtmlEscaped(), f.validityText().toHtmlEscaped());
    }
    return html;
}

QString PacketPanel::examsHtml(const core::ccc::ResidentPacket &packet)
{
    QString html = tr("<h3>Exams</h3>");
    if (packet.exams.isEmpty())
        return html + tr("<p>No exam results up to the period end.</p>");
    const QLocale locale;
    html += QStringLiteral("<table cellpadding=\"2\">");
    for (const core::workspace::ObservationRow &e : packet.exams) {
        html += tr("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td align=\"right\">%4</td></tr>")
                    .arg(locale.toString(e.date, QLocale::ShortFormat), e.instrument.toHtmlEscaped(),
                         e.score ? locale.toString(*e.score, 'f', 0) : QString(),
                         e.percentile ? tr("percentile %1").arg(locale.toString(*e.percentile, 'f', 0)) : QString());
    }
    return html + QStringLiteral("</table>");
}

QString PacketPanel::narrativesHtml(const core::ccc::ResidentPacket &packet)
{
    QString html = tr("<h3>Narrative comments in the period</h3><p>%1 comments, %2 with concerning language "
                      "(marked ⚑; a reader's cue, not a verdict).</p>")
                       .arg(packet.narratives.size())
                       .arg(packet.narrativesWithConcerns);
    const QLocale locale;
    int others = 0;
    for (const core::ccc::NarrativeItem &n : packet.narratives) {
        if (n.concerns.isEmpty() && ++others > kOtherComments)
            break;
        html += tr("<p><small>%1 · %2 · %3</small><br>%4</p>")
                    .arg(locale.toString(n.date, QLocale::ShortFormat), n.competencyCode.toHtmlEscaped(),
                         n.assessor.toHtmlEscaped(), highlighted(n));
    }
    return html;
}

QString PacketPanel::plansHtml(const core::ccc::ResidentPacket &packet)
{
    QString html = tr("<h3>Goal plans shared with the program</h3>");
    if (packet.plans.isEmpty())
        return html + tr("<p>None shared. Plans a resident keeps with their coach stay private.</p>");
    for (const core::ccc::SharedPlanSummary &p : packet.plans) {
        QStringList goals;
        for (qsizetype i = 0; i < p.statements.size(); ++i) {
            const QString progress = i < p.progress.size() ? p.progress.at(i) : QString();
            goals << (progress.isEmpty() ? p.statements.at(i).toHtmlEscaped()
                                         : tr("%1 <i>(%2)</i>").arg(p.statements.at(i).toHtmlEscaped(),
                                                                    progress.toHtmlEscaped()));
        }
        html += tr("<p><b>%1</b> (%2) — %3 goals: %4 achieved, %5 open<br>%6</p>")
                    .arg(p.title.toHtmlEscaped(), p.status.toHtmlEscaped())
                    .arg(p.goals)
                    .arg(p.achieved)
                    .arg(p.open)
                    .arg(goals.join(QStringLiteral("<br>")));
    }
    return html;
}

QString PacketPanel::flagsText() const
{
    return plain(m_flags->text());
}

QString PacketPanel::narrativesText() const
{
    return plain(m_narratives->text());
}

QString PacketPanel::plansText() const
{
    return plain(m_plans->text());
}

} // namespace pme::ui
