#include "LibraryStore.h"

#include "store/Database.h"
#include "store/VectorBlob.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fd::library {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning none.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u',');
}

// The WHERE clause and its bound values for a person filter.
QString filterClause(const PersonFilter &filter, QVariantList *values)
{
    QStringList where;
    if (filter.listId > 0) {
        where << QStringLiteral("p.list_id = ?");
        *values << filter.listId;
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        // instr() instead of LIKE: no wildcard escaping, and case folding by lower()
        // keeps non-ASCII names searchable the same way they were typed.
        where << QStringLiteral("(instr(lower(p.name), lower(?)) > 0 OR instr(p.card_no, ?) > 0)");
        *values << text << text;
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

} // namespace

LibraryStore::LibraryStore(QSqlDatabase db, const QString &libraryDir)
    : m_db(std::move(db)), m_images(libraryDir)
{
}

bool LibraryStore::fail(const QString &what)
{
    m_error = what;
    return false;
}

// ---- Lists ----------------------------------------------------------------------

QList<FaceList> LibraryStore::lists()
{
    QList<FaceList> result;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, name, pic_sort FROM face_lists ORDER BY id"))) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toInt()});
    return result;
}

std::optional<FaceList> LibraryStore::list(int id)
{
    for (const FaceList &l : lists())
        if (l.id == id)
            return l;
    return std::nullopt;
}

int LibraryStore::addList(const QString &name)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("a list needs a name")), 0;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO face_lists (name, pic_sort) VALUES (?, ?) RETURNING id"));
    q.addBindValue(name.trimmed());
    q.addBindValue(sort::Custom);
    qint64 id = -1;
    if (!store::execReturningId(q, &id) || id < 0)
        return fail(QStringLiteral("cannot add the list \"%1\": %2").arg(name, q.lastError().text())), 0;
    return int(id);
}

bool LibraryStore::renameList(int id, const QString &name)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("a list needs a name"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE face_lists SET name = ? WHERE id = ?"));
    q.addBindValue(name.trimmed());
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    return q.numRowsAffected() == 1 || fail(QStringLiteral("no list %1").arg(id));
}

