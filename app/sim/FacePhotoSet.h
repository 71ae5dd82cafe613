// The photos a simulated device "sees": real photos from --faces DIR (a face crop
// for img_data, the whole photo for img_fr) or, without a folder, drawn ones. Each
// identity (the file name before its last '_') has a fixed feature vector, so the
// same person yields similar face_feature values event after event.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QString>

class QRandomGenerator;

namespace fd::face { class HaarFaceDetector; }

namespace fd::sim {

// A photo file's identity: its name before the last '_' ("obama" for obama_2.jpg).
QString identityOf(const QString &fileName);
// The person's name for an identity ("rose_leslie" -> "Rose Leslie"): what the demo's
// library calls them and what a simulated device's match names.
QString displayName(const QString &identity);

struct SimPhoto {
    QString identity;   // "obama" for obama_2.jpg
    QString fileName;
    QByteArray scene;   // JPEG of the whole photo: img_fr
    QByteArray face;    // JPEG of the face crop: img_data
    QRect faceRect;     // where the face is in the scene
};

class FacePhotoSet {
public:
    // Photos with no single detectable face are skipped (a device would not push them).
    int loadFolder(const QString &dir, const face::HaarFaceDetector &detector, QString *error);
    // Drawn stand-ins, for a machine without ../shared/faces.
    void generate(int identities);

    bool isEmpty() const { return m_photos.isEmpty(); }
    const QList<SimPhoto> &photos() const { return m_photos; }
    QStringList identities() const;

    // The identity's own unit vector plus a little noise, dims in 128..512.
    QList<float> featureFor(const QString &identity, int dims, QRandomGenerator &rng) const;

private:
    QList<SimPhoto> m_photos;
};

} // namespace fd::sim
