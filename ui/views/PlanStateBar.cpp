// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PlanStateBar.h"

#include "views/PlanHistoryText.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>

namespace pme::ui {

namespace {

QString dateTimeText(const QString &at)
{
    return QLocale().toString(QDateTime::fromString(at, Qt::ISODateWithMs).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

PlanStateBar::PlanStateBar(QWidget *parent) : QWidget(parent)
{
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("planState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sign = new QPushButton(tr("Sign This Version"), this);
    m_sign->setObjectName(QStringLiteral("signPlan"));
    m_sign->setToolTip(tr("Sign the plan as you read it now. It is agreed when the learner and the coach have "
                          "both signed the same version."));
    connect(m_sign, &QPushButton::clicked, this, &PlanStateBar::signRequested);
    m_share = new QCheckBox(tr("Shared with the program"), this);
    m_share->setObjectName(QStringLiteral("sharePlan"));
    m_share->setToolTip(tr("Plans are private to the learner and coach. A shared plan can be read by the program's "
                           "committee and director; every share is logged."));
    connect(m_share, &QCheckBox::toggled, this, &PlanStateBar::shareRequested);
    m_close = new QPushButton(tr("Close Plan…"), this);
    m_close->setObjectName(QStringLiteral("closePlan"));
    m_close->setToolTip(tr("End the plan: it stays readable with its history, and no longer changes."));
    connect(m_close, &QPushButton::clicked, this, &PlanStateBar::closeRequested);
    m_export = new QPushButton(tr("Export Agreed Plan as PDF…"), this);
    m_export->setObjectName(QStringLiteral("exportPlan"));
    connect(m_export, &QPushButton::clicked, this, &PlanStateBar::exportRequested);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_state, 1);
    row->addWidget(m_share);
    row->addWidget(m_sign);
    row->addWidget(m_close);
    row->addWidget(m_export);
}

QString PlanStateBar::text() const
{
    return m_state->text();
}

void PlanStateBar::setPlan(const std::optional<core::goals::GoalPlan> &plan, bool mayCoProduce)
{
    m_sign->setVisible(plan && plan->mayEdit && !plan->isAgreed());
    m_sign->setEnabled(plan && plan->maySign);
    m_close->setVisible(plan && plan->mayEdit); // mayEdit: a co-producer, and the plan not closed
    m_export->setEnabled(plan && plan->hasAgreement());
    m_export->setVisible(plan.has_value());
    {
        const QSignalBlocker block(m_share);
        m_share->setVisible(plan && plan->mayShare);
        m_share->setChecked(plan && plan->summary.visibility == QLatin1String("program"));
    }
    if (!plan) {
        m_state->setText(mayCoProduce ? tr("No goal plan yet: start one, or add a first goal below.")
                                      : tr("No goal plan has been shared with the program."));
        return;
    }
    QStringList signers;
    for (const core::goals::PlanSignature &s : plan->signatures)
        signers << tr("%1 (%2, %3)")
                       .arg(s.name, s.as == QLatin1String("learner") ? tr("learner") : tr("coach"), dateTimeText(s.at));
    const QString who = signers.join(tr(" and ")).toHtmlEscaped();
    const QString shared = plan->summary.visibility == QLatin1String("program")
        ? tr("shared with the program")
        : tr("private to the learner and coach");
    const int version = plan->summary.version;
    if (plan->summary.status == QLatin1String("closed") && plan->hasAgreement())
        m_state->setText(tr("<b>Closed</b> after its agreement — version %1, signed by %2 · %3")
                             .arg(version)
                             .arg(who, shared));
    else if (plan->summary.status == QLatin1String("closed"))
        m_state->setText(tr("<b>Closed</b> — version %1 · %2").arg(version).arg(shared));
    else if (plan->isAgreed())
        m_state->setText(tr("<b>✔ Agreed</b> — version %1, signed by %2 · version hash %3 · %4")
                             .arg(version)
                             .arg(who, PlanHistoryText::shortHash(plan->versionHash), shared));
    else if (signers.isEmpty())
        m_state->setText(tr("<b>Draft</b> — version %1, not signed yet · %2").arg(version).arg(shared));
    else
        m_state->setText(tr("<b>Draft</b> — version %1, signed by %2; waiting for the %3 · %4")
                             .arg(version)
                             .arg(who, plan->signedByLearner ? tr("coach") : tr("learner"), shared));
}

} // namespace pme::ui
