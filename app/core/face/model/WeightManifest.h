// A TensorFlow.js weights manifest (`NAME-weights_manifest.json` and the `.bin`
// shards it names), read into float tensors by name. This is how the face-api
// package ships its networks; FaceDesk reads the files itself and never runs
// TensorFlow or Node.
//
// Why its own reader: the format is small (a JSON list of groups, each naming its
// shard files and its tensors' names, shapes and dtypes; tensors lie end to end in
// the concatenated shards), and the models are quantised per tensor to uint8 or
// uint16 with a `min` and a `scale` (value = min + q * scale): 6.4 MB of uint8 for
// the 128-d recognition net becomes 25 MB of float32 in memory, once per process,
// in about 30 ms. The manifest is data from a package, so it is read as hostile:
// shard names must be plain file names in the same folder, sizes must add up, and
// every failure names the file and says what to run (packaging/install-deps.sh).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fd::face {

struct Tensor {
    QVector<int> shape;     // TensorFlow's order (e.g. height, width, in, out)
    QVector<float> values;  // dequantised, row-major in that order
    qsizetype count() const { return values.size(); }
};

class WeightManifest {
public:
    // Reads DIR/NAME-weights_manifest.json and its shards. On failure isValid() is
    // false and error() says which file and why.
    static WeightManifest load(const QString &dir, const QString &name);
    // The same from bytes already in memory (tests and the fuzz target): shards maps
    // a file name to its contents.
    static WeightManifest parse(const QByteArray &manifestJson, const QHash<QString, QByteArray> &shards,
                                const QString &manifestName);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // The shard file names the manifest named, in order (for the install check).
    QStringList shardFiles() const { return m_shards; }

    bool has(const QString &name) const { return m_tensors.contains(name); }
    // The tensor, or an empty one (and error() set) when it is missing or its shape is
    // not the one given (an empty expectedShape accepts any shape).
    const Tensor &get(const QString &name, const QVector<int> &expectedShape = {}) const;

private:
    QHash<QString, Tensor> m_tensors;
    QStringList m_shards;
    mutable QString m_error;
};

} // namespace fd::face
