// An image's format and size from its header alone, for the formats FaceDesk decodes
// (JPEG, PNG, BMP): what a decoder would be asked to allocate, known before it is
// asked. Other formats have no size here, so nothing decodes them.
#pragma once

#include "ImageFormat.h"

#include <QByteArray>
#include <QString>

namespace fd::image {

struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    qint64 width = 0;
    qint64 height = 0;
    QString declaredBy;  // "the frame header", "the PNG header": for sizeProblem()
    QString problem;     // why no size could be read; empty when width and height are the header's
};

ImageHeader readImageHeader(const QByteArray &bytes);

} // namespace fd::image
