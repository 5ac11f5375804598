// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Goals page's plan-wide actions: sign, comment, close, export (GoalsView.h).
#include "views/GoalsView.h"

#include "FileDialogs.h"
#include "WorkspaceWorker.h"
#include "goals/GoalPlanService.h"
#include "views/PlanPdf.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace pme::ui {

using core::GovernedStore;
using core::Result;
namespace goals = core::goals;

void GoalsView::onSign()
{
    if (!m_snapshot.plan)
        return;
    const core::ActingUser user = m_user;
    const qint64 planId = m_snapshot.plan->summary.id;
    const QByteArray hash = m_snapshot.plan->versionHash;
    run(
        [user, planId, hash](GovernedStore &store) -> Result<qint64> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            auto agreed = goals::GoalPlanService::sign(store.database(), **audit, user, planId, hash);
            return agreed ? Result<qint64>(planId) : Result<qint64>(agreed.error());
        },
        tr("You signed this version of the plan."));
}

void GoalsView::onComment()
{
    const QString text = m_comment->text().trimmed();
    if (!m_snapshot.plan || text.isEmpty())
        return;
    const core::ActingUser user = m_user;
    const qint64 planId = m_snapshot.plan->summary.id;
    run(
        [user, planId, text](GovernedStore &store) -> Result<qint64> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            auto r = goals::GoalPlanService::comment(store.database(), **audit, user, planId, text);
            return r ? Result<qint64>(planId) : Result<qint64>(r.error());
        },
        tr("Your comment was added."));
    m_comment->clear();
}

bool GoalsView::exportPdf(const QString &path)
{
    if (!m_snapshot.plan || !m_snapshot.plan->hasAgreement())
        return false;
    const bool ok = PlanPdf::write(*m_snapshot.plan, path);
    showMessage(ok ? tr("Saved %1.").arg(path) : tr("Could not write %1.").arg(path), !ok);
    return ok;
}

void GoalsView::onClose()
{
    if (!m_snapshot.plan || !m_snapshot.plan->mayEdit)
        return;
    QMessageBox confirm(QMessageBox::Question, tr("Close the Goal Plan"),
                        tr("Close the plan “%1”?").arg(m_snapshot.plan->summary.header.title),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("closePlanConfirm"));
    confirm.setInformativeText(tr("A closed plan can be read, with its history and signatures, but no longer "
                                  "changed, signed or commented on. Start a new plan for the next period."));
    confirm.button(QMessageBox::Yes)->setText(tr("Close Plan"));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    const core::ActingUser user = m_user;
    const qint64 planId = m_snapshot.plan->summary.id;
    run(
        [user, planId](GovernedStore &store) -> Result<qint64> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            auto r = goals::GoalPlanService::close(store.database(), **audit, user, planId);
            return r ? Result<qint64>(planId) : Result<qint64>(r.error());
        },
        tr("The plan is closed: it can be read, no longer changed."));
}

void GoalsView::onExport()
{
    const QString path = FileDialogs::saveFile(this, tr("Export the Agreed Plan"), tr("PDF documents (*.pdf)"));
    if (!path.isEmpty())
        exportPdf(path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".pdf"));
}

void GoalsView::showMessage(const QString &text, bool problem)
{
    m_message->setText(problem ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

} // namespace pme::ui
