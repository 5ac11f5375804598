// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MeetingView: preparing and closing meetings, and writing the reports.
#include "views/MeetingView.h"

#include "FileDialogs.h"
#include "WorkspaceWorker.h"
#include "ccc/MeetingService.h"
#include "dialogs/PrepareMeetingDialog.h"
#include "governance/AuditLog.h"
#include "reports/MeetingPdf.h"
#include "views/DecisionEditor.h"
#include "views/PacketPanel.h"

#include <QInputDialog>
#include <QSaveFile>

namespace pme::ui {

using namespace core::ccc;

void MeetingView::onPrepare()
{
    const core::ActingUser user = m_user;
    m_worker.run<QList<PrepareMeetingDialog::ProgramChoice>>(
        this, [user](core::GovernedStore &store) { return PrepareMeetingDialog::loadChoices(store.database(), user); },
        [this](const core::Result<QList<PrepareMeetingDialog::ProgramChoice>> &choices) {
            if (!choices) {
                setMessage(choices.error().message);
                return;
            }
            PrepareMeetingDialog dialog(*choices, m_user, this);
            if (dialog.exec() != QDialog::Accepted)
                return;
            const MeetingDraft draft = dialog.draft();
            const core::ActingUser actor = m_user;
            m_worker.run<qint64>(
                this,
                [actor, draft](core::GovernedStore &store) -> core::Result<qint64> {
                    auto audit = store.audit();
                    if (!audit)
                        return audit.error();
                    return MeetingService::prepare(store.database(), **audit, actor, draft);
                },
                [this](const core::Result<qint64> &id) {
                    if (!id) {
                        setMessage(id.error().message);
                        return;
                    }
                    setMessage(tr("Meeting prepared; its agenda is ordered by need."));
                    reload(*id);
                });
        });
}

void MeetingView::onClose()
{
    if (!m_meeting.id || m_meeting.isClosed())
        return;
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(this, tr("Close Meeting"),
                                                        tr("The meeting note (who was absent, what was agreed in "
                                                           "general). No decisions are recorded after closing."),
                                                        m_meeting.note, &ok);
    if (!ok)
        return;
    const core::ActingUser user = m_user;
    const qint64 meetingId = m_meeting.id;
    m_worker.run<void>(
        this,
        [user, meetingId, note](core::GovernedStore &store) -> core::Result<void> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return MeetingService::close(store.database(), **audit, user, meetingId, note);
        },
        [this, meetingId](const core::Result<void> &result) {
            setMessage(result ? tr("Meeting closed.") : result.error().message);
            m_residentId = 0;
            reload(meetingId);
        });
}

void MeetingView::exportReport(const QString &kind)
{
    if (!m_meeting.id)
        return;
    const bool csv = kind == QLatin1String("levels_csv");
    const bool summary = kind == QLatin1String("resident_summary");
    if (summary && !m_residentId)
        return;
    const QString file = FileDialogs::saveFile(this, csv ? tr("Export Levels") : tr("Export Report"),
                                               csv ? tr("CSV files (*.csv)") : tr("PDF files (*.pdf)"));
    if (file.isEmpty())
        return;
    const core::ActingUser user = m_user;
    const qint64 meetingId = m_meeting.id;
    const std::optional<qint64> learner = summary ? std::optional<qint64>(m_residentId) : std::nullopt;
    setMessage(tr("Writing %1…").arg(file));
    m_worker.run<MeetingReport>(
        this,
        [user, meetingId, learner, csv](core::GovernedStore &store) -> core::Result<MeetingReport> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return MeetingReportBuilder::build(store.database(), **audit, user, meetingId, !csv, learner);
        },
        [this, kind, file](const core::Result<MeetingReport> &report) {
            if (!report) {
                setMessage(report.error().message);
                return;
            }
            writeExport(kind, file, *report);
        });
}

void MeetingView::writeExport(const QString &kind, const QString &file, const MeetingReport &report)
{
    core::Result<void> written;
    if (kind == QLatin1String("levels_csv")) {
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(MeetingReportBuilder::levelsCsv(report)) < 0 || !out.commit())
            written = core::makeError(core::ErrorKind::Io, tr("%1 could not be written.").arg(file));
    } else if (kind == QLatin1String("resident_summary")) {
        written = reports::MeetingPdf::writeResidentSummary(report, report.residents.first().item.learnerId, file);
    } else {
        written = reports::MeetingPdf::writeMeetingReport(report, file);
    }
    if (!written) {
        setMessage(written.error().message);
        return;
    }
    const core::ActingUser user = m_user;
    m_worker.run<void>(
        this,
        [user, report, kind, file](core::GovernedStore &store) -> core::Result<void> {
            auto audit = store.audit();
            if (!audit)
                return audit.error();
            return MeetingReportBuilder::recordExport(store.database(), **audit, user, report, kind, file);
        },
        [this, file](const core::Result<void> &recorded) {
            setMessage(recorded ? tr("Wrote %1.").arg(file) : recorded.error().message);
        });
}

} // namespace pme::ui
