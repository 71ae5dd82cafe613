// What a file is, from its first bytes: file names and extensions lie (a PNG saved
// as .jpg, a PDF "photo"), magic numbers rarely do.
#pragma once

#include <QByteArray>
#include <QString>

namespace fd::image {

enum class ImageFormat { Jpeg, Png, Bmp, Gif, Pdf, Tiff, Webp, Heif, Text, Empty, Unknown };

ImageFormat sniffImageFormat(const QByteArray &bytes);
// The formats PhotoValidator decodes; everything else is refused as 100017.
bool isSupportedFormat(ImageFormat format);
// A short untranslated name for messages and logs: "JPEG", "PDF", "text".
QString formatName(ImageFormat format);

} // namespace fd::image
