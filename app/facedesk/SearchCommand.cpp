// `facedesk search`: the archive's events most like a photo, an archived event or a
// library person, as CSV in rank order. Local features are brought up to date first,
// so that a photo finds every archived face, not only those a window happened to
// compute.
#include "CommandAuth.h"
#include "Commands.h"

#include "face/FaceEngineFactory.h"
#include "image/ImageBudget.h"
#include "match/FaceSearch.h"
#include "match/LocalFeatureBackfill.h"
#include "search/EventQuery.h"
#include "search/SearchExport.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace fd::app {

namespace {

// Runs the backfill to its end on its own thread, progress on stderr.
match::BackfillResult backfill(const store::DatabaseConfig &config, std::shared_ptr<const face::FaceEngine> engine,
                               QTextStream &err)
{
    match::LocalFeatureBackfill job(config, std::move(engine));
    match::BackfillResult result;
    QEventLoop loop;
    QObject::connect(&job, &match::LocalFeatureBackfill::progress, &loop, [&err](qint64 done, qint64 total) {
        err << "facedesk search: local features " << done << "/" << total << Qt::endl;
    });
    QObject::connect(&job, &match::LocalFeatureBackfill::finished, &loop,
                     [&](const match::BackfillResult &r) {
                         result = r;
                         loop.quit();
                     });
    if (!job.start()) {
        result.error = QStringLiteral("the local features backfill did not start");
        return result;
    }
    loop.exec();
    job.wait();
    return result;
}

} // namespace

