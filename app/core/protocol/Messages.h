// Value types for every message of the Jovision face protocol, in both directions.
// Field names follow the wire names; units and ranges are those of the spec tables.
// Absent numbers are -1 unless a comment says otherwise.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace fd::protocol {

namespace method {
inline constexpr char AccessToken[] = "accesstoken";
inline constexpr char Keepalive[] = "keepalive";
inline constexpr char FaceComparePush[] = "sw_face_compare_push";
inline constexpr char FaceCapturePush[] = "sw_face_capture_push";
inline constexpr char CapFaceReport[] = "sw_cap_face_report";  // a key, not a method value
inline constexpr char AddPic[] = "sw_server_add_pic";
inline constexpr char UpdatePic[] = "sw_server_update_pic";
inline constexpr char DelPic[] = "sw_server_del_pic";
inline constexpr char AddMultiplePic[] = "sw_server_add_multiple_pic";
inline constexpr char DelMultiplePic[] = "sw_server_del_multiple_pic";
inline constexpr char GetPic[] = "sw_server_get_pic";
inline constexpr char GetOnePic[] = "ivp_face_get_one_pic";             // the example's name for GetPic
inline constexpr char GetSort[] = "sw_server_get_sort";
inline constexpr char GetFaceRcgList[] = "ivp_facercg_get_face_rcg_list"; // the example's name for GetSort
inline constexpr char DeviceSyncData[] = "sw_device_sync_data";
} // namespace method

// ---- Key acquisition and heartbeat --------------------------------------------

struct AccessTokenRequest {
    QString uuid;
    QString deviceKey;
    int deviceType = -1;
    QString mac;
    qint64 timestamp = -1;
    QString accountUser;      // account.user: the device's own account, for digest control
    QString accountPassword;  // account.passwd
    bool operator==(const AccessTokenRequest &) const = default;
};

struct AccessTokenReply {
    int code = 0;
    QString retMsg;
    QString uuid;
    qint64 expiresIn = -1;  // Unix time at which the token expires
    QString token;
    int tcpPort = -1;       // where the device should open its long connection
    bool operator==(const AccessTokenReply &) const = default;
};

struct KeepaliveRequest {
    QString uuid;
    QString mac;
    int deviceType = -1;
    QString timestamp;  // the table says string; kept as sent
    QString softVersion;
    QString token;
    bool operator==(const KeepaliveRequest &) const = default;
};

// Sent inside the {"dataLength":N,"data":{...}} envelope.
struct KeepaliveReply {
    int code = 0;
    QString retMsg;
    bool operator==(const KeepaliveReply &) const = default;
};

// ---- Face events ---------------------------------------------------------------

struct FaceAttributes {
    int age = -1;      // 0..100
    int gender = -1;   // 1 male, 2 female
    int glasses = -1;  // 0 none, 1 glasses, 2 sunglasses
    int mask = -1;     // 0 no, 1 yes
    int beard = -1;    // 0 no, 1 yes
    int race = -1;     // 1 yellow, 2 black, 3 white (the vendor's words)
    int emotion = -1;  // 1 angry, 2 calm, 3 happy, 4 sad, 5 surprised
    bool operator==(const FaceAttributes &) const = default;
    bool isEmpty() const { return *this == FaceAttributes{}; }
};

struct FaceRect {
    int x = 0, y = 0, w = 0, h = 0;
    bool valid = false;  // false when the device sent no position
    bool operator==(const FaceRect &) const = default;
};

struct Temperature {
    std::optional<double> realtime;  // realtime_t
    std::optional<double> warning;   // warning_t
    QString warningType;             // warning_type, as sent
    bool operator==(const Temperature &) const = default;
    bool isEmpty() const { return !realtime && !warning && warningType.isEmpty(); }
};

// One face event. The three push formats (compare, capture, and the HTTP
// sw_cap_face_report) all decode into this type; `kind` says which one it was.
struct FacePush {
    enum class Kind { Compare, Capture, HttpReport };
    Kind kind = Kind::Compare;

    QString token;
    QString uuid;
    QString mac;
    QString host;         // the device's own IP
    QString productName;  // product_name (DeviceName in the HTTP report)
    int deviceType = -1;

    int channel = -1;         // 0..3
    qint64 indexId = -1;      // compare: the matched library person, system-unique
    int picSort = -1;         // compare: 1 blacklist, 2 whitelist, 3 VIP, 4 custom
    QString picName;          // compare: the library photo's name
    std::optional<double> matchScore;  // compare: 0..1 (some firmware: 0..100)
    FaceRect position;        // relative to the background image
    QString captureTimeText;  // as sent
    QString sendTimeText;
    QDateTime captureTime;    // parsed; invalid when not sent
    QDateTime sendTime;
    int quality = -1;
    int visitCount = -1;      // compare only
    qint64 trackId = -1;      // capture only
    FaceAttributes attributes;
    QByteArray image;         // img_data, decoded: the face crop (JPEG)
    QString imageName;        // img_name, as sent; never used as a file name
    QByteArray background;    // img_fr, decoded
    QString backgroundName;
    QList<float> feature;     // face_feature, 128..512 values, empty when not sent
    Temperature temperature;

    // The HTTP sw_cap_face_report form only.
    QString userName;
    QString passwordMd5;
    QString deviceId;     // CloudSEE ID
    qint64 faceId = -1;

    bool operator==(const FacePush &) const = default;
};

