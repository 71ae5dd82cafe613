// The face library in the archive database: persons with their photos, lists,
// device groups and assignments. Every change that several rows make together is
// one transaction: an import of ten thousand persons is all in or not at all.
//
// Not thread-safe: each thread uses its own store on its own connection (SQLite WAL
// lets them read beside each other; writers wait on the busy timeout).
#pragma once

#include "LibraryTypes.h"
#include "store/ImageBlobs.h"
#include "store/ImageStore.h"

#include <QHash>
#include <QSqlDatabase>

#include <optional>

namespace fd::library {

class LibraryStore {
public:
    // libraryDir holds the photos (content-named JPEG files).
    LibraryStore(QSqlDatabase db, const QString &libraryDir);

    // The last failure. wantedBy() clears it first, so that its empty answer can be
    // told from a failed read; other reads leave it as it was.
    QString lastError() const { return m_error; }
    QSqlDatabase database() const { return m_db; }

    // ---- Lists
    QList<FaceList> lists();
    std::optional<FaceList> list(int id);
    // A named custom list (travels as pic_sort 4); returns its id, 0 on error.
    int addList(const QString &name);
    bool renameList(int id, const QString &name);
    // Only custom lists that no person uses can go.
    bool removeList(int id);

    // ---- Persons
    // Adds all of them in one transaction and returns their new index_ids in order;
    // on any error nothing is added (photo files already written are harmless:
    // content-named, and reused by the next attempt).
    QList<qint64> addPersons(const QList<NewPerson> &persons);
    // Saves name, gender, card number, list and notes; bumps the revision when
    // something a device holds changed.
    bool updatePerson(const Person &person);
    // Replaces the photos (the first goes to devices) and bumps the revision.
    bool setPhotos(qint64 indexId, const QList<NewPhoto> &photos);
    bool movePersons(const QList<qint64> &indexIds, int listId);
    bool removePersons(const QList<qint64> &indexIds);

    std::optional<Person> person(qint64 indexId);
    // Persons matching the filter, by name; each with its photos.
    QList<Person> persons(const PersonFilter &filter);
    qint64 countPersons(const PersonFilter &filter);
    // The person holding this card number, -1 when none (card numbers are unique
    // in practice; the first by index_id wins when they are not).
    qint64 personByCard(const QString &cardNo);
    // Every stored photo's perceptual hash with its person.
    QList<QPair<qint64, quint64>> photoHashes();
    // Every photo's face descriptor of one engine kind, with its person and list (live
    // matching, search by person). Photos without one are left out.
    QList<PhotoDescriptor> photoDescriptors(const QString &kind, int dims);
    // Photos with no descriptor of this kind (imported before the CNN models were
    // installed, or under another engine), for the background pass that adds them.
    // A photo whose face cannot be found gets kind with an empty descriptor, so it is
    // not tried again.
    QList<PhotoToDescribe> photosWithoutDescriptor(const QString &kind);
    bool setPhotoDescriptor(qint64 photoId, const QString &kind, const QVector<float> &values);
    // Names of persons by index_id (event lists link to persons).
    QHash<qint64, QString> personNames(const QList<qint64> &indexIds);

    // index_id -> (name, pic_sort of the person's list) for every person: the live
    // wall names matched persons and takes their list from here (FaceDesk's list
    // wins over a device's stale copy: moving someone to the blacklist alerts at once).
    QHash<qint64, QPair<QString, int>> directory();

    QString photoPath(const PersonPhoto &photo) const { return m_images.absolutePath(photo.path); }
    // Writes a photo's bytes into the library folder ahead of the person (named by
    // content, so a file left by a cancelled import is harmless and reused) and
    // returns the path for NewPhoto::storedPath; empty on error.
    QString storePhoto(const QByteArray &jpeg);
    QByteArray photoJpeg(const PersonPhoto &photo);

    // ---- Device groups and assignments
    QList<DeviceGroup> groups();
    int addGroup(const QString &name, const QStringList &members);
    bool setGroupMembers(int groupId, const QStringList &members);
    bool removeGroup(int groupId);

    QList<Assignment> assignments();
    // Idempotent: assigning what is already assigned succeeds and adds nothing.
    bool assign(const Assignment &assignment);
    bool assignPersons(const QString &deviceUuid, int groupId, const QList<qint64> &indexIds);
    bool unassign(qint64 assignmentId);
    bool unassignPersons(const QString &deviceUuid, int groupId, const QList<qint64> &indexIds);
    // What a device should hold now: persons assigned to it directly, through their
    // list, or through one of its groups; ordered by index_id.
    QList<WantedPerson> wantedBy(const QString &deviceUuid);

private:
    bool fail(const QString &what);
    bool insertPhotos(qint64 indexId, const QList<NewPhoto> &photos, qint64 nowMs);
    bool putPhotoBlob(const QString &path, const QByteArray &jpeg, qint64 nowMs);
    QList<PersonPhoto> photosOf(qint64 indexId);

    QSqlDatabase m_db;
    store::ImageStore m_images;
    store::ImageBlobWriter m_blobs;
    QString m_error;
};

} // namespace fd::library
