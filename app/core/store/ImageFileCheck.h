// The start-up check of `facedesk serve --full-sync`: every event image is read and
// compared with the hash its name holds. A power cut can leave a file with its full
// size and the wrong content (the size was written, the blocks were not); nothing
// short of reading it tells. A damaged file is renamed aside (NAME.damaged, kept for
// whoever investigates), so the next push of the same image writes it again and the
// viewers say "damaged" instead of showing grey noise. Reading is sequential at disk
// speed: about 10 s per GB on a SATA SSD, so it runs on its own thread.
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>

namespace fd::store {

struct ImageFileCheckResult {
    qint64 checked = 0;
    QStringList damaged;  // relative paths, renamed to PATH.damaged
};

// Walks root (the archive's images folder). stop, when set, ends the walk early.
ImageFileCheckResult checkImageFiles(const QString &root, const std::atomic_bool *stop = nullptr);

} // namespace fd::store