bool LibraryStore::removeList(int id)
{
    if (id >= 1 && id <= 4)
        return fail(QStringLiteral("the built-in lists cannot be removed"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM persons WHERE list_id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return fail(q.lastError().text());
    if (q.value(0).toLongLong() > 0)
        return fail(QStringLiteral("the list still holds %1 persons").arg(q.value(0).toLongLong()));
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM face_lists WHERE id = ?"));
    del.addBindValue(id);
    if (!del.exec())
        return fail(del.lastError().text());
    QSqlQuery unassign(m_db);
    unassign.prepare(QStringLiteral("DELETE FROM assignments WHERE list_id = ?"));
    unassign.addBindValue(id);
    return unassign.exec() || fail(unassign.lastError().text());
}

// ---- Persons --------------------------------------------------------------------

// On PostgreSQL a photo's bytes go into the database with its row (store/ImageBlobs):
// the devices this desk's edit reaches may be held by a collector on another PC.
bool LibraryStore::putPhotoBlob(const QString &path, const QByteArray &jpeg, qint64 now)
{
    QString error;
    const QByteArray bytes = jpeg.isEmpty() ? m_images.read(path, &error) : jpeg;
    if (bytes.isEmpty())
        return fail(error);
    return m_blobs.put(m_db, store::imageKeyOf(path), bytes, now, &error) || fail(error);
}

bool LibraryStore::insertPhotos(qint64 indexId, const QList<NewPhoto> &photos, qint64 now)
{
    m_blobs.reset();  // prepared again per call: the connection may have been reopened since
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO person_photos (index_id, path, phash, width, height, bytes, source_name, "
                             "position, added_at, descriptor_kind, descriptor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int position = 0;
    for (const NewPhoto &photo : photos) {
        QString error;
        const QString path = photo.storedPath.isEmpty() ? m_images.put(photo.jpeg, &error) : photo.storedPath;
        if (path.isEmpty())
            return fail(error);
        if (store::imagesInDatabase(m_db) && !putPhotoBlob(path, photo.jpeg, now))
            return false;
        q.addBindValue(indexId);
        q.addBindValue(path);
        q.addBindValue(qint64(photo.phash));  // SQLite integers are signed 64-bit: stored bit for bit
        q.addBindValue(photo.size.width());
        q.addBindValue(photo.size.height());
        q.addBindValue(photo.storedPath.isEmpty() ? qint64(photo.jpeg.size()) : photo.storedBytes);
        q.addBindValue(text(photo.sourceName));
        q.addBindValue(position++);
        q.addBindValue(now);
        q.addBindValue(text(photo.descriptorKind));
        q.addBindValue(photo.descriptor.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                                  : QVariant(store::vectorToBlob(photo.descriptor)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

QList<PhotoDescriptor> LibraryStore::photoDescriptors(const QString &kind, int dims)
{
    QList<PhotoDescriptor> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.index_id, p.id, s.list_id, p.descriptor FROM person_photos p "
                             "JOIN persons s ON s.index_id = p.index_id WHERE p.descriptor_kind = ? "
                             "ORDER BY p.index_id, p.position, p.id"));
    q.addBindValue(kind);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next()) {
        PhotoDescriptor d{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(),
                          store::vectorFromBlob(q.value(3).toByteArray(), dims)};
        if (!d.values.isEmpty())
            out << d;
    }
    return out;
}

QList<PhotoToDescribe> LibraryStore::photosWithoutDescriptor(const QString &kind)
{
    QList<PhotoToDescribe> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, path FROM person_photos WHERE descriptor_kind <> ? ORDER BY id"));
    q.addBindValue(kind);
    if (!q.exec()) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out << PhotoToDescribe{q.value(0).toLongLong(), m_images.absolutePath(q.value(1).toString())};
    return out;
}

bool LibraryStore::setPhotoDescriptor(qint64 photoId, const QString &kind, const QVector<float> &values)
{
    // No revision bump: what devices hold does not change.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE person_photos SET descriptor_kind = ?, descriptor = ? WHERE id = ?"));
    q.addBindValue(kind);
    q.addBindValue(values.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(store::vectorToBlob(values)));
    q.addBindValue(photoId);
    return q.exec() || fail(q.lastError().text());
}

QList<qint64> LibraryStore::addPersons(const QList<NewPerson> &persons)
{
    QList<qint64> ids;
    if (!store::beginWrite(m_db)) {
        fail(m_db.lastError().text());
        return {};
    }
    const qint64 now = nowMs();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO persons (name, gender, card_no, list_id, notes, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING index_id"));
    ids.reserve(persons.size());
    for (const NewPerson &p : persons) {
        q.addBindValue(text(p.name));
        q.addBindValue(p.gender);
        q.addBindValue(text(p.cardNo));
        q.addBindValue(p.listId);
        q.addBindValue(text(p.notes));
        q.addBindValue(now);
        q.addBindValue(now);
        qint64 id = -1;
        if (!store::execReturningId(q, &id) || id < 0) {
            fail(QStringLiteral("cannot add %1: %2").arg(p.name, q.lastError().text()));
            m_db.rollback();
            return {};
        }
        if (!insertPhotos(id, p.photos, now)) {
            m_db.rollback();
            return {};
        }
        ids.append(id);
    }
    if (!m_db.commit()) {
        fail(m_db.lastError().text());
        m_db.rollback();
        return {};
    }
    return ids;
}

bool LibraryStore::updatePerson(const Person &person)
{
    const std::optional<Person> old = this->person(person.indexId);
    if (!old)
        return fail(QStringLiteral("no person %1").arg(person.indexId));
    // A device holds the name, gender and card number with the photo.
    const bool deviceVisible = old->name != person.name || old->gender != person.gender || old->cardNo != person.cardNo;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE persons SET name = ?, gender = ?, card_no = ?, list_id = ?, notes = ?, "
                             "updated_at = ?, revision = revision + ? WHERE index_id = ?"));
    q.addBindValue(text(person.name));
    q.addBindValue(person.gender);
    q.addBindValue(text(person.cardNo));
    q.addBindValue(person.listId);
    q.addBindValue(text(person.notes));
    q.addBindValue(nowMs());
    q.addBindValue(deviceVisible ? 1 : 0);
    q.addBindValue(person.indexId);
    return q.exec() || fail(q.lastError().text());
}

bool LibraryStore::setPhotos(qint64 indexId, const QList<NewPhoto> &photos)
{
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    QSqlQuery del(m_db);
    del.prepare(QStringLiteral("DELETE FROM person_photos WHERE index_id = ?"));
    del.addBindValue(indexId);
    QSqlQuery bump(m_db);
    bump.prepare(QStringLiteral("UPDATE persons SET revision = revision + 1, updated_at = ? WHERE index_id = ?"));
    bump.addBindValue(nowMs());
    bump.addBindValue(indexId);
    if (!del.exec() || !bump.exec() || bump.numRowsAffected() != 1 || !insertPhotos(indexId, photos, nowMs())) {
        if (m_error.isEmpty() || del.lastError().isValid() || bump.lastError().isValid())
            fail(bump.numRowsAffected() == 0 ? QStringLiteral("no person %1").arg(indexId) : bump.lastError().text());
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

bool LibraryStore::movePersons(const QList<qint64> &indexIds, int listId)
{
    if (indexIds.isEmpty())
        return true;
    // Moving between lists changes which devices want the person (assignments are
    // by list), not what a device holds: no revision bump.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE persons SET list_id = ?, updated_at = ? WHERE index_id IN (%1)").arg(idList(indexIds)));
    q.addBindValue(listId);
    q.addBindValue(nowMs());
    return q.exec() || fail(q.lastError().text());
}

bool LibraryStore::removePersons(const QList<qint64> &indexIds)
{
    if (indexIds.isEmpty())
        return true;
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    // Photos go with the person (ON DELETE CASCADE); files stay, content-named, in
    // case another person or a later import uses the same bytes. sync_state rows
    // stay: they tell the sync engine which devices still hold the person.
    const QString ids = idList(indexIds);
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("DELETE FROM assignments WHERE index_id IN (%1)").arg(ids))
        || !q.exec(QStringLiteral("DELETE FROM persons WHERE index_id IN (%1)").arg(ids))) {
        fail(q.lastError().text());
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

// id, path, phash, width, height, bytes, source_name from column `first` on.
static PersonPhoto photoFromRow(const QSqlQuery &q, int first)
{
    PersonPhoto p;
    p.id = q.value(first).toLongLong();
    p.path = q.value(first + 1).toString();
    p.phash = quint64(q.value(first + 2).toLongLong());
    p.size = QSize(q.value(first + 3).toInt(), q.value(first + 4).toInt());
    p.bytes = q.value(first + 5).toLongLong();
    p.sourceName = q.value(first + 6).toString();
    return p;
}

QList<PersonPhoto> LibraryStore::photosOf(qint64 indexId)
{
    QList<PersonPhoto> photos;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, path, phash, width, height, bytes, source_name FROM person_photos "
                             "WHERE index_id = ? ORDER BY position, id"));
    q.addBindValue(indexId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return photos;
    }
    while (q.next())
        photos.append(photoFromRow(q, 0));
    return photos;
}

static Person personFromRow(const QSqlQuery &q)
{
    Person p;
    p.indexId = q.value(0).toLongLong();
    p.name = q.value(1).toString();
    p.gender = q.value(2).toInt();
    p.cardNo = q.value(3).toString();
    p.listId = q.value(4).toInt();
    p.notes = q.value(5).toString();
    p.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(6).toLongLong());
    p.updatedAt = QDateTime::fromMSecsSinceEpoch(q.value(7).toLongLong());
    p.revision = q.value(8).toLongLong();
    return p;
}

static const char personColumns[] =
    "p.index_id, p.name, p.gender, p.card_no, p.list_id, p.notes, p.created_at, p.updated_at, p.revision";

std::optional<Person> LibraryStore::person(qint64 indexId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM persons p WHERE p.index_id = ?").arg(QLatin1String(personColumns)));
    q.addBindValue(indexId);
    if (!q.exec() || !q.next()) {
        if (q.lastError().isValid())
            fail(q.lastError().text());
        return std::nullopt;
    }
    Person p = personFromRow(q);
    p.photos = photosOf(indexId);
    return p;
}

QList<Person> LibraryStore::persons(const PersonFilter &filter)
{
    QList<Person> result;
    QVariantList values;
    QString sql = QStringLiteral("SELECT %1 FROM persons p").arg(QLatin1String(personColumns))
        + filterClause(filter, &values) + QStringLiteral(" ORDER BY lower(p.name), p.index_id");
    if (filter.limit >= 0)
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(filter.limit).arg(filter.offset);
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append(personFromRow(q));
    // One query for all photos of the page instead of one per person.
    QHash<qint64, qsizetype> at;
    QList<qint64> ids;
    for (qsizetype i = 0; i < result.size(); ++i) {
        at.insert(result[i].indexId, i);
        ids << result[i].indexId;
    }
    if (ids.isEmpty())
        return result;
    QSqlQuery photos(m_db);
    if (!photos.exec(QStringLiteral("SELECT index_id, id, path, phash, width, height, bytes, source_name "
                                    "FROM person_photos WHERE index_id IN (%1) ORDER BY index_id, position, id")
                         .arg(idList(ids)))) {
        fail(photos.lastError().text());
        return result;
    }
    while (photos.next())
        result[at.value(photos.value(0).toLongLong())].photos.append(photoFromRow(photos, 1));
    return result;
}

qint64 LibraryStore::countPersons(const PersonFilter &filter)
{
    QVariantList values;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM persons p") + filterClause(filter, &values));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return fail(q.lastError().text()), -1;
    return q.value(0).toLongLong();
}

qint64 LibraryStore::personByCard(const QString &cardNo)
{
    if (cardNo.trimmed().isEmpty())
        return -1;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT index_id FROM persons WHERE card_no = ? ORDER BY index_id LIMIT 1"));
    q.addBindValue(cardNo.trimmed());
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QList<QPair<qint64, quint64>> LibraryStore::photoHashes()
{
    QList<QPair<qint64, quint64>> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT index_id, phash FROM person_photos"))) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append({q.value(0).toLongLong(), quint64(q.value(1).toLongLong())});
    return result;
}

QHash<qint64, QString> LibraryStore::personNames(const QList<qint64> &indexIds)
{
    QHash<qint64, QString> names;
    if (indexIds.isEmpty())
        return names;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT index_id, name FROM persons WHERE index_id IN (%1)").arg(idList(indexIds)))) {
        fail(q.lastError().text());
        return names;
    }
    while (q.next())
        names.insert(q.value(0).toLongLong(), q.value(1).toString());
    return names;
}

QHash<qint64, QPair<QString, int>> LibraryStore::directory()
{
    QHash<qint64, QPair<QString, int>> result;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT p.index_id, p.name, l.pic_sort FROM persons p JOIN face_lists l ON l.id = p.list_id"))) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.insert(q.value(0).toLongLong(), {q.value(1).toString(), q.value(2).toInt()});
    return result;
}

QString LibraryStore::storePhoto(const QByteArray &jpeg)
{
    QString error;
    const QString path = m_images.put(jpeg, &error);
    if (path.isEmpty())
        fail(error);
    return path;
}

QByteArray LibraryStore::photoJpeg(const PersonPhoto &photo)
{
    QString error;
    const QByteArray bytes = m_images.read(photo.path, &error);
    if (bytes.isEmpty())
        fail(error);
    return bytes;
}

// ---- Groups and assignments -------------------------------------------------------

QList<DeviceGroup> LibraryStore::groups()
{
    QList<DeviceGroup> result;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT g.id, g.name, m.device_uuid FROM device_groups g "
                               "LEFT JOIN device_group_members m ON m.group_id = g.id ORDER BY g.name, g.id"))) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next()) {
        const int id = q.value(0).toInt();
        if (result.isEmpty() || result.last().id != id)
            result.append({id, q.value(1).toString(), {}});
        if (!q.value(2).isNull())
            result.last().members << q.value(2).toString();
    }
    return result;
}

