// Builds the import benchmark's photo set: the photos of ../shared/faces augmented
// into many (default 10,000) different files, in a folder outside the checkout.
//
//   make_import_set --faces ../shared/faces --out /tmp/facedesk-import-set [--count 10000] [--seed 1]
//
// Each file is one source photo cropped (0-8 % a side), scaled (35-100 %, never below
// 200 px), with brightness and contrast changed (±25 levels, ±15 %), and saved as
// JPEG at quality 55-95 (every tenth progressive) or, every fortieth, as PNG. Names
// follow the import's default pattern {name}_{card}: "obama_1_17.jpg" is "obama_1",
// card 17. The same seed gives the same files. Photos never go into the repository:
// an --out inside the checkout is refused.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTextStream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Augments face photos into an import benchmark set."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("faces"), QStringLiteral("Folder of source photos."), QStringLiteral("DIR"),
         QStringLiteral(FACEDESK_SOURCE_DIR "/../shared/faces")},
        {QStringLiteral("out"), QStringLiteral("Folder to fill (created; outside the checkout)."), QStringLiteral("DIR"),
         QStringLiteral("/tmp/facedesk-import-set")},
        {QStringLiteral("count"), QStringLiteral("Number of photos."), QStringLiteral("N"), QStringLiteral("10000")},
        {QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("N"), QStringLiteral("1")},
    });
    p.process(app);
    const QString out = QFileInfo(p.value(QStringLiteral("out"))).absoluteFilePath();
    const QString repo = QFileInfo(QStringLiteral(FACEDESK_SOURCE_DIR)).canonicalFilePath();
    if ((out + u'/').startsWith(repo + u'/')) {
        err << "make_import_set: " << out << " is inside the checkout; photos stay out of the repository" << Qt::endl;
        return 2;
    }
    const int count = p.value(QStringLiteral("count")).toInt();
    const quint32 seed = p.value(QStringLiteral("seed")).toUInt();
    const QDir faces(p.value(QStringLiteral("faces")));
    std::vector<std::pair<QString, cv::Mat>> sources;
    for (const QString &name : faces.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.png")}, QDir::Files, QDir::Name)) {
        cv::Mat image = cv::imread(faces.filePath(name).toStdString(), cv::IMREAD_COLOR);
        if (!image.empty())
            sources.emplace_back(QFileInfo(name).completeBaseName(), image);
    }
    if (sources.empty() || count <= 0 || !QDir().mkpath(out)) {
        err << "make_import_set: no photos in " << faces.path() << ", or cannot create " << out << Qt::endl;
        return 2;
    }
    for (int i = 0; i < count; ++i) {
        QRandomGenerator rng(seed * 1000003u + quint32(i));
        const auto uniform = [&rng](double lo, double hi) { return lo + (hi - lo) * rng.generateDouble(); };
        const auto &[base, source] = sources[size_t(i) % sources.size()];
        const int l = int(source.cols * uniform(0, 0.08)), r = int(source.cols * uniform(0, 0.08));
        const int t = int(source.rows * uniform(0, 0.08)), b = int(source.rows * uniform(0, 0.08));
        cv::Mat image = source(cv::Rect(l, t, source.cols - l - r, source.rows - t - b));
        const double smallest = 200.0 / std::min(image.cols, image.rows);
        const double scale = std::clamp(uniform(0.35, 1.0), std::min(1.0, smallest), 1.0);
        cv::Mat scaled;
        cv::resize(image, scaled, cv::Size(), scale, scale, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
        scaled.convertTo(scaled, -1, uniform(0.85, 1.15), uniform(-25, 25));
        const bool png = i % 40 == 7;
        const QString file = QStringLiteral("%1/%2_%3.%4").arg(out, base).arg(i + 1).arg(png ? QStringLiteral("png") : QStringLiteral("jpg"));
        std::vector<int> params;
        if (!png)
            params = {cv::IMWRITE_JPEG_QUALITY, int(uniform(55, 95)), cv::IMWRITE_JPEG_PROGRESSIVE, i % 10 == 3 ? 1 : 0};
        if (!cv::imwrite(file.toStdString(), scaled, params)) {
            err << "make_import_set: cannot write " << file << Qt::endl;
            return 1;
        }
        if ((i + 1) % 1000 == 0)
            err << "make_import_set: " << i + 1 << '/' << count << Qt::endl;
    }
    QTextStream(stdout) << count << " photos in " << out << Qt::endl;
    return 0;
}
