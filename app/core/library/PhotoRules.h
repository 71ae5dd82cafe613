// What a face-library photo must satisfy before it goes to a device, and what to do
// with faces that are usable but poor. The defaults suit Jovision devices; a site can
// tighten them.
#pragma once

#include <QtGlobal>

namespace fd::library {

struct PhotoRules {
    // Face quality problems either stop the photo or only mark it for the admin.
    enum class Policy { Reject, Flag };

    // Larger photos are scaled down, aspect kept: a device computes its feature from
    // a small face crop, so pixels beyond this only cost transfer time and storage.
    int maxWidth = 1080;
    int maxHeight = 1080;
    // Devices refuse big uploads (100008); recompress, then scale down, to fit.
    qint64 maxBytes = 200 * 1024;
    // Quality of every JPEG we write, and the lowest we go before scaling down instead.
    int jpegQuality = 90;
    int minJpegQuality = 60;
    // Devices may decode only baseline JPEG (the spec is silent; embedded decoders
    // often lack progressive support), so other JPEG processes are re-encoded.
    bool baselineOnly = true;
    // A photo smaller than this on either side is refused outright.
    int minSide = 80;
    // A face narrower than this gives a device too little to compute a feature from.
    int minFaceSide = 40;
    // Variance of the Laplacian on the face scaled to 128x128 (PhotoValidator::sharpness),
    // measured on the converted photos: the 13 one-face photos in ../shared/faces give
    // 130-1334; the same blurred with a Gaussian of sigma 1 % of the face width give
    // 17-57 (alex_lacamoire_1 then shows two faces and is refused anyway; at 0.75 %:
    // 29-112, at 0.5 %: 57-244). 80 lies between sharp and blurred with margins of
    // 1.6x and 1.4x.
    double minSharpness = 80.0;
    // How far the face may be turned to the side: the nose tip's distance from the
    // line through the eyes' midpoint and the mouth, over the eye distance (from the
    // CNN's landmarks; 0 frontal, about 0.5 at 45 degrees). The shared photos, all
    // usable, give 0.01-0.20; 0.35 is about 30 degrees, where recognition on a
    // device's frontal crop starts to suffer.
    double maxYawRatio = 0.35;
    // How much of the face's box (CNN) may lie outside the photo, as a fraction of its
    // width or height: a face cut by the edge gives a device half a face to learn.
    // edge_partial_face.jpg has 12 %; the whole faces of the shared set 0 %.
    double maxFaceOutside = 0.05;
    Policy smallFace = Policy::Reject;
    Policy turnedFace = Policy::Reject;
    Policy blurredFace = Policy::Flag;
};

} // namespace fd::library
