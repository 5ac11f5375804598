// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ccc/CccTypes.h"

#include <QJsonObject>

namespace pme::core::ccc {

/// A resident packet as JSON (`pmecoach-cli ccc packet`): the same content the committee
/// reads on screen, trajectories as their points and curve grid.
class PacketJson final {
public:
    static QJsonObject toJson(const ResidentPacket &packet);
};

} // namespace pme::core::ccc
