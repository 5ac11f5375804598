// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the xAPI reader tests share: the specification's examples, a statement's parts, and
// reading bytes through XapiReader into a list.
#pragma once

#include "sync/XapiReader.h"

#include <QBuffer>
#include <QFile>
#include <QString>

namespace pme::core::test {

inline const QString s_examplesDir = QStringLiteral(PME_SHARED_TESTDATA "/xapi/adl-xapi-spec-examples");

inline const QByteArray s_agent = R"({"objectType":"Agent","name":"Ada","mbox":"mailto:ada@example.org"})";
inline const QByteArray s_verb = R"({"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}})";

struct ReadRun {
    QList<XapiReadItem> items;
    bool ok = false;
    XapiReader::Summary summary;
    Error error;
};

inline ReadRun readBytes(const QByteArray &data, int stopAfter = -1)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    ReadRun run;
    const auto result = XapiReader().read(buffer, [&](const XapiReadItem &item) {
        run.items.append(item);
        return stopAfter < 0 || run.items.size() < stopAfter;
    });
    run.ok = result.ok();
    if (result)
        run.summary = result.value();
    else
        run.error = result.error();
    return run;
}

inline QString firstIssue(const XapiReadItem &item)
{
    const auto *issues = item.issues();
    return issues && !issues->isEmpty() ? issues->first().path + QStringLiteral(": ") + issues->first().message
                                        : QString();
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace pme::core::test
