// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"
#include "ccc/MeetingReport.h"

#include <QCoreApplication>

namespace pme::ui::reports {

/// The committee's PDF documents, drawn with QPainter on a QPdfWriter (A4): needs a
/// QGuiApplication (the offscreen platform will do).
class MeetingPdf final {
    Q_DECLARE_TR_FUNCTIONS(pme::ui::reports::MeetingPdf)

public:
    /// A cover page (the meeting, its members, every resident's judgement at a glance), then
    /// one page per resident: the judgement and its rationale, a trajectory chart per
    /// subcompetency titled with the committee's level and the proposal, the overrides with
    /// their rationale, the actions and the note.
    static core::Result<void> writeMeetingReport(const core::ccc::MeetingReport &report, const QString &fileName);
    /// The resident's own one-page summary to share with them: their levels with the charts,
    /// the committee's judgement and rationale, and the agreed actions.
    static core::Result<void> writeResidentSummary(const core::ccc::MeetingReport &report, qint64 learnerId,
                                                   const QString &fileName);
};

} // namespace pme::ui::reports
