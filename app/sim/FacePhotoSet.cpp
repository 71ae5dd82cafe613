#include "FacePhotoSet.h"

#include "face/detect/HaarFaceDetector.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace fd::sim {

namespace {

QByteArray toJpeg(const cv::Mat &image, int quality)
{
    std::vector<uchar> buf;
    cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

// A face crop the way cameras send them: the face with a margin, about 160 px wide.
QByteArray cropFace(const cv::Mat &scene, const QRect &face)
{
    const int margin = face.width() * 3 / 10;
    cv::Rect r(face.x() - margin, face.y() - margin, face.width() + 2 * margin, face.height() + 2 * margin);
    r &= cv::Rect(0, 0, scene.cols, scene.rows);
    cv::Mat crop = scene(r);
    const double scale = 160.0 / std::max(1, crop.cols);
    cv::Mat resized;
    cv::resize(crop, resized, cv::Size(160, std::max(2, int(crop.rows * scale) & ~1)), 0, 0, cv::INTER_AREA);
    return toJpeg(resized, 85);
}

} // namespace

QString identityOf(const QString &fileName)
{
    const QString base = QFileInfo(fileName).completeBaseName();
    const qsizetype us = base.lastIndexOf(u'_');
    return us > 0 ? base.left(us) : base;
}

QString displayName(const QString &identity)
{
    QStringList words = identity.split(u'_', Qt::SkipEmptyParts);
    for (QString &w : words)
        w[0] = w[0].toUpper();
    return words.join(u' ');
}

int FacePhotoSet::loadFolder(const QString &dir, const face::HaarFaceDetector &detector, QString *error)
{
    const QDir d(dir);
    const QStringList files = d.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png")},
                                          QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        if (error)
            *error = QStringLiteral("no photos in %1").arg(dir);
        return 0;
    }
    int loaded = 0;
    for (const QString &name : files) {
        QFile f(d.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
        const cv::Mat scene = cv::imdecode(raw, cv::IMREAD_COLOR);
        if (scene.empty())
            continue;
        const QList<QRect> faces = detector.detect(scene);
        if (faces.size() != 1)
            continue;
        SimPhoto p;
        p.identity = identityOf(name);
        p.fileName = name;
        p.scene = name.endsWith(QLatin1String(".png"), Qt::CaseInsensitive) ? toJpeg(scene, 90) : bytes;
        p.faceRect = faces.first();
        p.face = cropFace(scene, p.faceRect);
        m_photos.append(p);
        ++loaded;
    }
    if (loaded == 0 && error)
        *error = QStringLiteral("no photo in %1 shows exactly one detectable face").arg(dir);
    return loaded;
}

void FacePhotoSet::generate(int identities)
{
    static const char *const names[] = {"alice", "bruno", "chen", "dana", "emeka", "farah", "goran", "hana"};
    for (int i = 0; i < identities; ++i) {
        cv::Mat scene(480, 640, CV_8UC3, cv::Scalar(60 + 20 * i % 120, 90, 120));
        const cv::Point centre(320, 220);
        const cv::Scalar skin(140 + 10 * i % 60, 170, 210);
        cv::ellipse(scene, centre, cv::Size(80, 105), 0, 0, 360, skin, cv::FILLED);
        cv::circle(scene, centre + cv::Point(-30, -25), 10, cv::Scalar(40, 40, 40), cv::FILLED);
        cv::circle(scene, centre + cv::Point(30, -25), 10, cv::Scalar(40, 40, 40), cv::FILLED);
        cv::ellipse(scene, centre + cv::Point(0, 45), cv::Size(35, 12), 0, 0, 180, cv::Scalar(60, 60, 160), 4);
        SimPhoto p;
        p.identity = QString::fromLatin1(names[i % 8]) + (i >= 8 ? QString::number(i / 8) : QString());
        p.fileName = p.identity + QStringLiteral("_1.jpg");
        p.scene = toJpeg(scene, 90);
        p.faceRect = QRect(240, 115, 160, 210);
        p.face = cropFace(scene, p.faceRect);
        m_photos.append(p);
    }
}

QStringList FacePhotoSet::identities() const
{
    QStringList out;
    QSet<QString> seen;
    for (const SimPhoto &p : m_photos)
        if (!seen.contains(p.identity)) {
            seen.insert(p.identity);
            out.append(p.identity);
        }
    return out;
}

QList<float> FacePhotoSet::featureFor(const QString &identity, int dims, QRandomGenerator &rng) const
{
    QRandomGenerator base(qHash(identity, 0x5eed));
    QList<float> v(dims);
    double norm = 0;
    for (int i = 0; i < dims; ++i) {
        // Sum of uniforms: a cheap, deterministic near-Gaussian.
        const double g = base.generateDouble() + base.generateDouble() + base.generateDouble() - 1.5;
        const double noise = (rng.generateDouble() - 0.5) * 0.15;
        v[i] = float(g + noise);
        norm += double(v[i]) * v[i];
    }
    const float inv = float(1.0 / std::sqrt(std::max(norm, 1e-12)));
    for (float &x : v)
        x *= inv;
    return v;
}

} // namespace fd::sim
