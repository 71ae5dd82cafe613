// The door for the images a device pushes (img_data, img_fr): a JPEG by its structure,
// read and never decoded, that ends where it should and is a plausible face or scene
// picture: within the pixel budget, and with enough coded data for the size it
// declares. What fails is refused with the protocol's image error and never stored,
// so the archive holds nothing that a later decode would choke on.
#pragma once

#include "ImageBudget.h"

#include <QByteArray>
#include <QString>

namespace fd::image {

// Coded data a real picture cannot do without: one byte per 4096 pixels. Huffman
// coding spends at least one bit on every 8x8 block of luma (a DC difference and an
// end-of-block), one byte per 512 pixels; even a flat grey frame needs that, so the
// floor is eight times under anything a camera writes. A frame of 65535x65535
// carried by 64 bytes is a decompression bomb, not a picture.
constexpr qint64 kMinPixelsPerScanByte = 4096;

// Empty for a JPEG a push may carry; else why not, in plain English ("the JPEG ends
// before its end-of-image marker").
QString pushedJpegProblem(const QByteArray &bytes, const ImageBudget &budget = {});

} // namespace fd::image
