// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/Database.h"
#include "store/Statement.h"

namespace pme::core::test {

/// The first column of the first row of `sql` as an integer; -1 when there is no row.
inline qint64 scalar(Database &db, const char *sql)
{
    Statement st(db, sql);
    auto row = st.step();
    return row && *row ? st.columnInt64(0) : -1;
}

} // namespace pme::core::test
