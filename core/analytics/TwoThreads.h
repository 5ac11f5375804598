// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <thread>

namespace pme::core::analytics {

/// Runs `work` on the calling thread and, when `worthAThread`, on one more at the same time.
/// `work` shares its items out itself (an atomic counter of the next one).
template<typename Work>
void onTwoThreads(bool worthAThread, const Work &work)
{
    if (!worthAThread) {
        work();
        return;
    }
    std::thread helper(work);
    work();
    helper.join();
}

} // namespace pme::core::analytics