// The answer to a push, to the HTTP error format, and to anything that only
// needs {code, retMsg}.
struct StatusReply {
    int code = 0;
    QString retMsg;
    QJsonObject dataObj;  // the error format's "dataObj"; usually empty
    bool operator==(const StatusReply &) const = default;
};

struct CapFaceReportReply {
    int result = 0;
    QString info;
    bool operator==(const CapFaceReportReply &) const = default;
};

// ---- Library commands (FaceDesk -> device) ----------------------------------------

struct PersonAttributes {
    QString name;
    int gender = -1;  // 1 male, 0 female (the library table differs from the event table)
    QString cardId;
    bool operator==(const PersonAttributes &) const = default;
};

struct LibraryPicture {
    qint64 indexId = -1;
    PersonAttributes attribute;
    QByteArray jpeg;           // decoded img_data
    QByteArray jpegBase64Md5;  // as sent (hex); when encoding, computed from the base64 text
    bool md5Matches = true;    // decode only: whether jpegBase64MD5 matched the base64 text
    bool operator==(const LibraryPicture &) const = default;
};

// sw_server_add_pic and sw_server_update_pic share one shape.
struct AddPicRequest {
    bool update = false;
    LibraryPicture picture;
    bool operator==(const AddPicRequest &) const = default;
};

struct DelPicRequest {
    qint64 indexId = -1;
    bool operator==(const DelPicRequest &) const = default;
};

struct AddMultiplePicRequest {
    QList<LibraryPicture> pictures;
    bool operator==(const AddMultiplePicRequest &) const = default;
};

struct DelMultiplePicRequest {
    QList<qint64> indexIds;
    bool operator==(const DelMultiplePicRequest &) const = default;
};

// The device's answer to add, update or delete of one picture.
struct PicReply {
    QString method;
    QString uuid;
    qint64 indexId = -1;
    int errorcode = 0;
    bool operator==(const PicReply &) const = default;
};

struct ItemResult {
    qint64 indexId = -1;
    int errorcode = 0;
    bool operator==(const ItemResult &) const = default;
};

// The answer to a batch add or delete: one result per item (some firmware only
// lists the failures; see PROTOCOL.md).
struct MultiplePicReply {
    QString method;
    QString uuid;
    QList<ItemResult> results;
    bool operator==(const MultiplePicReply &) const = default;
};

struct UserDigest {
    QString name;
    QString digest;  // MD5 of the password, hex
    bool operator==(const UserDigest &) const = default;
};

// sw_server_get_pic (the table) / ivp_face_get_one_pic (the example).
struct GetPicRequest {
    QString method = QString::fromLatin1(method::GetPic);
    qint64 sentcnt = -1;
    UserDigest user;
    qint64 indexId = -1;
    QString picName;
    int sortMode = -1;
    QString timeStamp;
    int libIndex = -1;
    int fileIndex = -1;  // "FlieIndex" on the wire (sic)
    int deviceType = -1;
    bool operator==(const GetPicRequest &) const = default;
};

struct GetPicReply {
    QString method = QString::fromLatin1(method::GetPic);
    qint64 sentcnt = -1;
    UserDigest user;
    qint64 indexId = -1;
    QString picName;
    QByteArray image;
    int sortMode = -1;
    int libIndex = -1;
    int fileIndex = -1;
    int deviceType = -1;
    int errorcode = 0;
    bool operator==(const GetPicReply &) const = default;
};

// sw_server_get_sort (the table) / ivp_facercg_get_face_rcg_list (the example).
struct GetSortRequest {
    QString method = QString::fromLatin1(method::GetSort);
    qint64 sentcnt = -1;
    UserDigest user;
    QString uuid;
    int picSort = -1;
    int channelId = -1;
    int pageNum = -1;
    int pageSize = -1;
    int libType = -1;
    bool operator==(const GetSortRequest &) const = default;
};

struct SortEntry {
    int picSort = -1;
    qint64 indexId = -1;
    bool operator==(const SortEntry &) const = default;
};

struct FaceRcgEntry {
    qint64 faceRcgId = -1;
    QString faceId;
    QString name;
    int gender = -1;
    int age = -1;
    QString jpegUrl;
    bool operator==(const FaceRcgEntry &) const = default;
};

struct GetSortReply {
    QString method = QString::fromLatin1(method::GetSort);
    qint64 sentcnt = -1;
    UserDigest user;
    QString uuid;
    QList<SortEntry> entries;     // the table's form
    qint64 totalCount = -1;       // the example's form: faceRcgCount
    QList<FaceRcgEntry> faces;    // the example's form: faceRcgList
    int errorcode = 0;
    bool operator==(const GetSortReply &) const = default;
};

struct DeviceSyncRequest {
    QString token;
    QString uuid;
    bool operator==(const DeviceSyncRequest &) const = default;
};

// Sent inside the dataLength envelope.
struct DeviceSyncReply {
    int code = 0;
    QString retMsg;
    bool operator==(const DeviceSyncReply &) const = default;
};

using Message = std::variant<AccessTokenRequest, AccessTokenReply, KeepaliveRequest, KeepaliveReply,
                             FacePush, StatusReply, CapFaceReportReply, AddPicRequest, DelPicRequest,
                             AddMultiplePicRequest, DelMultiplePicRequest, PicReply, MultiplePicReply,
                             GetPicRequest, GetPicReply, GetSortRequest, GetSortReply, DeviceSyncRequest,
                             DeviceSyncReply>;

// A short English name of the message's type, for logs ("sw_face_compare_push").
QString messageName(const Message &message);

} // namespace fd::protocol