int LibraryStore::addGroup(const QString &name, const QStringList &members)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("a group needs a name")), 0;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO device_groups (name) VALUES (?) RETURNING id"));
    q.addBindValue(name.trimmed());
    qint64 id = -1;
    if (!store::execReturningId(q, &id) || id < 0)
        return fail(QStringLiteral("cannot add the group \"%1\": %2").arg(name, q.lastError().text())), 0;
    return setGroupMembers(int(id), members) ? int(id) : 0;
}

bool LibraryStore::setGroupMembers(int groupId, const QStringList &members)
{
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM device_group_members WHERE group_id = ?"));
    q.addBindValue(groupId);
    bool ok = q.exec();
    QSqlQuery add(m_db);
    add.prepare(QStringLiteral("INSERT INTO device_group_members (group_id, device_uuid) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    for (const QString &uuid : members) {
        if (!ok)
            break;
        add.addBindValue(groupId);
        add.addBindValue(uuid);
        ok = add.exec();
    }
    if (!ok) {
        fail(q.lastError().isValid() ? q.lastError().text() : add.lastError().text());
        m_db.rollback();
        return false;
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

bool LibraryStore::removeGroup(int groupId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM assignments WHERE group_id = ?"));
    q.addBindValue(groupId);
    QSqlQuery g(m_db);
    g.prepare(QStringLiteral("DELETE FROM device_groups WHERE id = ?"));
    g.addBindValue(groupId);
    return (q.exec() && g.exec()) || fail(q.lastError().isValid() ? q.lastError().text() : g.lastError().text());
}

QList<Assignment> LibraryStore::assignments()
{
    QList<Assignment> result;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, device_uuid, group_id, list_id, index_id FROM assignments ORDER BY id"))) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(),
                       q.value(4).toLongLong()});
    return result;
}

bool LibraryStore::assign(const Assignment &a)
{
    if (a.deviceUuid.isEmpty() == (a.groupId == 0))
        return fail(QStringLiteral("an assignment names a device or a group"));
    if ((a.listId == 0) == (a.indexId == 0))
        return fail(QStringLiteral("an assignment names a list or a person"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO assignments (device_uuid, group_id, list_id, index_id) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    q.addBindValue(text(a.deviceUuid));
    q.addBindValue(a.groupId);
    q.addBindValue(a.listId);
    q.addBindValue(a.indexId);
    return q.exec() || fail(q.lastError().text());
}

bool LibraryStore::assignPersons(const QString &deviceUuid, int groupId, const QList<qint64> &indexIds)
{
    if (!store::beginWrite(m_db))
        return fail(m_db.lastError().text());
    for (qint64 id : indexIds) {
        if (!assign({-1, deviceUuid, groupId, 0, id})) {
            m_db.rollback();
            return false;
        }
    }
    return m_db.commit() || (m_db.rollback(), fail(m_db.lastError().text()));
}

bool LibraryStore::unassign(qint64 assignmentId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM assignments WHERE id = ?"));
    q.addBindValue(assignmentId);
    return q.exec() || fail(q.lastError().text());
}

bool LibraryStore::unassignPersons(const QString &deviceUuid, int groupId, const QList<qint64> &indexIds)
{
    if (indexIds.isEmpty())
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM assignments WHERE device_uuid = ? AND group_id = ? AND index_id IN (%1)")
                  .arg(idList(indexIds)));
    q.addBindValue(text(deviceUuid));
    q.addBindValue(groupId);
    return q.exec() || fail(q.lastError().text());
}

QList<WantedPerson> LibraryStore::wantedBy(const QString &deviceUuid)
{
    m_error.clear();  // an empty list must be told from a failed read
    QList<WantedPerson> result;
    // The device's assignments, direct or through its groups, matched to persons by
    // list or by index_id. Uses assignments_person and persons_list.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(R"(
WITH mine AS (
    SELECT list_id, index_id FROM assignments WHERE device_uuid = ?
    UNION
    SELECT a.list_id, a.index_id FROM assignments a
        JOIN device_group_members m ON m.group_id = a.group_id AND a.group_id <> 0
        WHERE m.device_uuid = ?)
SELECT p.index_id, p.revision FROM persons p
WHERE p.list_id IN (SELECT list_id FROM mine WHERE list_id <> 0)
   OR p.index_id IN (SELECT index_id FROM mine WHERE index_id <> 0)
ORDER BY p.index_id)"));
    q.addBindValue(deviceUuid);
    q.addBindValue(deviceUuid);
    if (!q.exec()) {
        fail(q.lastError().text());
        return result;
    }
    while (q.next())
        result.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return result;
}

} // namespace fd::library
