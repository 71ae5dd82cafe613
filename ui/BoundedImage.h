// Widgets' reading of images FaceDesk did not make (archived faces and scenes, library
// photos, thumbnails) within the decode budget: the size the header declares is
// checked (image/BoundedDecode) before Qt's reader sees the bytes, and the reader's
// allocation limit stands behind it. A refusal is logged and costs a null image,
// never the desk's memory.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace fd::ui {

// `fitInto`, when valid, asks the reader for at most that size, aspect kept (a JPEG
// then decodes smaller straight from its DCT). Null with *problem when refused or
// not decodable.
QImage readBoundedImage(const QByteArray &bytes, const QSize &fitInto = {}, QString *problem = nullptr);
QImage readBoundedImageFile(const QString &path, const QSize &fitInto = {}, QString *problem = nullptr);

} // namespace fd::ui
