// The face library's plain data: persons, their photos, named lists, device groups
// and assignments. Shared by the store, the importer, the sync engine and the editor.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

namespace fd::library {

// The protocol's pic_sort values; named custom lists all travel as Custom.
namespace sort {
constexpr int Blacklist = 1;
constexpr int Whitelist = 2;
constexpr int Vip = 3;
constexpr int Custom = 4;
} // namespace sort

struct FaceList {
    int id = 0;
    QString name;
    int picSort = sort::Custom;
    bool builtIn() const { return id >= 1 && id <= 4; }
    bool operator==(const FaceList &) const = default;
};

struct PersonPhoto {
    qint64 id = -1;
    QString path;        // relative to the library folder
    quint64 phash = 0;   // perceptual hash, for near-duplicate detection
    QSize size;
    qint64 bytes = 0;
    QString sourceName;  // the file it was imported from, for the admin's reference
};

struct Person {
    qint64 indexId = -1;  // allocated by FaceDesk, never reused
    QString name;
    int gender = -1;      // the library table's coding: 1 male, 0 female, -1 unknown
    QString cardNo;
    int listId = 1;
    QString notes;
    QDateTime createdAt;
    QDateTime updatedAt;
    // Bumped whenever what a device holds for this person changes (name, gender,
    // card number, photo): the sync engine sends an update when a device confirmed
    // an older revision.
    qint64 revision = 0;
    QList<PersonPhoto> photos;  // the first is the one devices get
};

// A validated photo ready for the library: a device-acceptable JPEG.
struct NewPhoto {
    QByteArray jpeg;
    quint64 phash = 0;
    QSize size;
    QString sourceName;
    // Set instead of jpeg when the file is already in the library folder (path as
    // LibraryStore::storePhoto returned it): an import writes photos as it validates
    // them, so that ten thousand of them never sit in memory at once.
    QString storedPath = {};  // (an initializer: brace-initialised NewPhotos may leave it out)
    qint64 storedBytes = 0;
    // The face's descriptor and its engine's kind (PhotoCheck), empty when unknown.
    QString descriptorKind = {};
    QVector<float> descriptor = {};
};

struct PhotoDescriptor {
    qint64 indexId = -1;
    qint64 photoId = -1;
    int listId = 0;
    QVector<float> values;
};

struct PhotoToDescribe {
    qint64 photoId = -1;
    QString absolutePath;
};

struct NewPerson {
    QString name;
    int gender = -1;
    QString cardNo;
    int listId = 1;
    QString notes;
    QList<NewPhoto> photos;
};

struct PersonFilter {
    QString text;      // part of the name or the card number; empty for all
    int listId = 0;    // 0 for every list
    qint64 offset = 0;
    qint64 limit = -1; // -1 for no limit
};

struct DeviceGroup {
    int id = 0;
    QString name;
    QStringList members;  // device uuids
};

// "This device (or every device of this group) should hold this list (or person)."
struct Assignment {
    qint64 id = -1;
    QString deviceUuid;  // empty when groupId is set
    int groupId = 0;
    int listId = 0;      // 0 when indexId is set
    qint64 indexId = 0;
};

// One person a device should hold, at the revision it should hold.
struct WantedPerson {
    qint64 indexId = -1;
    qint64 revision = 0;
};

} // namespace fd::library
