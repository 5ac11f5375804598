// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QSpinBox;

namespace pme::ui {

/// The Settings page's control for the idle lock: whole minutes, stored in
/// Settings::idleLockSeconds, applied at once.
class IdleLockEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleLockEditor)

public:
    static constexpr int kMaxMinutes = 240;

    explicit IdleLockEditor(QWidget *parent = nullptr);

signals:
    void timeoutChanged(int seconds);

private:
    void onMinutesChanged(int minutes);

    QSpinBox *m_minutes = nullptr;
};

} // namespace pme::ui
