// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/DemoModel.h"
#include "demo/DemoRecords.h"
#include "demo/DemoTextFile.h"

namespace pme::core {

/// Writes truth.json: the configuration, the assessors' leniency and, for each learner, the
/// latent class, ability and growth curves beside what the records showed. Written by hand,
/// one learner at a time, so that memory stays flat and numbers have a fixed format.
class DemoTruthWriter final {
public:
    DemoTruthWriter(DemoTextFile &file, const DemoCohortConfig &config) : m_file(file), m_config(config) { }

    void begin(const QList<DemoAssessor> &assessors);
    void learner(const DemoLearner &learner, const DemoLearnerRecords &records);
    void end();

private:
    DemoTextFile &m_file;
    const DemoCohortConfig &m_config;
    bool m_firstLearner = true;
};

} // namespace pme::core
