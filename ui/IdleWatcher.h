// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace pme::ui {

/// Tells when nobody has touched the keyboard or mouse for a while: it watches the input
/// events of the whole application and emits idle() once the timeout passes without any.
class IdleWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleWatcher)

public:
    explicit IdleWatcher(std::chrono::milliseconds timeout, QObject *parent = nullptr);
    ~IdleWatcher() override;

    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timer.intervalAsDuration(); }
    /// Stops watching (while locked) or starts again from now.
    void setWatching(bool watching);
    bool isWatching() const { return m_watching; }

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    bool m_watching = true;
};

} // namespace pme::ui
