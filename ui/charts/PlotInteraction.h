// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QCustomPlot;
class QPoint;

namespace pme::ui {

/// What every workspace plot does the same way, in one place: drag to pan, wheel to zoom,
/// double-click to reset, a context menu with Reset View and Export as PNG or PDF, and a
/// tooltip for the point under the mouse (asked of the plot through `describe`).
class PlotInteraction final {
    Q_DECLARE_TR_FUNCTIONS(pme::ui::PlotInteraction)

public:
    /// Text for the point nearest to a widget position, empty when there is none close.
    using Describe = std::function<QString(const QPoint &position)>;
    using Reset = std::function<void()>;

    static void install(QCustomPlot *plot, Reset reset, Describe describe);
    /// Writes the plot as PNG or PDF (by the file's suffix); false when it could not be written.
    static bool exportTo(QCustomPlot *plot, const QString &path);
    /// Asks for a file (FileDialogs) and exports.
    static void exportWithDialog(QCustomPlot *plot, const QString &suggestedName);
};

} // namespace pme::ui
