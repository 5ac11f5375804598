// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <array>
#include <cmath>
#include <span>

namespace pme::core {

/// The demo generator's random numbers: xoshiro256** seeded through splitmix64, with
/// uniforms and normals computed here. The standard library's distributions differ between
/// implementations, and the demo files must be byte-identical for a seed wherever they are
/// made; only std::log and std::sqrt are used (the polar form of Box–Muller needs no sin/cos).
class DemoRandom final {
public:
    explicit DemoRandom(quint64 seed)
    {
        quint64 s = seed;
        for (quint64 &word : m_state)
            word = splitmix64(s);
    }

    /// A seed for an independent stream, e.g. one learner's: mixing keeps nearby keys apart.
    static quint64 derive(quint64 seed, quint64 key, quint64 stream = 0)
    {
        quint64 s = seed ^ (key * 0x9E3779B97F4A7C15ULL) ^ (stream * 0xD1B54A32D192ED03ULL);
        splitmix64(s);
        return splitmix64(s);
    }

    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer in [0, n); the bias of the multiply is far below anything the demo shows.
    int below(int n) { return n <= 0 ? 0 : static_cast<int>(uniform() * n); }
    int between(int low, int high) { return low + below(high - low + 1); }
    bool chance(double p) { return uniform() < p; }

    /// Standard normal (Marsaglia's polar method); the spare value is kept for the next call.
    double normal()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u = 0;
        double v = 0;
        double s = 0;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double factor = std::sqrt(-2 * std::log(s) / s);
        m_spare = v * factor;
        m_hasSpare = true;
        return u * factor;
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

    /// An index drawn with the given (not necessarily normalised) weights.
    int weighted(std::span<const double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            x -= weights[i];
            if (x < 0)
                return static_cast<int>(i);
        }
        return static_cast<int>(weights.size()) - 1;
    }

    static quint64 splitmix64(quint64 &state)
    {
        quint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<quint64, 4> m_state{};
    double m_spare = 0;
    bool m_hasSpare = false;
};

} // namespace pme::core
