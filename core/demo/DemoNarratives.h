// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/DemoModel.h"
#include "demo/DemoRandom.h"

#include <QByteArray>

#include <span>

namespace pme::core {

/// How a comment reads, from how far the resident stands above or below an on-track peer.
enum class DemoTone : quint8 { Strong, Solid, Developing, Concerning };

/// Supervisor comments assembled from templates tied to performance: praise when strong,
/// specific advice when developing, and concerning language ("had difficulty", "concerns
/// about patient safety", "was late") when struggling. Others get negated forms ("no concerns
/// about professionalism") so that a negation-aware lexicon has something to get right.
/// Comments contain commas, double quotes and line breaks, as real exports do.
class DemoNarratives final {
public:
    /// gap: latent level minus the on-track level, plus the assessor's own impression.
    static DemoTone tone(double gap);
    /// Appends one comment (UTF-8) to out.
    static void compose(QByteArray &out, DemoRandom &rng, DemoDomain domain, DemoTone tone, bool lapse);
    /// The concerning phrases the templates use, lower case (for tests and documentation).
    static std::span<const char *const> concerningPhrases();
};

} // namespace pme::core
