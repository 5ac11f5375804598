// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

namespace pme::ui {

/// The workspace's colours: Okabe & Ito's palette, distinguishable with the common colour
/// vision deficiencies. Colour never carries meaning alone: shapes, symbols and words do too.
namespace Palette {
inline QColor primary()
{
    return QColor(0x00, 0x72, 0xB2);
} // blue
inline QColor secondary()
{
    return QColor(0xE6, 0x9F, 0x00);
} // orange
inline QColor tertiary()
{
    return QColor(0x00, 0x9E, 0x73);
} // bluish green
inline QColor accent()
{
    return QColor(0xCC, 0x79, 0xA7);
} // reddish purple
inline QColor warning()
{
    return QColor(0xD5, 0x5E, 0x00);
} // vermillion
inline QColor sky()
{
    return QColor(0x56, 0xB4, 0xE9);
} // sky blue
inline QColor neutral()
{
    return QColor(0x66, 0x66, 0x66);
}
/// Point colours by instrument, in order of first use.
inline QColor series(int i)
{
    static const QColor colours[] = {primary(), secondary(), tertiary(), accent(), sky(), warning()};
    return colours[i % 6];
}
} // namespace Palette

} // namespace pme::ui
