#include "MessageCodec.h"

#include "FieldReader.h"
#include "ProtocolText.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <charconv>
#include <limits>

namespace fd::protocol {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();
constexpr qint64 kMaxInt = std::numeric_limits<int>::max();
// Table limits. "method" is listed as 20, but the spec's own method names are
// longer (sw_server_add_multiple_pic is 26), so 64 is used.
constexpr int kMethodLen = 64;
constexpr int kUuidLen = 32;
constexpr int kMacLen = 64;
constexpr int kTokenLen = 64;
constexpr int kNameLen = 64;
constexpr int kKeyLen = 32;
constexpr int kVersionLen = 128;
constexpr int kFileNameLen = 256;
constexpr int kHostLen = 64;

int toInt(const std::optional<qint64> &v, int absent = -1) { return v ? int(*v) : absent; }
qint64 toLong(const std::optional<qint64> &v, qint64 absent = -1) { return v ? *v : absent; }

// ---- decoding -------------------------------------------------------------------

FaceAttributes readAttributes(FieldReader parent, QLatin1StringView key)
{
    FaceAttributes a;
    FieldReader r = parent.object(key, Need::Optional);
    a.age = r.attribute(QLatin1StringView("age"), 0, 150);
    a.gender = r.attribute(QLatin1StringView("gender"), 1, 2);
    a.glasses = r.attribute(QLatin1StringView("glasses"), 0, 2);
    a.mask = r.attribute(QLatin1StringView("mask"), 0, 1);
    a.beard = r.attribute(QLatin1StringView("beard"), 0, 1);
    a.race = r.attribute(QLatin1StringView("race"), 1, 3);
    a.emotion = r.attribute(QLatin1StringView("emotion"), 1, 5);
    return a;
}

constexpr int kMaxCoordinate = 100000;

FacePush decodeFacePush(FieldReader &top, FacePush::Kind kind)
{
    FacePush p;
    p.kind = kind;
    p.token = top.identity(QLatin1StringView("token"), Need::Optional, kTokenLen);
    p.uuid = top.identity(QLatin1StringView("uuid"), Need::Required, kUuidLen);
    p.mac = top.string(QLatin1StringView("mac"), Need::Optional, kMacLen);
    p.host = top.string(QLatin1StringView("host"), Need::Optional, kHostLen);
    p.productName = top.string(QLatin1StringView("product_name"), Need::Optional, kNameLen);
    p.deviceType = toInt(top.integer(QLatin1StringView("device_type"), Need::Optional, 0, 255));

    FieldReader d = top.object(QLatin1StringView("data"), Need::Required);
    p.channel = toInt(d.integer(QLatin1StringView("channel"), Need::Optional, 0, 255));
    if (kind == FacePush::Kind::Compare) {
        p.indexId = toLong(d.integer(QLatin1StringView("index_id"), Need::Optional, 0, kMaxId));
        p.picSort = toInt(d.integer(QLatin1StringView("pic_sort"), Need::Optional, 0, 1000));
        p.picName = d.string(QLatin1StringView("pic_name"), Need::Optional, kNameLen);
        p.matchScore = d.real(QLatin1StringView("match_score"), Need::Optional, 0.0, 100.0);
    }
    if (d.has(QLatin1StringView("position"))) {
        FieldReader pos = d.object(QLatin1StringView("position"), Need::Optional);
        p.position.x = toInt(pos.integer(QLatin1StringView("x"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        p.position.y = toInt(pos.integer(QLatin1StringView("y"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        p.position.w = toInt(pos.integer(QLatin1StringView("w"), Need::Required, 0, kMaxCoordinate), 0);
        p.position.h = toInt(pos.integer(QLatin1StringView("h"), Need::Required, 0, kMaxCoordinate), 0);
        p.position.valid = !pos.failed();
    }
    p.captureTime = d.time(QLatin1StringView("capture_time"), &p.captureTimeText);
    p.sendTime = d.time(QLatin1StringView("send_time"), &p.sendTimeText);
    p.quality = toInt(d.integer(QLatin1StringView("quality"), Need::Optional, 0, 99999));
    if (kind == FacePush::Kind::Compare)
        p.visitCount = toInt(d.integer(QLatin1StringView("visit_count"), Need::Optional, 0, kMaxInt));
    else
        p.trackId = toLong(d.integer(QLatin1StringView("track_id"), Need::Optional, 0, kMaxId));
    p.attributes = readAttributes(d, QLatin1StringView("attribute"));
    p.image = d.base64(QLatin1StringView("img_data"), Need::Optional);
    p.imageName = d.string(QLatin1StringView("img_name"), Need::Optional, kFileNameLen);
    p.background = d.base64(QLatin1StringView("img_fr"), Need::Optional);
    p.backgroundName = d.string(QLatin1StringView("img_fr_name"), Need::Optional, kFileNameLen);
    p.feature = d.feature(QLatin1StringView("face_feature"));
    if (d.has(QLatin1StringView("temperature"))) {
        FieldReader t = d.object(QLatin1StringView("temperature"), Need::Optional);
        p.temperature.realtime = t.real(QLatin1StringView("realtime_t"), Need::Optional, -100.0, 200.0);
        p.temperature.warning = t.real(QLatin1StringView("warning_t"), Need::Optional, -100.0, 200.0);
        p.temperature.warningType = t.string(QLatin1StringView("warning_type"), Need::Optional, kNameLen);
    }
    return p;
}

FacePush decodeCapFaceReport(FieldReader &top)
{
    FacePush p;
    p.kind = FacePush::Kind::HttpReport;
    p.userName = top.string(QLatin1StringView("UserName"), Need::Optional, 32);
    p.passwordMd5 = top.string(QLatin1StringView("Password"), Need::Optional, 32);
    FieldReader r = top.object(QLatin1StringView(method::CapFaceReport), Need::Required);
    p.deviceId = r.string(QLatin1StringView("DeviceID"), Need::Optional, 64);
    p.uuid = r.string(QLatin1StringView("DeviceUUID"), Need::Optional, kUuidLen);
    p.productName = r.string(QLatin1StringView("DeviceName"), Need::Optional, kNameLen);
    p.deviceType = toInt(r.integer(QLatin1StringView("DeviceType"), Need::Optional, 0, 255));
    p.channel = toInt(r.integer(QLatin1StringView("Channel"), Need::Optional, 0, 255));
    p.host = r.string(QLatin1StringView("HostIP"), Need::Optional, kHostLen);
    p.mac = r.string(QLatin1StringView("DeviceMac"), Need::Optional, kMacLen);
    // The table lists the face fields beside DeviceID; the example nests them in
    // "Info". Both are read.
    FieldReader info = r.has(QLatin1StringView("Info")) ? r.object(QLatin1StringView("Info"), Need::Optional) : r;
    p.faceId = toLong(info.integer(QLatin1StringView("FaceID"), Need::Optional, 0, 9999999));
    p.quality = toInt(info.integer(QLatin1StringView("FaceQuality"), Need::Optional, 0, 65536));
    if (info.has(QLatin1StringView("Position"))) {
        FieldReader pos = info.object(QLatin1StringView("Position"), Need::Optional);
        const int x1 = toInt(pos.integer(QLatin1StringView("x1"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        const int y1 = toInt(pos.integer(QLatin1StringView("y1"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        const int x2 = toInt(pos.integer(QLatin1StringView("x2"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        const int y2 = toInt(pos.integer(QLatin1StringView("y2"), Need::Required, -kMaxCoordinate, kMaxCoordinate), 0);
        if (!pos.failed() && (x2 < x1 || y2 < y1))
            pos.setError(DecodeErrorKind::OutOfRange, QLatin1StringView("x2"),
                         ProtocolText::tr("the second corner lies before the first"));
        p.position = FaceRect{x1, y1, x2 - x1, y2 - y1, !pos.failed()};
    }
    p.captureTime = info.time(QLatin1StringView("CaptureTime"), &p.captureTimeText);
    p.image = info.base64(QLatin1StringView("Img"), Need::Optional);
    p.imageName = info.string(QLatin1StringView("ImgName"), Need::Optional, kFileNameLen);
    p.background = info.base64(QLatin1StringView("ImgFr"), Need::Optional);
    p.backgroundName = info.string(QLatin1StringView("ImgFrName"), Need::Optional, kFileNameLen);
    p.feature = info.feature(QLatin1StringView("FaceFeature"));
    p.attributes = readAttributes(info, QLatin1StringView("Attribute"));
    return p;
}

LibraryPicture decodePicture(FieldReader &param, bool imageRequired)
{
    LibraryPicture pic;
    pic.indexId = toLong(param.integer(QLatin1StringView("index_id"), Need::Required, 1, kMaxId));
    FieldReader a = param.object(QLatin1StringView("attribute"), Need::Optional);
    pic.attribute.name = a.string(QLatin1StringView("name"), Need::Optional, kNameLen);
    pic.attribute.gender = toInt(a.integer(QLatin1StringView("gender"), Need::Optional, 0, 2));
    pic.attribute.cardId = a.string(QLatin1StringView("card_id"), Need::Optional, kNameLen);
    QByteArray base64Text;
    pic.jpeg = param.base64(QLatin1StringView("img_data"), imageRequired ? Need::Required : Need::Optional, &base64Text);
    pic.jpegBase64Md5 = param.string(QLatin1StringView("jpegBase64MD5"), Need::Optional, 64).toLatin1();
    if (!pic.jpeg.isEmpty() && !pic.jpegBase64Md5.isEmpty())
        pic.md5Matches = pic.jpegBase64Md5.compare(base64Md5(base64Text), Qt::CaseInsensitive) == 0;
    else if (!pic.jpeg.isEmpty())
        param.warn(ProtocolText::tr("%1: no jpegBase64MD5 to check the image against")
                       .arg(param.pathOf(QLatin1StringView("img_data"))));
    return pic;
}

UserDigest readUser(FieldReader &top)
{
    UserDigest u;
    if (top.has(QLatin1StringView("user"))) {
        FieldReader r = top.object(QLatin1StringView("user"), Need::Optional);
        u.name = r.string(QLatin1StringView("name"), Need::Optional, 64);
        u.digest = r.string(QLatin1StringView("digest"), Need::Optional, 64);
    }
    return u;
}

int readErrorcode(FieldReader &r)
{
    if (r.has(QLatin1StringView("errorcode")))
        return toInt(r.integer(QLatin1StringView("errorcode"), Need::Required, -kMaxInt, kMaxInt), 0);
    if (r.has(QLatin1StringView("error"))) {
        FieldReader e = r.object(QLatin1StringView("error"), Need::Optional);
        return toInt(e.integer(QLatin1StringView("errorcode"), Need::Required, -kMaxInt, kMaxInt), 0);
    }
    return 0;
}

Message decodeLibraryRequest(const QString &m, FieldReader &holder)
{
    const bool isAdd = m == QLatin1StringView(method::AddPic);
    if (isAdd || m == QLatin1StringView(method::UpdatePic)) {
        FieldReader param = holder.object(QLatin1StringView("param"), Need::Required);
        // An update without a photo changes the attributes only.
        return AddPicRequest{!isAdd, decodePicture(param, isAdd)};
    }
    if (m == QLatin1StringView(method::DelPic)) {
        FieldReader param = holder.object(QLatin1StringView("param"), Need::Required);
        return DelPicRequest{toLong(param.integer(QLatin1StringView("index_id"), Need::Required, 1, kMaxId))};
    }
    if (m == QLatin1StringView(method::AddMultiplePic)) {
        AddMultiplePicRequest req;
        const QJsonArray items = holder.array(QLatin1StringView("param"), Need::Required);
        req.pictures.reserve(items.size());
        for (qsizetype i = 0; i < items.size() && !holder.failed(); ++i) {
            FieldReader item = holder.child(items[i], QStringLiteral("param[%1]").arg(i));
            req.pictures.append(decodePicture(item, true));
        }
        return req;
    }
    // sw_server_del_multiple_pic: [{"index_id":1},...] or, as the table's "[id],[id]" reads, [1,2].
    DelMultiplePicRequest req;
    const QJsonArray items = holder.array(QLatin1StringView("param"), Need::Required);
    for (qsizetype i = 0; i < items.size() && !holder.failed(); ++i) {
        const QString name = QStringLiteral("param[%1]").arg(i);
        if (items[i].isObject()) {
            FieldReader item = holder.child(items[i], name);
            req.indexIds.append(toLong(item.integer(QLatin1StringView("index_id"), Need::Required, 1, kMaxId)));
        } else {
            QJsonObject wrapper{{QStringLiteral("index_id"), items[i]}};
            FieldReader checked = holder.child(wrapper, name);
            req.indexIds.append(toLong(checked.integer(QLatin1StringView("index_id"), Need::Required, 1, kMaxId)));
        }
    }
    return req;
}

Message decodeLibraryReply(const QString &m, FieldReader &top)
{
    if (m == QLatin1StringView(method::AddMultiplePic) || m == QLatin1StringView(method::DelMultiplePic)) {
        MultiplePicReply reply;
        reply.method = m;
        reply.uuid = top.identity(QLatin1StringView("uuid"), Need::Optional, kUuidLen);
        const QJsonArray items = top.array(QLatin1StringView("result"), Need::Required);
        for (qsizetype i = 0; i < items.size() && !top.failed(); ++i) {
            FieldReader item = top.child(items[i], QStringLiteral("result[%1]").arg(i));
            ItemResult r;
            r.indexId = toLong(item.integer(QLatin1StringView("index_id"), Need::Required, 0, kMaxId));
            r.errorcode = readErrorcode(item);
            reply.results.append(r);
        }
        return reply;
    }
    PicReply reply;
    reply.method = m;
    reply.uuid = top.identity(QLatin1StringView("uuid"), Need::Optional, kUuidLen);
    FieldReader result = top.object(QLatin1StringView("result"), Need::Required);
    reply.errorcode = toInt(result.integer(QLatin1StringView("errorcode"), Need::Required, -kMaxInt, kMaxInt), 0);
    // index_id sits beside "result" in the examples; inside it in some firmware.
    FieldReader &idHolder = top.has(QLatin1StringView("index_id")) ? top : result;
    reply.indexId = toLong(idHolder.integer(QLatin1StringView("index_id"), Need::Optional, 0, kMaxId));
    return reply;
}

GetPicRequest decodeGetPicRequest(const QString &m, FieldReader &top)
{
    GetPicRequest req;
    req.method = m;
    req.sentcnt = toLong(top.integer(QLatin1StringView("sentcnt"), Need::Optional, 0, kMaxId));
    req.user = readUser(top);
    FieldReader p = top.object(QLatin1StringView("param"), Need::Required);
    req.indexId = toLong(p.integer(QLatin1StringView("index_id"), Need::Optional, 0, kMaxId));
    req.picName = p.string(QLatin1StringView("pic_name"), Need::Optional, kFileNameLen);
    if (req.picName.isEmpty())
        req.picName = p.string(QLatin1StringView("PicName"), Need::Optional, kFileNameLen);
    req.sortMode = toInt(p.integer(QLatin1StringView("SortMode"), Need::Optional, 0, 1000));
    req.timeStamp = p.string(QLatin1StringView("TimeStamp"), Need::Optional, 64);
    req.libIndex = toInt(p.integer(QLatin1StringView("LibIndex"), Need::Optional, 0, kMaxInt));
    req.fileIndex = toInt(p.integer(QLatin1StringView("FlieIndex"), Need::Optional, 0, kMaxInt));
    req.deviceType = toInt(p.integer(QLatin1StringView("DeviceType"), Need::Optional, 0, 255));
    return req;
}

GetPicReply decodeGetPicReply(const QString &m, FieldReader &top)
{
    GetPicReply reply;
    reply.method = m;
    reply.sentcnt = toLong(top.integer(QLatin1StringView("sentcnt"), Need::Optional, 0, kMaxId));
    reply.user = readUser(top);
    FieldReader r = top.object(QLatin1StringView("result"), Need::Required);
    reply.sortMode = toInt(r.integer(QLatin1StringView("SortMode"), Need::Optional, 0, 1000));
    reply.libIndex = toInt(r.integer(QLatin1StringView("LibIndex"), Need::Optional, 0, kMaxInt));
    reply.fileIndex = toInt(r.integer(QLatin1StringView("FlieIndex"), Need::Optional, 0, kMaxInt));
    reply.indexId = toLong(r.integer(QLatin1StringView("index_id"), Need::Optional, 0, kMaxId));
    reply.picName = r.string(QLatin1StringView("pic_name"), Need::Optional, kFileNameLen);
    if (reply.picName.isEmpty())
        reply.picName = r.string(QLatin1StringView("PicName"), Need::Optional, kFileNameLen);
    reply.image = r.base64(QLatin1StringView("img_data"), Need::Optional);
    if (reply.image.isEmpty())
        reply.image = r.base64(QLatin1StringView("Img"), Need::Optional);
    reply.deviceType = toInt(r.integer(QLatin1StringView("DeviceType"), Need::Optional, 0, 255));
    const bool codeInResult = r.has(QLatin1StringView("error")) || r.has(QLatin1StringView("errorcode"));
    reply.errorcode = codeInResult ? readErrorcode(r) : readErrorcode(top);
    return reply;
}

GetSortRequest decodeGetSortRequest(const QString &m, FieldReader &top)
{
    GetSortRequest req;
    req.method = m;
    req.sentcnt = toLong(top.integer(QLatin1StringView("sentcnt"), Need::Optional, 0, kMaxId));
    req.user = readUser(top);
    req.uuid = top.identity(QLatin1StringView("uuid"), Need::Optional, kUuidLen);
    FieldReader p = top.object(QLatin1StringView("param"), Need::Optional);
    req.picSort = toInt(p.integer(QLatin1StringView("pic_sort"), Need::Optional, 0, 1000));
    req.channelId = toInt(p.integer(QLatin1StringView("ChannelID"), Need::Optional, 0, 255));
    req.pageNum = toInt(p.integer(QLatin1StringView("faceRcgPageNum"), Need::Optional, 0, kMaxInt));
    req.pageSize = toInt(p.integer(QLatin1StringView("faceRcgPageSize"), Need::Optional, 0, kMaxInt));
    req.libType = toInt(p.integer(QLatin1StringView("faceRcgLibType"), Need::Optional, 0, 1000));
    return req;
}

GetSortReply decodeGetSortReply(const QString &m, FieldReader &top)
{
    GetSortReply reply;
    reply.method = m;
    reply.sentcnt = toLong(top.integer(QLatin1StringView("sentcnt"), Need::Optional, 0, kMaxId));
    reply.user = readUser(top);
    reply.uuid = top.identity(QLatin1StringView("uuid"), Need::Optional, kUuidLen);
    const QJsonValue result = top.value(QLatin1StringView("result"));
    if (result.isArray()) {
        const QJsonArray items = result.toArray();
        for (qsizetype i = 0; i < items.size() && !top.failed(); ++i) {
            FieldReader item = top.child(items[i], QStringLiteral("result[%1]").arg(i));
            SortEntry e;
            e.picSort = toInt(item.integer(QLatin1StringView("pic_sort"), Need::Optional, 0, 1000));
            e.indexId = toLong(item.integer(QLatin1StringView("index_id"), Need::Required, 0, kMaxId));
            reply.entries.append(e);
        }
    } else {
        FieldReader r = top.object(QLatin1StringView("result"), Need::Required);
        reply.totalCount = toLong(r.integer(QLatin1StringView("faceRcgCount"), Need::Optional, 0, kMaxId));
        const QJsonArray list = r.array(QLatin1StringView("faceRcgList"), Need::Optional);
        for (qsizetype i = 0; i < list.size() && !r.failed(); ++i) {
            FieldReader item = r.child(list[i], QStringLiteral("faceRcgList[%1]").arg(i));
            FaceRcgEntry e;
            e.faceRcgId = toLong(item.integer(QLatin1StringView("faceRcgID"), Need::Optional, 0, kMaxId));
            e.faceId = item.string(QLatin1StringView("faceID"), Need::Optional, 64);
            e.name = item.string(QLatin1StringView("faceRcgName"), Need::Optional, kNameLen);
            e.gender = toInt(item.integer(QLatin1StringView("gender"), Need::Optional, 0, 2));
            e.age = toInt(item.integer(QLatin1StringView("age"), Need::Optional, 0, 150));
            e.jpegUrl = item.string(QLatin1StringView("jpegURL"), Need::Optional, kFileNameLen);
            reply.faces.append(e);
        }
        if (r.has(QLatin1StringView("error")))
            reply.errorcode = readErrorcode(r);
    }
    if (top.has(QLatin1StringView("error")))
        reply.errorcode = readErrorcode(top);
    return reply;
}

StatusReply decodeStatusReply(FieldReader &top)
{
    StatusReply reply;
    reply.code = toInt(top.integer(QLatin1StringView("code"), Need::Required, -kMaxInt, kMaxInt), 0);
    reply.retMsg = top.string(QLatin1StringView("retMsg"), Need::Optional);
    if (top.has(QLatin1StringView("dataObj")))
        reply.dataObj = top.object(QLatin1StringView("dataObj"), Need::Optional).json();
    return reply;
}

AccessTokenReply decodeAccessTokenReply(FieldReader &top)
{
    AccessTokenReply reply;
    reply.code = toInt(top.integer(QLatin1StringView("code"), Need::Required, -kMaxInt, kMaxInt), 0);
    reply.retMsg = top.string(QLatin1StringView("retMsg"), Need::Optional);
    FieldReader d = top.object(QLatin1StringView("dataObject"), Need::Optional);
    reply.uuid = d.identity(QLatin1StringView("uuid"), Need::Optional, kUuidLen);
    reply.expiresIn = toLong(d.integer(QLatin1StringView("expires_in"), Need::Optional, 0, kMaxId));
    reply.token = d.identity(QLatin1StringView("token"), Need::Optional, kTokenLen);
    reply.tcpPort = toInt(d.integer(QLatin1StringView("tcp_port"), Need::Optional, 0, 65535));
    return reply;
}

// Messages that name their method at the top level.
std::optional<Message> decodeByMethod(const QString &m, FieldReader &top, DecodeError &error)
{
    const auto is = [&m](const char *name) { return m == QLatin1StringView(name); };
    if (is(method::AccessToken)) {
        if (top.has(QLatin1StringView("code")) || top.has(QLatin1StringView("dataObject")))
            return decodeAccessTokenReply(top);
        AccessTokenRequest req;
        req.uuid = top.identity(QLatin1StringView("uuid"), Need::Required, kUuidLen);
        req.deviceKey = top.string(QLatin1StringView("device_key"), Need::Optional, kKeyLen);
        req.deviceType = toInt(top.integer(QLatin1StringView("device_type"), Need::Optional, 0, 255));
        req.mac = top.string(QLatin1StringView("mac"), Need::Optional, kMacLen);
        req.timestamp = toLong(top.integer(QLatin1StringView("timestamp"), Need::Optional, 0, kMaxId));
        if (top.has(QLatin1StringView("account"))) {
            FieldReader a = top.object(QLatin1StringView("account"), Need::Optional);
            req.accountUser = a.string(QLatin1StringView("user"), Need::Optional, 64);
            req.accountPassword = a.string(QLatin1StringView("passwd"), Need::Optional, 64);
        }
        return req;
    }
    if (is(method::Keepalive)) {
        KeepaliveRequest req;
        req.uuid = top.identity(QLatin1StringView("uuid"), Need::Required, kUuidLen);
        req.mac = top.string(QLatin1StringView("mac"), Need::Optional, kMacLen);
        req.deviceType = toInt(top.integer(QLatin1StringView("device_type"), Need::Optional, 0, 255));
        req.timestamp = top.string(QLatin1StringView("timestamp"), Need::Optional, 32);
        req.softVersion = top.string(QLatin1StringView("soft_version"), Need::Optional, kVersionLen);
        req.token = top.identity(QLatin1StringView("token"), Need::Optional, kTokenLen);
        return req;
    }
    if (is(method::FaceComparePush))
        return decodeFacePush(top, FacePush::Kind::Compare);
    if (is(method::FaceCapturePush))
        return decodeFacePush(top, FacePush::Kind::Capture);
    if (is(method::AddPic) || is(method::UpdatePic) || is(method::DelPic) || is(method::AddMultiplePic)
        || is(method::DelMultiplePic)) {
        if (top.has(QLatin1StringView("result")))
            return decodeLibraryReply(m, top);
        return decodeLibraryRequest(m, top);
    }
    if (is(method::GetPic) || is(method::GetOnePic)) {
        if (top.has(QLatin1StringView("result")))
            return decodeGetPicReply(m, top);
        return decodeGetPicRequest(m, top);
    }
    if (is(method::GetSort) || is(method::GetFaceRcgList)) {
        if (top.has(QLatin1StringView("result")))
            return decodeGetSortReply(m, top);
        return decodeGetSortRequest(m, top);
    }
    if (is(method::DeviceSyncData)) {
        if (top.has(QLatin1StringView("code"))) {
            const StatusReply s = decodeStatusReply(top);
            return DeviceSyncReply{s.code, s.retMsg};
        }
        DeviceSyncRequest req;
        req.token = top.identity(QLatin1StringView("token"), Need::Optional, kTokenLen);
        req.uuid = top.identity(QLatin1StringView("uuid"), Need::Required, kUuidLen);
        return req;
    }
    error = DecodeError{DecodeErrorKind::UnknownMethod, QStringLiteral("method"), describeValue(QJsonValue(m))};
    return std::nullopt;
}

// Messages in the {"dataLength":N,"data":{"method":...}} envelope.
std::optional<Message> decodeEnveloped(const QString &m, FieldReader &data, DecodeError &error)
{
    const auto is = [&m](const char *name) { return m == QLatin1StringView(name); };
    if (is(method::Keepalive) || is(method::DeviceSyncData)) {
        StatusReply s;
        s.code = toInt(data.integer(QLatin1StringView("code"), Need::Required, -kMaxInt, kMaxInt), 0);
        s.retMsg = data.string(QLatin1StringView("retMsg"), Need::Optional);
        if (is(method::Keepalive))
            return KeepaliveReply{s.code, s.retMsg};
        return DeviceSyncReply{s.code, s.retMsg};
    }
    if (is(method::AddPic) || is(method::UpdatePic) || is(method::DelPic) || is(method::AddMultiplePic)
        || is(method::DelMultiplePic))
        return decodeLibraryRequest(m, data);
    // Anything else in an envelope is read as if it were not enveloped.
    return decodeByMethod(m, data, error);
}

} // namespace

namespace {

// Keys whose repetition makes a message mean two things (RepeatedKeys.h): who sent
// it, what it is, and the images it carries. Other repeated keys (a device that
// writes "age" twice) stay tolerated: last one wins, as before.
QString ambiguousKey(const QStringList &repeated)
{
    static const QStringList identity{QStringLiteral("method"), QStringLiteral("token"), QStringLiteral("uuid"),
                                      QStringLiteral("datalength"), QStringLiteral("img_data"),
                                      QStringLiteral("img_fr"), QStringLiteral("img"), QStringLiteral("imgfr")};
    for (const QString &key : repeated)
        if (identity.contains(key))
            return key;
    return {};
}

// dataLength, wherever the top level carries it (the envelope or beside "method"):
// a whole number of bytes or an error; a number that disagrees with the text is only
// a warning, counted per device by the server (PROTOCOL.md 2.4).
void readDataLength(FieldReader &top, qsizetype size, Decoded *out)
{
    if (top.value(QLatin1StringView("dataLength")).isUndefined())
        return;
    out->dataLength = toLong(top.integer(QLatin1StringView("dataLength"), Need::Required, 0, kMaxId));
    out->dataLengthMatches = out->dataLength < 0 || out->dataLength == size;
    if (!out->dataLengthMatches)
        out->warnings.append(
            ProtocolText::tr("dataLength says %1 bytes but the message has %2").arg(out->dataLength).arg(size));
}

} // namespace

Decoded decode(QByteArrayView json, const DecodeLimits &limits)
{
    Decoded out;
    LiftedImages lifted;  // image values, read from json itself
    const LenientParse parsed = parseLenientObject(json, limits.json, &lifted);
    out.repaired = parsed.repaired;
    if (parsed.error) {
        out.error = DecodeError{DecodeErrorKind::Json, QString(), parsed.error.describe()};
        return out;
    }
    if (const QString key = ambiguousKey(parsed.repeatedKeys); !key.isEmpty()) {
        out.error = DecodeError{DecodeErrorKind::Ambiguous, key,
                                ProtocolText::tr("the message names it more than once; which one counts would be a guess")};
        return out;
    }
    DecodeError error;
    FieldReader top(parsed.object, QString(), &error, &out.warnings, &lifted);
    std::optional<Message> message;
    readDataLength(top, json.size(), &out);
    if (error) {
        out.error = error;
        return out;
    }

    if (top.has(QLatin1StringView("method"))) {
        out.method = top.identity(QLatin1StringView("method"), Need::Required, kMethodLen).trimmed();
        if (!error)
            message = decodeByMethod(out.method, top, error);
    } else if (top.value(QLatin1StringView("data")).isObject()
               && FieldReader(top.value(QLatin1StringView("data")).toObject(), QString(), nullptr, nullptr)
                      .has(QLatin1StringView("method"))) {
        FieldReader data = top.object(QLatin1StringView("data"), Need::Required);
        out.method = data.identity(QLatin1StringView("method"), Need::Required, kMethodLen).trimmed();
        if (!error)
            message = decodeEnveloped(out.method, data, error);
    } else if (top.has(QLatin1StringView(method::CapFaceReport))) {
        out.method = QString::fromLatin1(method::CapFaceReport);
        const QJsonValue body = top.value(QLatin1StringView(method::CapFaceReport));
        const bool isReply = body.isObject() && !top.has(QLatin1StringView("UserName"))
            && FieldReader(body.toObject(), QString(), nullptr, nullptr).has(QLatin1StringView("result"));
        if (isReply) {
            FieldReader r = top.object(QLatin1StringView(method::CapFaceReport), Need::Required);
            CapFaceReportReply reply;
            reply.result = toInt(r.integer(QLatin1StringView("result"), Need::Required, -kMaxInt, kMaxInt), 0);
            reply.info = r.string(QLatin1StringView("info"), Need::Optional);
            message = reply;
        } else {
            message = decodeCapFaceReport(top);
        }
    } else if (top.value(QLatin1StringView("dataObject")).isObject()) {
        out.method = QString::fromLatin1(method::AccessToken);
        message = decodeAccessTokenReply(top);
    } else if (top.has(QLatin1StringView("code"))) {
        message = decodeStatusReply(top);
    } else {
        error = DecodeError{DecodeErrorKind::MissingMethod, QStringLiteral("method"),
                            ProtocolText::tr("the message names no method")};
    }

    if (error) {
        out.error = error;
        return out;
    }
    out.message = std::move(message);
    return out;
}

// ---- encoding -----------------------------------------------------------------------

namespace {

QString latin(const char *s) { return QString::fromLatin1(s); }

void putString(QJsonObject &o, const char *key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(latin(key), v);
}

void putInt(QJsonObject &o, const char *key, qint64 v)
{
    if (v >= 0)
        o.insert(latin(key), v);
}

void putBase64(QJsonObject &o, const char *key, const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        o.insert(latin(key), QString::fromLatin1(bytes.toBase64()));
}

QString featureText(const QList<float> &feature)
{
    QByteArray text;
    text.reserve(feature.size() * 12);
    char buf[32];
    for (qsizetype i = 0; i < feature.size(); ++i) {
        if (i)
            text += ',';
        // Shortest text that reads back as the same float.
        const auto r = std::to_chars(buf, buf + sizeof buf, feature[i]);
        text.append(buf, r.ptr - buf);
    }
    return QString::fromLatin1(text);
}

QJsonObject attributesJson(const FaceAttributes &a, bool capitalised)
{
    QJsonObject o;
    putInt(o, capitalised ? "Age" : "age", a.age);
    putInt(o, capitalised ? "Gender" : "gender", a.gender);
    putInt(o, capitalised ? "Glasses" : "glasses", a.glasses);
    putInt(o, capitalised ? "Mask" : "mask", a.mask);
    putInt(o, capitalised ? "Beard" : "beard", a.beard);
    putInt(o, capitalised ? "Race" : "race", a.race);
    putInt(o, capitalised ? "Emotion" : "emotion", a.emotion);
    return o;
}

QJsonObject facePushJson(const FacePush &p)
{
    QJsonObject top;
    if (p.kind == FacePush::Kind::HttpReport) {
        putString(top, "UserName", p.userName);
        putString(top, "Password", p.passwordMd5);
        QJsonObject r;
        putString(r, "DeviceID", p.deviceId);
        putString(r, "DeviceUUID", p.uuid);
        putString(r, "DeviceName", p.productName);
        putInt(r, "DeviceType", p.deviceType);
        putInt(r, "Channel", p.channel);
        putString(r, "HostIP", p.host);
        putString(r, "DeviceMac", p.mac);
        QJsonObject info;
        putInt(info, "FaceID", p.faceId);
        putInt(info, "FaceQuality", p.quality);
        if (p.position.valid)
            info.insert(latin("Position"), QJsonObject{{latin("x1"), p.position.x},
                                                       {latin("y1"), p.position.y},
                                                       {latin("x2"), p.position.x + p.position.w},
                                                       {latin("y2"), p.position.y + p.position.h}});
        putString(info, "CaptureTime", p.captureTimeText);
        putBase64(info, "Img", p.image);
        putString(info, "ImgName", p.imageName);
        putBase64(info, "ImgFr", p.background);
        putString(info, "ImgFrName", p.backgroundName);
        if (!p.feature.isEmpty())
            info.insert(latin("FaceFeature"), featureText(p.feature));
        if (!p.attributes.isEmpty())
            info.insert(latin("Attribute"), attributesJson(p.attributes, true));
        r.insert(latin("Info"), info);
        top.insert(latin(method::CapFaceReport), r);
        return top;
    }
    const bool compare = p.kind == FacePush::Kind::Compare;
    top.insert(latin("method"), latin(compare ? method::FaceComparePush : method::FaceCapturePush));
    putString(top, "token", p.token);
    putString(top, "uuid", p.uuid);
    putString(top, "mac", p.mac);
    putString(top, "host", p.host);
    putString(top, "product_name", p.productName);
    putInt(top, "device_type", p.deviceType);
    QJsonObject d;
    putInt(d, "channel", p.channel);
    if (compare) {
        putInt(d, "index_id", p.indexId);
        putInt(d, "pic_sort", p.picSort);
        putString(d, "pic_name", p.picName);
        if (p.matchScore)
            d.insert(latin("match_score"), *p.matchScore);
        putInt(d, "visit_count", p.visitCount);
    } else {
        putInt(d, "track_id", p.trackId);
    }
    if (p.position.valid)
        d.insert(latin("position"), QJsonObject{{latin("x"), p.position.x},
                                                {latin("y"), p.position.y},
                                                {latin("w"), p.position.w},
                                                {latin("h"), p.position.h}});
    putString(d, "capture_time", p.captureTimeText);
    putString(d, "send_time", p.sendTimeText);
    putInt(d, "quality", p.quality);
    if (!p.attributes.isEmpty())
        d.insert(latin("attribute"), attributesJson(p.attributes, false));
    putBase64(d, "img_data", p.image);
    putString(d, "img_name", p.imageName);
    putBase64(d, "img_fr", p.background);
    putString(d, "img_fr_name", p.backgroundName);
    if (!p.feature.isEmpty())
        d.insert(latin("face_feature"), featureText(p.feature));
    if (!p.temperature.isEmpty()) {
        QJsonObject t;
        if (p.temperature.realtime)
            t.insert(latin("realtime_t"), *p.temperature.realtime);
        if (p.temperature.warning)
            t.insert(latin("warning_t"), *p.temperature.warning);
        putString(t, "warning_type", p.temperature.warningType);
        d.insert(latin("temperature"), t);
    }
    top.insert(latin("data"), d);
    return top;
}

QJsonObject pictureJson(const LibraryPicture &pic)
{
    QJsonObject param;
    param.insert(latin("index_id"), pic.indexId);
    QJsonObject a;
    a.insert(latin("name"), pic.attribute.name);
    putInt(a, "gender", pic.attribute.gender);
    putString(a, "card_id", pic.attribute.cardId);
    param.insert(latin("attribute"), a);
    if (!pic.jpeg.isEmpty()) {
        const QByteArray b64 = pic.jpeg.toBase64();
        param.insert(latin("img_data"), QString::fromLatin1(b64));
        param.insert(latin("jpegBase64MD5"), QString::fromLatin1(base64Md5(b64)));
    }
    return param;
}

QJsonObject userJson(const UserDigest &u)
{
    return QJsonObject{{latin("name"), u.name}, {latin("digest"), u.digest}};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray enveloped(const char *methodName, const QJsonValue &param)
{
    QJsonObject data{{latin("method"), latin(methodName)}};
    if (!param.isUndefined())
        data.insert(latin("param"), param);
    return wrapWithDataLength(compact(data));
}

QByteArray envelopedStatus(const char *methodName, int code, const QString &retMsg)
{
    QJsonObject data{{latin("method"), latin(methodName)}, {latin("code"), code}, {latin("retMsg"), retMsg}};
    return wrapWithDataLength(compact(data));
}

struct Encoder {
    QByteArray operator()(const AccessTokenRequest &m) const
    {
        QJsonObject o{{latin("method"), latin(method::AccessToken)}};
        putString(o, "uuid", m.uuid);
        putString(o, "device_key", m.deviceKey);
        putInt(o, "device_type", m.deviceType);
        putString(o, "mac", m.mac);
        putInt(o, "timestamp", m.timestamp);
        if (!m.accountUser.isEmpty() || !m.accountPassword.isEmpty())
            o.insert(latin("account"), QJsonObject{{latin("user"), m.accountUser}, {latin("passwd"), m.accountPassword}});
        return compact(o);
    }
    QByteArray operator()(const AccessTokenReply &m) const
    {
        QJsonObject o{{latin("code"), m.code}, {latin("retMsg"), m.retMsg}};
        QJsonObject d{{latin("method"), latin(method::AccessToken)}};
        putString(d, "uuid", m.uuid);
        putInt(d, "expires_in", m.expiresIn);
        putString(d, "token", m.token);
        putInt(d, "tcp_port", m.tcpPort);
        o.insert(latin("dataObject"), d);
        return compact(o);
    }
    QByteArray operator()(const KeepaliveRequest &m) const
    {
        QJsonObject o{{latin("method"), latin(method::Keepalive)}};
        putString(o, "uuid", m.uuid);
        putString(o, "mac", m.mac);
        putInt(o, "device_type", m.deviceType);
        putString(o, "timestamp", m.timestamp);
        putString(o, "soft_version", m.softVersion);
        putString(o, "token", m.token);
        return compact(o);
    }
    QByteArray operator()(const KeepaliveReply &m) const { return envelopedStatus(method::Keepalive, m.code, m.retMsg); }
    QByteArray operator()(const FacePush &m) const { return compact(facePushJson(m)); }
    QByteArray operator()(const StatusReply &m) const
    {
        QJsonObject o{{latin("code"), m.code}, {latin("retMsg"), m.retMsg}};
        if (!m.dataObj.isEmpty())
            o.insert(latin("dataObj"), m.dataObj);
        return compact(o);
    }
    QByteArray operator()(const CapFaceReportReply &m) const
    {
        return compact(QJsonObject{{latin(method::CapFaceReport),
                                    QJsonObject{{latin("result"), m.result}, {latin("info"), m.info}}}});
    }
    QByteArray operator()(const AddPicRequest &m) const
    {
        return enveloped(m.update ? method::UpdatePic : method::AddPic, pictureJson(m.picture));
    }
    QByteArray operator()(const DelPicRequest &m) const
    {
        return enveloped(method::DelPic, QJsonObject{{latin("index_id"), m.indexId}});
    }
    QByteArray operator()(const AddMultiplePicRequest &m) const
    {
        QJsonArray items;
        for (const LibraryPicture &p : m.pictures)
            items.append(pictureJson(p));
        return enveloped(method::AddMultiplePic, items);
    }
    QByteArray operator()(const DelMultiplePicRequest &m) const
    {
        QJsonArray items;
        for (qint64 id : m.indexIds)
            items.append(QJsonObject{{latin("index_id"), id}});
        return enveloped(method::DelMultiplePic, items);
    }
    QByteArray operator()(const PicReply &m) const
    {
        QJsonObject o{{latin("method"), m.method}, {latin("result"), QJsonObject{{latin("errorcode"), m.errorcode}}}};
        putInt(o, "index_id", m.indexId);
        putString(o, "uuid", m.uuid);
        return compact(o);
    }
    QByteArray operator()(const MultiplePicReply &m) const
    {
        QJsonArray items;
        for (const ItemResult &r : m.results)
            items.append(QJsonObject{{latin("index_id"), r.indexId}, {latin("errorcode"), r.errorcode}});
        QJsonObject o{{latin("method"), m.method}, {latin("result"), items}};
        putString(o, "uuid", m.uuid);
        return compact(o);
    }
    QByteArray operator()(const GetPicRequest &m) const
    {
        QJsonObject o{{latin("method"), m.method}};
        putInt(o, "sentcnt", m.sentcnt);
        if (!m.user.name.isEmpty())
            o.insert(latin("user"), userJson(m.user));
        QJsonObject p;
        putInt(p, "index_id", m.indexId);
        putString(p, m.method == QLatin1StringView(method::GetOnePic) ? "PicName" : "pic_name", m.picName);
        putInt(p, "SortMode", m.sortMode);
        putString(p, "TimeStamp", m.timeStamp);
        putInt(p, "LibIndex", m.libIndex);
        putInt(p, "FlieIndex", m.fileIndex);
        putInt(p, "DeviceType", m.deviceType);
        o.insert(latin("param"), p);
        return compact(o);
    }
    QByteArray operator()(const GetPicReply &m) const
    {
        QJsonObject o{{latin("method"), m.method}};
        putInt(o, "sentcnt", m.sentcnt);
        if (!m.user.name.isEmpty())
            o.insert(latin("user"), userJson(m.user));
        const bool example = m.method == QLatin1StringView(method::GetOnePic);
        QJsonObject r;
        putInt(r, "index_id", m.indexId);
        putString(r, example ? "PicName" : "pic_name", m.picName);
        putBase64(r, example ? "Img" : "img_data", m.image);
        putInt(r, "SortMode", m.sortMode);
        putInt(r, "LibIndex", m.libIndex);
        putInt(r, "FlieIndex", m.fileIndex);
        putInt(r, "DeviceType", m.deviceType);
        r.insert(latin("error"), QJsonObject{{latin("errorcode"), m.errorcode}});
        o.insert(latin("result"), r);
        return compact(o);
    }
    QByteArray operator()(const GetSortRequest &m) const
    {
        QJsonObject o{{latin("method"), m.method}};
        putInt(o, "sentcnt", m.sentcnt);
        if (!m.user.name.isEmpty())
            o.insert(latin("user"), userJson(m.user));
        putString(o, "uuid", m.uuid);
        QJsonObject p;
        putInt(p, "pic_sort", m.picSort);
        putInt(p, "ChannelID", m.channelId);
        putInt(p, "faceRcgPageNum", m.pageNum);
        putInt(p, "faceRcgPageSize", m.pageSize);
        putInt(p, "faceRcgLibType", m.libType);
        o.insert(latin("param"), p);
        return compact(o);
    }
    QByteArray operator()(const GetSortReply &m) const
    {
        QJsonObject o{{latin("method"), m.method}};
        putInt(o, "sentcnt", m.sentcnt);
        if (!m.user.name.isEmpty())
            o.insert(latin("user"), userJson(m.user));
        putString(o, "uuid", m.uuid);
        if (m.totalCount >= 0 || !m.faces.isEmpty()) {
            QJsonArray list;
            for (const FaceRcgEntry &e : m.faces) {
                QJsonObject f;
                putInt(f, "faceRcgID", e.faceRcgId);
                putString(f, "faceID", e.faceId);
                putString(f, "faceRcgName", e.name);
                putInt(f, "gender", e.gender);
                putInt(f, "age", e.age);
                putString(f, "jpegURL", e.jpegUrl);
                list.append(f);
            }
            QJsonObject r{{latin("faceRcgList"), list}};
            putInt(r, "faceRcgCount", m.totalCount);
            o.insert(latin("result"), r);
        } else {
            QJsonArray entries;
            for (const SortEntry &e : m.entries) {
                QJsonObject s{{latin("index_id"), e.indexId}};
                putInt(s, "pic_sort", e.picSort);
                entries.append(s);
            }
            o.insert(latin("result"), entries);
        }
        o.insert(latin("error"), QJsonObject{{latin("errorcode"), m.errorcode}});
        return compact(o);
    }
    QByteArray operator()(const DeviceSyncRequest &m) const
    {
        QJsonObject o{{latin("method"), latin(method::DeviceSyncData)}};
        putString(o, "token", m.token);
        putString(o, "uuid", m.uuid);
        return compact(o);
    }
    QByteArray operator()(const DeviceSyncReply &m) const
    {
        return envelopedStatus(method::DeviceSyncData, m.code, m.retMsg);
    }
};

int decimalDigits(qint64 n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

} // namespace

QByteArray encode(const Message &message)
{
    return std::visit(Encoder{}, message);
}

qint64 dataLengthFor(qsizetype innerSize)
{
    // {"dataLength":N,"data":<inner>}  ->  fixed part + digits(N) + inner
    const qint64 fixed = qint64(sizeof("{\"dataLength\":,\"data\":}") - 1) + innerSize;
    qint64 n = fixed + 1;
    while (fixed + decimalDigits(n) != n)
        n = fixed + decimalDigits(n);
    return n;
}

QByteArray wrapWithDataLength(const QByteArray &innerObjectJson)
{
    const qint64 n = dataLengthFor(innerObjectJson.size());
    QByteArray out;
    out.reserve(n);
    out += "{\"dataLength\":";
    out += QByteArray::number(n);
    out += ",\"data\":";
    out += innerObjectJson;
    out += '}';
    Q_ASSERT(out.size() == n);
    return out;
}

QByteArray base64Md5(const QByteArray &base64Text)
{
    return QCryptographicHash::hash(base64Text, QCryptographicHash::Md5).toHex();
}

QString messageName(const Message &message)
{
    struct Namer {
        QString operator()(const AccessTokenRequest &) const { return QStringLiteral("accesstoken request"); }
        QString operator()(const AccessTokenReply &) const { return QStringLiteral("accesstoken reply"); }
        QString operator()(const KeepaliveRequest &) const { return QStringLiteral("keepalive"); }
        QString operator()(const KeepaliveReply &) const { return QStringLiteral("keepalive reply"); }
        QString operator()(const FacePush &p) const
        {
            switch (p.kind) {
            case FacePush::Kind::Compare: return latin(method::FaceComparePush);
            case FacePush::Kind::Capture: return latin(method::FaceCapturePush);
            case FacePush::Kind::HttpReport: return latin(method::CapFaceReport);
            }
            return {};
        }
        QString operator()(const StatusReply &) const { return QStringLiteral("status reply"); }
        QString operator()(const CapFaceReportReply &) const { return QStringLiteral("sw_cap_face_report reply"); }
        QString operator()(const AddPicRequest &m) const { return latin(m.update ? method::UpdatePic : method::AddPic); }
        QString operator()(const DelPicRequest &) const { return latin(method::DelPic); }
        QString operator()(const AddMultiplePicRequest &) const { return latin(method::AddMultiplePic); }
        QString operator()(const DelMultiplePicRequest &) const { return latin(method::DelMultiplePic); }
        QString operator()(const PicReply &m) const { return m.method + QStringLiteral(" reply"); }
        QString operator()(const MultiplePicReply &m) const { return m.method + QStringLiteral(" reply"); }
        QString operator()(const GetPicRequest &m) const { return m.method; }
        QString operator()(const GetPicReply &m) const { return m.method + QStringLiteral(" reply"); }
        QString operator()(const GetSortRequest &m) const { return m.method; }
        QString operator()(const GetSortReply &m) const { return m.method + QStringLiteral(" reply"); }
        QString operator()(const DeviceSyncRequest &) const { return latin(method::DeviceSyncData); }
        QString operator()(const DeviceSyncReply &) const { return latin(method::DeviceSyncData) + QStringLiteral(" reply"); }
    };
    return std::visit(Namer{}, message);
}

} // namespace fd::protocol
