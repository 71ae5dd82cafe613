#include "PhotoFile.h"

#include "LibraryText.h"
#include "protocol/ErrorCodes.h"

#include <QFile>

namespace fd::library {

QString mebibytes(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QByteArray readPhotoFile(const QString &path, const QString &label, qint64 maxBytes, QString *error, int *errorCode)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *errorCode = protocol::code::FileOpenFailed;
        *error = f.exists() ? LibraryText::tr("%1 cannot be read: %2").arg(label, f.errorString())
                            : LibraryText::tr("%1 does not exist.").arg(label);
        return {};
    }
    // The size on disk can change while we read, so the read itself is bounded too.
    if (f.size() > maxBytes) {
        *errorCode = protocol::code::FileTooBig;
        *error = LibraryText::tr("%1 is %2; photos larger than %3 are not read.")
                     .arg(label, mebibytes(f.size()), mebibytes(maxBytes));
        return {};
    }
    QByteArray bytes = f.read(maxBytes + 1);
    if (bytes.size() > maxBytes) {
        *errorCode = protocol::code::FileTooBig;
        *error = LibraryText::tr("%1 is larger than %2; it is not read.").arg(label, mebibytes(maxBytes));
        return {};
    }
    if (f.error() != QFileDevice::NoError) {
        *errorCode = protocol::code::FileOpenFailed;
        *error = LibraryText::tr("%1 cannot be read: %2").arg(label, f.errorString());
        return {};
    }
    return bytes;
}

} // namespace fd::library
