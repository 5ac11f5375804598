// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/AboutDialog.h"

#include "Version.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace pme::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About PME Coach"));
    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setText(tr("<h2>PME Coach %1</h2>"
                     "<p>Precision medical education for coaches, learners and Clinical Competency "
                     "Committees: learner profiles synced from your programs' exports, competency "
                     "trajectories, explained risk flags and co-produced goal plans.</p>"
                     "<p>Built with Qt %2, SQLite, Eigen, libsodium and QCustomPlot.</p>"
                     "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
                      .arg(QString::fromLatin1(core::kVersion), QString::fromLatin1(qVersion())));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace pme::ui
