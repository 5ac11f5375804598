// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/BackgroundCheckpoint.h"

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pme::core {

namespace {

struct Running {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
};

/// The checkpoints started and not yet joined; joined at the latest when the process exits.
class Registry {
public:
    ~Registry() { waitForAll(); }

    void add(Database db)
    {
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::thread thread([db = std::move(db), done]() mutable {
            sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            db = Database();
            done->store(true);
        });
        const std::lock_guard lock(m_mutex);
        // The ones already done are joined now, so that the list stays short.
        std::erase_if(m_running, [](Running &r) {
            if (!r.done->load())
                return false;
            r.thread.join();
            return true;
        });
        m_running.push_back({std::move(thread), std::move(done)});
    }

    void waitForAll()
    {
        std::vector<Running> running;
        {
            const std::lock_guard lock(m_mutex);
            running.swap(m_running);
        }
        for (Running &r : running)
            r.thread.join();
    }

private:
    std::mutex m_mutex;
    std::vector<Running> m_running;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

} // namespace

void BackgroundCheckpoint::start(Database db)
{
    if (db.isOpen())
        registry().add(std::move(db));
}

void BackgroundCheckpoint::waitForAll()
{
    registry().waitForAll();
}

} // namespace pme::core
