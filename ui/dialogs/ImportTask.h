// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialogs/ImportWorker.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace pme::ui {

/// Owns the thread an ImportWorker runs in, on the GUI side: start, cancel, and a clean stop
/// when the window goes away mid-sync (the sync is cancelled and waited for).
class ImportTask final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportTask)

public:
    explicit ImportTask(QObject *parent = nullptr);
    ~ImportTask() override;

    bool isRunning() const;
    void start(ImportWorker::Job job);
    void cancel();

signals:
    void fileStarted(int index);
    void progressed(int index, qint64 done, qint64 total);
    void fileFinished(int index, const pme::core::SyncReport &report);
    void failed(const QString &message);
    void finished();

private:
    void onWorkerFinished();

    QThread *m_thread = nullptr;
    QPointer<ImportWorker> m_worker;
};

} // namespace pme::ui
