// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/ImportTask.h"

#include <QThread>

namespace pme::ui {

ImportTask::ImportTask(QObject *parent) : QObject(parent)
{
}

ImportTask::~ImportTask()
{
    if (m_thread) {
        cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

bool ImportTask::isRunning() const
{
    return m_thread != nullptr;
}

void ImportTask::start(ImportWorker::Job job)
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    auto *worker = new ImportWorker(std::move(job));
    worker->moveToThread(m_thread);
    m_worker = worker;
    connect(m_thread, &QThread::started, worker, &ImportWorker::run);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &ImportWorker::fileStarted, this, &ImportTask::fileStarted);
    connect(worker, &ImportWorker::progressed, this, &ImportTask::progressed);
    connect(worker, &ImportWorker::fileFinished, this, &ImportTask::fileFinished);
    connect(worker, &ImportWorker::failed, this, &ImportTask::failed);
    connect(worker, &ImportWorker::finished, this, &ImportTask::onWorkerFinished);
    m_thread->start();
}

void ImportTask::cancel()
{
    if (m_worker)
        m_worker->cancel();
}

void ImportTask::onWorkerFinished()
{
    QThread *thread = m_thread;
    m_thread = nullptr;
    thread->quit();
    thread->wait();
    thread->deleteLater();
    emit finished();
}

} // namespace pme::ui
