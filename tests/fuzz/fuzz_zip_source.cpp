// The ZIP source (library/ZipSource over QuaZip): bytes as an imported archive, its
// directory listed, its CSV (if one) read into rows, and every row's photo read with
// a small limit, as an import does.
#include "FuzzTarget.h"

#include "library/ZipSource.h"

#include <QTemporaryFile>

using namespace fd::library;

FACEDESK_FUZZ_TARGET(zip_source)
{
    // QuaZip reads a file: the input goes to a temporary one (run.sh points TMPDIR
    // at the build folder).
    QTemporaryFile file;
    if (!file.open() || file.write(data.data(), data.size()) != data.size() || !file.flush())
        std::abort();
    ZipSource source(file.fileName());
    source.setMaxPhotoBytes(256 * 1024);
    QString error;
    if (!source.open(&error)) {
        fuzzCheck(!error.isEmpty());
        return;
    }
    (void)source.csvEntry();
    (void)source.reading();
    const QList<ImportItem> items = source.items();
    for (const ImportItem &item : items) {
        (void)ZipSource::hostileNameReason(item.sourceLabel);
        if (!item.problem.isEmpty() || item.photo.isEmpty())
            continue;
        QString why;
        int code = 0;
        const QByteArray photo = source.readPhoto(item, &why, &code);
        fuzzCheck(photo.size() <= source.maxPhotoBytes());
        if (photo.isEmpty())
            fuzzCheck(!why.isEmpty() || code == 0);
    }
}
