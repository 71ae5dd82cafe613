// The face engine's model-manifest reader (face/model/WeightManifest): the bytes up
// to the first NUL are the manifest, the rest is every shard it names. What reads as
// valid has every tensor it named, of the size its shape says.
#include "FuzzTarget.h"

#include "face/model/WeightManifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace fd::face;

FACEDESK_FUZZ_TARGET(weight_manifest)
{
    const qsizetype nul = data.indexOf('\0');
    const QByteArray manifest = data.first(nul < 0 ? data.size() : nul).toByteArray();
    const QByteArray shard = nul < 0 ? QByteArray() : data.sliced(nul + 1).toByteArray();

    QHash<QString, QByteArray> shards;
    QStringList names;
    for (const QJsonValue &group : QJsonDocument::fromJson(manifest).array()) {
        const QJsonObject g = group.toObject();
        for (const QJsonValue &p : g.value(QLatin1String("paths")).toArray())
            shards.insert(p.toString(), shard);
        for (const QJsonValue &w : g.value(QLatin1String("weights")).toArray())
            names << w.toObject().value(QLatin1String("name")).toString();
    }
    const WeightManifest m = WeightManifest::parse(manifest, shards, QStringLiteral("fuzz-weights_manifest.json"));
    if (!m.isValid()) {
        fuzzCheck(!m.error().isEmpty());
        return;
    }
    for (const QString &name : std::as_const(names)) {
        fuzzCheck(m.has(name));
        const Tensor &t = m.get(name);
        qsizetype count = 1;
        for (int d : t.shape)
            count *= d;
        fuzzCheck(t.count() == count);
    }
    (void)m.shardFiles();
}
