// Decoding image bytes FaceDesk did not make (a device's, an archived file, a photo an
// admin picked) never beyond a budget: the byte size and the size the header declares
// are checked before a decoder sees the bytes, so an image that slipped through costs a
// refusal, never the desk's memory. Widgets read through ui/BoundedImage, which asks
// decodeProblem() the same question before Qt's reader runs.
#pragma once

#include "ImageBudget.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace fd::image {

Q_DECLARE_LOGGING_CATEGORY(lcImage)

// Empty when the bytes may be decoded within the budget: a size read from a JPEG,
// PNG or BMP header, and neither it nor the byte count over budget. Else why not,
// in plain English.
QString decodeProblem(const QByteArray &bytes, const ImageBudget &budget = {});

// cv::imdecode(bytes, flags) once decodeProblem() allows it. Empty when refused
// (logged, *problem the reason) or not decodable (*problem empty). Never throws.
cv::Mat decodeWithinBudget(const QByteArray &bytes, int flags, QString *problem = nullptr, const ImageBudget &budget = {});

// A file's bytes when it holds no more than the budget's bytes; empty with *problem
// otherwise. A file that is not there is first asked of the missing-file source.
QByteArray readImageFile(const QString &path, QString *problem = nullptr, const ImageBudget &budget = {});

// Where an image file that is not there may still come from: on a site's PostgreSQL,
// store::ImageCache fetches it from the database into the desk's cache (#12). Set
// once, at start, by the layer that knows (this library sits below the archive); it
// returns whether the file is there now, with *problem its reason when not.
using MissingFileSource = bool (*)(const QString &path, QString *problem);
void setMissingFileSource(MissingFileSource source);

} // namespace fd::image
