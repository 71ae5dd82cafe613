// Reading a photo file for validation, never more than a limit: a folder may hold a
// 4 GB video named .jpg.
#pragma once

#include <QByteArray>
#include <QString>

namespace fd::library {

// The file's bytes; empty with *error (translated) and *errorCode (FileOpenFailed,
// FileTooBig) when it cannot be read or holds more than maxBytes.
QByteArray readPhotoFile(const QString &path, const QString &label, qint64 maxBytes, QString *error, int *errorCode);

// "12.3 MiB": sizes in messages.
QString mebibytes(qint64 bytes);

} // namespace fd::library
