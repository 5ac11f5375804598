// SPDX-FileCopyrightText: 2026 PME Coach contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "XapiReader.h"

#include "Logging.h"
#include "XapiJsonScanner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pme::core {

Result<XapiReader::Summary> XapiReader::readFile(const QString &path, const StatementHandler &handler) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorKind::Io,
                         tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    auto result = read(file, handler);
    if (!result && result.error().kind != ErrorKind::Cancelled) {
        return makeError(result.error().kind, tr("%1: %2").arg(QFileInfo(path).fileName(), result.error().message));
    }
    return result;
}

Result<XapiReader::Summary> XapiReader::read(QIODevice &device, const StatementHandler &handler) const
{
    XapiJsonScanner scanner(device);
    XapiValidator validator;
    Summary summary;
    const qint64 total = device.isSequential() ? 0 : device.size();
    if (m_progress)
        scanner.setProgressHandler([this, total](qint64 done) { m_progress(done, total); });

    const auto status = scanner.run([&](const XapiJsonScanner::Element &element) {
        XapiReadItem item{element.index, element.line, validator.validate(element.text)};
        ++summary.statements;
        if (item.statement())
            ++summary.valid;
        else
            ++summary.invalid;
        return handler(item);
    });

    switch (status) {
    case XapiJsonScanner::Status::Stopped:
        return makeError(ErrorKind::Cancelled, tr("Reading the xAPI statements was cancelled."));
    case XapiJsonScanner::Status::Failed:
        qCDebug(lcSync) << "xAPI read failed:" << scanner.errorMessage();
        return makeError(scanner.ioFailed() ? ErrorKind::Io : ErrorKind::BadInput,
                         tr("Not readable as xAPI statements. %1").arg(scanner.errorMessage()));
    case XapiJsonScanner::Status::Finished:
        break;
    }
    switch (scanner.layout()) {
    case XapiJsonScanner::Layout::JsonLines:
        summary.format = Format::JsonLines;
        break;
    case XapiJsonScanner::Layout::LrsResponse:
        summary.format = Format::LrsResponse;
        summary.more = scanner.more();
        break;
    case XapiJsonScanner::Layout::JsonArray:
    case XapiJsonScanner::Layout::Unknown:
        summary.format = Format::JsonArray;
        break;
    }
    return summary;
}

} // namespace pme::core