int runSearch(const QStringList &arguments)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Write the archive's events most like a photo, an event or a library person as CSV, best first "
        "(columns: see README)."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("photo"), QStringLiteral("Search with the face in this image file."), QStringLiteral("FILE")},
        {QStringLiteral("event"), QStringLiteral("Search with this archived event's face."), QStringLiteral("ID")},
        {QStringLiteral("person"), QStringLiteral("Search with this library person's first photo."), QStringLiteral("INDEX_ID")},
        {QStringLiteral("top"), QStringLiteral("How many events at most (default 20)."), QStringLiteral("K"), QStringLiteral("20")},
        {QStringLiteral("min-similarity"), QStringLiteral("Leave out events less similar than this (cosine, -1..1)."),
         QStringLiteral("S"), QStringLiteral("-1")},
        {QStringLiteral("max-distance"),
         QStringLiteral("Leave out events farther than this (Euclidean distance of the unit descriptors, 0..2; the CNN "
                        "engine's same-person point is 0.42). Instead of --min-similarity."),
         QStringLiteral("D")},
        {QStringLiteral("models"), QStringLiteral("Folder with the YuNet and SFace models (default: DIR/models)."),
         QStringLiteral("DIR")},
        {QStringLiteral("from"), QStringLiteral("Earliest capture time, ISO 8601 (inclusive)."), QStringLiteral("ISO8601")},
        {QStringLiteral("to"), QStringLiteral("Latest capture time, ISO 8601 (exclusive)."), QStringLiteral("ISO8601")},
    });
    p.addOptions(archiveOptions());
    p.addOption(userOption());
    if (const int exit = parseCommandLine(p, QStringLiteral("search"), arguments); exit >= 0)
        return exit;
    const int queries = int(p.isSet(QStringLiteral("photo"))) + int(p.isSet(QStringLiteral("event")))
        + int(p.isSet(QStringLiteral("person")));
    bool okTop = false, okMin = false, okId = true, okFrom = false, okTo = false;
    const int top = p.value(QStringLiteral("top")).toInt(&okTop);
    float minSimilarity = p.value(QStringLiteral("min-similarity")).toFloat(&okMin);
    if (p.isSet(QStringLiteral("max-distance"))) {
        bool okDistance = false;
        const float distance = p.value(QStringLiteral("max-distance")).toFloat(&okDistance);
        okMin = okMin && okDistance && distance >= 0 && distance <= 2 && !p.isSet(QStringLiteral("min-similarity"));
        minSimilarity = face::cosineOfUnitDistance(distance);
    }
    qint64 id = -1;
    if (p.isSet(QStringLiteral("event")))
        id = p.value(QStringLiteral("event")).toLongLong(&okId);
    else if (p.isSet(QStringLiteral("person")))
        id = p.value(QStringLiteral("person")).toLongLong(&okId);
    const QDateTime from = parseTimeBound(p.value(QStringLiteral("from")), &okFrom);
    const QDateTime to = parseTimeBound(p.value(QStringLiteral("to")), &okTo);
    if (queries != 1 || !okTop || top < 1 || !okMin || minSimilarity < -1 || minSimilarity > 1 || !okId || !okFrom
        || !okTo || !p.positionalArguments().isEmpty()) {
        err << "facedesk search: give exactly one of --photo FILE, --event ID, --person INDEX_ID; --top must be "
               "at least 1, --min-similarity within -1..1 or --max-distance within 0..2 (not both), --from/--to ISO 8601 times"
            << Qt::endl;
        return 2;
    }

    store::DatabaseConfig config;
    if (!archiveFromOptions(p, QStringLiteral("search"), &config))
        return 2;
    if (!archiveExists(config, QStringLiteral("search")))
        return 1;
    int refused = 0;
    const std::optional<CommandOperator> who = authorize(p, config, QStringLiteral("search"), auth::Action::FaceSearch, &refused);
    if (!who)
        return refused;
    // Read before the slow part, so that a mistyped path fails at once.
    QByteArray photo;
    if (p.isSet(QStringLiteral("photo"))) {
        QFile f(p.value(QStringLiteral("photo")));
        if (!f.open(QIODevice::ReadOnly)) {
            err << "facedesk search: cannot read " << f.fileName() << ": " << f.errorString() << Qt::endl;
            return 1;
        }
        // Read only what the decoder would accept: a 4 GB "photo" is refused, not loaded.
        if (const QString tooBig = image::byteProblem(f.size()); !tooBig.isEmpty()) {
            err << "facedesk search: " << f.fileName() << ": " << tooBig << Qt::endl;
            return 1;
        }
        photo = f.readAll();
    }

    // The same models folder for every run: another engine would replace the
    // archive's local features with its own kind.
    const QString models = p.isSet(QStringLiteral("models")) ? p.value(QStringLiteral("models"))
                                                              : QDir(config.dataDir).filePath(QStringLiteral("models"));
    const face::FaceEngineChoice choice = face::createFaceEngine(models);
    err << "facedesk search: " << choice.engine->name() << " (" << choice.reason << ")" << Qt::endl;

    const match::BackfillResult filled = backfill(config, choice.engine, err);
    if (!filled.error.isEmpty()) {
        err << "facedesk search: " << filled.error << Qt::endl;
        return 1;
    }

    match::FaceSearch search(config, choice.engine);
    QString error;
    if (!search.load(&error)) {
        err << "facedesk search: " << error << Qt::endl;
        return 1;
    }
    match::FaceSearchFilter filter;
    if (from.isValid())
        filter.fromMs = from.toMSecsSinceEpoch();
    if (to.isValid())
        filter.toMs = to.toMSecsSinceEpoch();
    const match::FaceSearchResult found = p.isSet(QStringLiteral("photo"))
        ? search.byPhoto(photo, top, filter, minSimilarity)
        : p.isSet(QStringLiteral("event")) ? search.byEvent(id, top, filter, minSimilarity)
                                           : search.byPerson(id, top, filter, minSimilarity);
    if (!found.ok()) {
        err << "facedesk search: " << found.error << Qt::endl;
        return 1;
    }

    // The rows in rank order: the query returns them in its own order.
    QList<qint64> ids;
    QHash<qint64, float> similarity;
    for (const auto &[eventId, s] : found.hits) {
        ids.append(eventId);
        similarity.insert(eventId, s);
    }
    QList<search::EventHit> rows;
    if (!ids.isEmpty()) {
        QSqlDatabase db = store::openDatabase(config, QStringLiteral("search-rows"), &error);
        if (!db.isOpen()) {
            err << "facedesk search: " << error << Qt::endl;
            return 1;
        }
        search::EventQuery query(db, config.imagesDir());
        search::EventFilter rowFilter;
        rowFilter.eventIds = ids;
        const search::EventPage page = query.page(rowFilter, search::EventOrder::NewestFirst, int(ids.size()));
        if (!query.lastError().isEmpty()) {
            err << "facedesk search: " << query.lastError() << Qt::endl;
            return 1;
        }
        QHash<qint64, search::EventHit> byId;
        for (const search::EventHit &h : page.hits)
            byId.insert(h.id, h);
        for (qint64 eventId : std::as_const(ids)) {
            // An event deleted since the index was loaded (retention) is left out.
            if (const auto it = byId.constFind(eventId); it != byId.constEnd())
                rows.append(*it);
        }
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || !search::writeHitsCsv(rows, similarity, &out)) {
        err << "facedesk search: cannot write the results: " << out.errorString() << Qt::endl;
        return 1;
    }
    out.flush();
    err << "facedesk search: " << rows.size() << " events by " << found.kindUsed << Qt::endl;
    // Who looked for whom: the face's source, not the face.
    const QString looked = p.isSet(QStringLiteral("photo")) ? QStringLiteral("photo %1").arg(QFileInfo(p.value(QStringLiteral("photo"))).fileName())
        : p.isSet(QStringLiteral("event"))                   ? QStringLiteral("event %1").arg(id)
                                                             : QStringLiteral("person %1").arg(id);
    auditCommand(config, *who, auth::actionName(auth::Action::FaceSearch), looked,
                 {{QStringLiteral("top"), top}, {QStringLiteral("min_similarity"), double(minSimilarity)},
                  {QStringLiteral("from"), from.toString(Qt::ISODate)}, {QStringLiteral("to"), to.toString(Qt::ISODate)},
                  {QStringLiteral("results"), int(rows.size())}},
                 QStringLiteral("search"));
    return 0;
}

} // namespace fd::app
