// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/LearnerRepository.h"

#include <QDialog>

class QComboBox;

namespace pme::ui {

/// Picks the learner a source's learner id belongs to.
class LinkIdentityDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkIdentityDialog)

public:
    LinkIdentityDialog(const QString &sourceCode, const QString &externalId, const QList<core::LearnerRow> &learners,
                       QWidget *parent = nullptr);

    QComboBox *learnerCombo() const { return m_learners; }
    /// The chosen learner's id; 0 when none.
    qint64 learnerId() const;

private:
    QComboBox *m_learners = nullptr;
};

} // namespace pme::ui
