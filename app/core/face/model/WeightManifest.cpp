#include "WeightManifest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstring>

namespace fd::face {

namespace {

// The largest model of the package is 6.4 MB; 64 MB leaves room for newer ones
// and keeps a hostile manifest from making FaceDesk read a disk image.
constexpr qint64 kMaxShardBytes = 64 * 1024 * 1024;
constexpr qint64 kMaxManifestBytes = 1024 * 1024;
constexpr qint64 kMaxTensorValues = 64 * 1024 * 1024;

QString text(const char *sentence)
{
    return QCoreApplication::translate("FaceModels", sentence);
}

// A shard name the manifest may use: a plain file name, nothing that leaves the folder.
bool isPlainFileName(const QString &name)
{
    return !name.isEmpty() && name.size() <= 255 && !name.contains(u'/') && !name.contains(u'\\')
           && name != QLatin1String(".") && name != QLatin1String("..") && !name.contains(QChar(0));
}

struct Spec {
    QString name;
    QVector<int> shape;
    QString dtype;       // of the stored bytes: float32, int32, uint8, uint16
    double min = 0;
    double scale = 1;
    qint64 count = 0;
};

int bytesPer(const QString &dtype)
{
    if (dtype == QLatin1String("uint8"))
        return 1;
    if (dtype == QLatin1String("uint16"))
        return 2;
    if (dtype == QLatin1String("float32") || dtype == QLatin1String("int32"))
        return 4;
    return 0;
}

// One weight entry of a group, or an error sentence.
QString readSpec(const QJsonObject &o, Spec *spec)
{
    spec->name = o.value(QLatin1String("name")).toString();
    if (spec->name.isEmpty())
        return text("a weight has no name");
    const QJsonArray shape = o.value(QLatin1String("shape")).toArray();
    spec->count = 1;
    for (const QJsonValue &d : shape) {
        const double v = d.toDouble(-1);
        if (!(v >= 1 && v <= 1 << 20) || v != std::floor(v))
            return text("weight %1 has a bad shape").arg(spec->name);
        spec->shape.append(int(v));
        spec->count *= qint64(v);
        if (spec->count > kMaxTensorValues)
            return text("weight %1 is too large").arg(spec->name);
    }
    spec->dtype = o.value(QLatin1String("dtype")).toString();
    const QJsonObject q = o.value(QLatin1String("quantization")).toObject();
    if (!q.isEmpty()) {
        spec->dtype = q.value(QLatin1String("dtype")).toString();
        spec->min = q.value(QLatin1String("min")).toDouble(NAN);
        spec->scale = q.value(QLatin1String("scale")).toDouble(NAN);
        if (!std::isfinite(spec->min) || !std::isfinite(spec->scale))
            return text("weight %1 has no quantisation min and scale").arg(spec->name);
        if (spec->dtype != QLatin1String("uint8") && spec->dtype != QLatin1String("uint16"))
            return text("weight %1 is quantised as %2, which FaceDesk does not read").arg(spec->name, spec->dtype);
    } else if (spec->dtype != QLatin1String("float32") && spec->dtype != QLatin1String("int32")) {
        return text("weight %1 has the type %2, which FaceDesk does not read").arg(spec->name, spec->dtype);
    }
    return {};
}

Tensor decode(const Spec &spec, const char *bytes)
{
    Tensor t;
    t.shape = spec.shape;
    t.values.resize(spec.count);
    float *out = t.values.data();
    const auto *u8 = reinterpret_cast<const unsigned char *>(bytes);
    if (spec.dtype == QLatin1String("uint8")) {
        for (qint64 i = 0; i < spec.count; ++i)
            out[i] = float(spec.min + spec.scale * u8[i]);
    } else if (spec.dtype == QLatin1String("uint16")) {
        for (qint64 i = 0; i < spec.count; ++i)
            out[i] = float(spec.min + spec.scale * (u8[2 * i] | (u8[2 * i + 1] << 8)));
    } else if (spec.dtype == QLatin1String("float32")) {
        std::memcpy(out, bytes, size_t(spec.count) * 4);
    } else {  // int32, little-endian like every machine FaceDesk runs on
        for (qint64 i = 0; i < spec.count; ++i) {
            qint32 v;
            std::memcpy(&v, bytes + 4 * i, 4);
            out[i] = float(v);
        }
    }
    return t;
}

} // namespace

WeightManifest WeightManifest::parse(const QByteArray &manifestJson, const QHash<QString, QByteArray> &shards,
                                     const QString &manifestName)
{
    WeightManifest m;
    auto fail = [&](const QString &why) {
        m.m_tensors.clear();
        m.m_error = text("%1: %2.").arg(manifestName, why);
        return m;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(manifestJson, &parseError);
    if (!doc.isArray())
        return fail(text("not a weights manifest (%1)").arg(parseError.errorString()));
    for (const QJsonValue &groupValue : doc.array()) {
        const QJsonObject group = groupValue.toObject();
        QByteArray data;
        for (const QJsonValue &p : group.value(QLatin1String("paths")).toArray()) {
            const QString file = p.toString();
            if (!isPlainFileName(file))
                return fail(text("the shard name \"%1\" is not a plain file name").arg(file.left(80)));
            if (!shards.contains(file))
                return fail(text("the shard %1 is missing").arg(file));
            m.m_shards.append(file);
            data += shards.value(file);
        }
        qint64 offset = 0;
        for (const QJsonValue &w : group.value(QLatin1String("weights")).toArray()) {
            Spec spec;
            const QString why = readSpec(w.toObject(), &spec);
            if (!why.isEmpty())
                return fail(why);
            const qint64 size = spec.count * bytesPer(spec.dtype);
            if (offset + size > data.size())
                return fail(text("the shards end inside weight %1 (%2 bytes, %3 needed)")
                                .arg(spec.name).arg(data.size()).arg(offset + size));
            if (m.m_tensors.contains(spec.name))
                return fail(text("weight %1 is named twice").arg(spec.name));
            m.m_tensors.insert(spec.name, decode(spec, data.constData() + offset));
            offset += size;
        }
        if (offset != data.size())
            return fail(text("the shards hold %1 bytes, the weights %2").arg(data.size()).arg(offset));
    }
    if (m.m_tensors.isEmpty())
        return fail(text("it names no weights"));
    return m;
}

WeightManifest WeightManifest::load(const QString &dir, const QString &name)
{
    const QString manifestName = name + QLatin1String("-weights_manifest.json");
    const QDir folder(dir);
    auto failed = [&](const QString &why) {
        WeightManifest m;
        m.m_error = why;
        return m;
    };
    QFile manifest(folder.filePath(manifestName));
    if (!manifest.open(QIODevice::ReadOnly))
        return failed(text("%1 is missing (%2).").arg(QDir::toNativeSeparators(manifest.fileName()), manifest.errorString()));
    if (manifest.size() > kMaxManifestBytes)
        return failed(text("%1 is too large to be a weights manifest.").arg(QDir::toNativeSeparators(manifest.fileName())));
    const QByteArray json = manifest.readAll();

    // Read the shards it names (only plain names; parse() refuses the rest).
    QHash<QString, QByteArray> shards;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    for (const QJsonValue &group : doc.array()) {
        for (const QJsonValue &p : group.toObject().value(QLatin1String("paths")).toArray()) {
            const QString file = p.toString();
            if (!isPlainFileName(file) || shards.contains(file))
                continue;
            QFile shard(folder.filePath(file));
            if (!shard.open(QIODevice::ReadOnly))
                return failed(text("%1 is missing (%2).").arg(QDir::toNativeSeparators(shard.fileName()), shard.errorString()));
            if (shard.size() > kMaxShardBytes)
                return failed(text("%1 is too large for a model shard.").arg(QDir::toNativeSeparators(shard.fileName())));
            shards.insert(file, shard.readAll());
        }
    }
    return parse(json, shards, QDir::toNativeSeparators(manifest.fileName()));
}

const Tensor &WeightManifest::get(const QString &name, const QVector<int> &expectedShape) const
{
    static const Tensor empty;
    const auto it = m_tensors.constFind(name);
    if (it == m_tensors.constEnd()) {
        if (m_error.isEmpty())
            m_error = text("the weight %1 is missing").arg(name);
        return empty;
    }
    if (!expectedShape.isEmpty() && it->shape != expectedShape) {
        if (m_error.isEmpty())
            m_error = text("the weight %1 does not have the expected shape").arg(name);
        return empty;
    }
    return *it;
}

} // namespace fd::face
