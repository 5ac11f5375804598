// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Logging.h"

Q_LOGGING_CATEGORY(lcStore, "pme.core.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "pme.core.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAnalytics, "pme.core.analytics", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGovernance, "pme.core.governance", QtWarningMsg)
