#include "FieldReader.h"

#include "RepeatedKeys.h"

#include "Base64Lift.h"

#include "Base64.h"
#include "LenientJson.h"
#include "ProtocolText.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <charconv>
#include <cmath>

namespace fd::protocol {

namespace {

// Parses "12", " 12 ", "0x10", "-3" exactly; "1.0" is accepted as 1, "1.5" is not.
std::optional<qint64> integerFromText(QStringView text)
{
    const QString t = text.trimmed().toString();
    if (t.isEmpty())
        return std::nullopt;
    bool ok = false;
    qint64 v = 0;
    if (t.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) || t.startsWith(QLatin1String("-0x"), Qt::CaseInsensitive)) {
        const bool neg = t.startsWith(u'-');
        v = t.mid(neg ? 3 : 2).toLongLong(&ok, 16);
        if (neg)
            v = -v;
    } else {
        v = t.toLongLong(&ok, 10);
        if (!ok) {
            const double d = t.toDouble(&ok);
            if (ok && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
                v = qint64(d);
            else
                ok = false;
        }
    }
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

std::optional<double> realFromText(QStringView text)
{
    const QString t = text.trimmed().toString();
    bool ok = false;
    const double d = t.toDouble(&ok);
    if (ok && std::isfinite(d))
        return d;
    if (const auto i = integerFromText(t))
        return double(*i);
    return std::nullopt;
}

// Key equality as sloppy devices need it, without allocating: surrounding white
// space, stray commas and quotes ignored, letter case ignored.
bool sameKey(QStringView have, QLatin1StringView want)
{
    return keyCore(have).compare(want, Qt::CaseInsensitive) == 0;
}

// "2018-04-17 14:53:23", the form every device uses, read without QDateTimeParser
// (which costs more than the rest of a push together).
QDateTime fastWallClock(QStringView t)
{
    if (t.size() != 19 || t[4] != u'-' || t[7] != u'-' || (t[10] != u' ' && t[10] != u'T') || t[13] != u':'
        || t[16] != u':')
        return {};
    auto num = [&t](int from, int len, bool *ok) {
        int v = 0;
        for (int i = from; i < from + len; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                *ok = false;
            v = v * 10 + (c - u'0');
        }
        return v;
    };
    bool ok = true;
    const QDate date(num(0, 4, &ok), num(5, 2, &ok), num(8, 2, &ok));
    const QTime time(num(11, 2, &ok), num(14, 2, &ok), num(17, 2, &ok));
    if (!ok || !date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time);
}

bool isBlank(const QString &s)
{
    for (QChar c : s)
        if (!c.isSpace())
            return false;
    return true;
}

} // namespace

// Why base64 text does not decode, in the sender's terms: its length and the first
// character that is not base64, or that it ends in the middle of a byte.
static QString base64Problem(QByteArrayView text)
{
    if (const qsizetype at = firstNonBase64(text); at >= 0)
        return ProtocolText::tr("not valid base64: %1 characters, \"%2\" at character %3 is not a base64 character")
            .arg(text.size())
            .arg(QString::fromLatin1(QByteArray(1, text[at]).toPercentEncoding(" !\"#$&'()*,;<>?@[]^`{|}~")))
            .arg(at + 1);
    return ProtocolText::tr("not valid base64: %1 characters that do not make whole bytes (cut short?)").arg(text.size());
}

QString describeValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: {
        QString s = v.toString();
        if (s.size() > 40)
            s = s.left(37) + QStringLiteral("...");
        return u'"' + s + u'"';
    }
    case QJsonValue::Array: return ProtocolText::tr("a list");
    case QJsonValue::Object: return ProtocolText::tr("an object");
    case QJsonValue::Undefined: break;
    }
    return ProtocolText::tr("nothing");
}

FieldReader::FieldReader(const QJsonObject &object, QString path, DecodeError *error, QStringList *warnings,
                         const LiftedImages *lifted)
    : m_object(object), m_path(std::move(path)), m_error(error), m_warnings(warnings), m_lifted(lifted)
{
}

QJsonValue FieldReader::value(QLatin1StringView key) const
{
    const auto it = m_object.constFind(key);
    if (it != m_object.constEnd())
        return *it;
    // Tolerant scan: " retMsg" for "retMsg", "Imgfr" for "ImgFr", "Index_id" for "index_id".
    for (auto i = m_object.constBegin(); i != m_object.constEnd(); ++i) {
        if (sameKey(i.key(), key))
            return i.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool FieldReader::has(QLatin1StringView key) const
{
    const QJsonValue v = value(key);
    return !v.isUndefined() && !v.isNull();
}

QString FieldReader::pathOf(QLatin1StringView key) const
{
    return m_path.isEmpty() ? QString(key) : m_path + u'.' + key;
}

void FieldReader::setError(DecodeErrorKind kind, QLatin1StringView key, const QString &detail)
{
    if (m_error && !*m_error)
        *m_error = DecodeError{kind, pathOf(key), detail};
}

void FieldReader::warn(const QString &text)
{
    if (m_warnings)
        m_warnings->append(text);
}

bool FieldReader::missing(QLatin1StringView key, const QJsonValue &v, Need need)
{
    if (!v.isUndefined() && !v.isNull())
        return false;
    if (need == Need::Required)
        setError(DecodeErrorKind::MissingField, key, ProtocolText::tr("required field is absent"));
    return true;
}

std::optional<qint64> FieldReader::integer(QLatin1StringView key, Need need, qint64 min, qint64 max)
{
    if (failed())
        return std::nullopt;
    const QJsonValue v = value(key);
    if (missing(key, v, need))
        return std::nullopt;
    std::optional<qint64> result;
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Whole numbers only, and only those a qint64 can hold (1e30 is not an id).
        if (d == std::floor(d) && std::isfinite(d) && std::fabs(d) < 9.2e18)
            result = v.toInteger(qint64(d));
    } else if (v.isString()) {
        if (isBlank(v.toString()) && need == Need::Optional)
            return std::nullopt;
        result = integerFromText(v.toString());
    }
    if (!result) {
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected a whole number, found %1").arg(describeValue(v)));
        return std::nullopt;
    }
    if (*result < min || *result > max) {
        setError(DecodeErrorKind::OutOfRange, key,
                 ProtocolText::tr("%1 is outside %2..%3").arg(*result).arg(min).arg(max));
        return std::nullopt;
    }
    return result;
}

std::optional<double> FieldReader::real(QLatin1StringView key, Need need, double min, double max)
{
    if (failed())
        return std::nullopt;
    const QJsonValue v = value(key);
    if (missing(key, v, need))
        return std::nullopt;
    std::optional<double> result;
    if (v.isDouble())
        result = v.toDouble();
    else if (v.isString()) {
        if (isBlank(v.toString()) && need == Need::Optional)
            return std::nullopt;
        result = realFromText(v.toString());
    }
    if (!result) {
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected a number, found %1").arg(describeValue(v)));
        return std::nullopt;
    }
    if (*result < min || *result > max) {
        setError(DecodeErrorKind::OutOfRange, key, ProtocolText::tr("%1 is outside %2..%3").arg(*result).arg(min).arg(max));
        return std::nullopt;
    }
    return result;
}

QString FieldReader::string(QLatin1StringView key, Need need, int maxBytes)
{
    if (failed())
        return {};
    const QJsonValue v = value(key);
    if (missing(key, v, need))
        return {};
    QString s;
    if (v.isString()) {
        s = v.toString();
    } else if (v.isDouble()) {
        // A number where text was expected (" retMsg": 0): its decimal text.
        const double d = v.toDouble();
        s = (d == std::floor(d) && std::fabs(d) < 9.0e15) ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    } else if (v.isBool()) {
        s = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    } else {
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected text, found %1").arg(describeValue(v)));
        return {};
    }
    if (maxBytes > 0) {
        const qsizetype bytes = s.toUtf8().size();
        if (bytes > maxBytes) {
            setError(DecodeErrorKind::TooLong, key, ProtocolText::tr("%1 bytes, the limit is %2").arg(bytes).arg(maxBytes));
            return {};
        }
    }
    return s;
}

QString FieldReader::identity(QLatin1StringView key, Need need, int maxBytes)
{
    if (failed())
        return {};
    const QJsonValue v = value(key);
    if (missing(key, v, need))
        return {};
    // Text, or a whole number some firmware writes without quotes. A uuid or token
    // of true, -1.5 or an object is no identity: reading it as the text "true" would
    // hand a token to a device called "true".
    const double d = v.toDouble(-1);
    if (!v.isString() && !(v.isDouble() && d >= 0 && d == std::floor(d) && d < 9.0e15)) {
        setError(DecodeErrorKind::WrongType, key,
                 ProtocolText::tr("expected text, found %1").arg(describeValue(v)));
        return {};
    }
    const QString text = string(key, need, maxBytes);
    // A blank identity names nobody: refused like a missing one when it is required.
    if (need == Need::Required && !failed() && QString(text).remove(QChar(0xFEFF)).trimmed().isEmpty())
        setError(DecodeErrorKind::MissingField, key, ProtocolText::tr("blank"));
    return text;
}

QByteArray FieldReader::base64(QLatin1StringView key, Need need, QByteArray *base64Text)
{
    if (failed())
        return {};
    const QJsonValue v = value(key);
    if (missing(key, v, need))
        return {};
    if (!v.isString()) {
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected base64 text, found %1").arg(describeValue(v)));
        return {};
    }
    const QString text = v.toString();
    const std::optional<QByteArrayView> bytes = m_lifted ? liftedValue(text, *m_lifted) : std::nullopt;
    if (base64Text)
        *base64Text = bytes ? bytes->toByteArray() : text.toLatin1();
    if (bytes ? bytes->trimmed().isEmpty() : isBlank(text)) {
        if (need == Need::Required)
            setError(DecodeErrorKind::MissingField, key, ProtocolText::tr("required image is empty"));
        return {};
    }
    QByteArray decoded;
    if (!(bytes ? decodeBase64(*bytes, &decoded) : decodeBase64(QStringView(text), &decoded))) {
        // Described by what the device sent: a lifted image's value here is FaceDesk's
        // own placeholder, which means nothing to the device.
        setError(DecodeErrorKind::BadBase64, key, base64Problem(bytes ? *bytes : QByteArrayView(text.toLatin1())));
        return {};
    }
    return decoded;
}

QList<float> FieldReader::feature(QLatin1StringView key)
{
    QList<float> out;
    if (failed())
        return out;
    const QJsonValue v = value(key);
    if (v.isUndefined() || v.isNull())
        return out;
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        out.reserve(a.size());
        for (const QJsonValue &e : a) {
            if (!e.isDouble()) {
                setError(DecodeErrorKind::BadFeature, key, ProtocolText::tr("a feature value is %1").arg(describeValue(e)));
                return {};
            }
            out.append(float(e.toDouble()));
        }
    } else if (v.isString()) {
        const QByteArray text = v.toString().toLatin1();
        if (text.trimmed().isEmpty())
            return out;
        const char *p = text.constData();
        const char *end = p + text.size();
        out.reserve(512);
        while (p < end) {
            while (p < end && (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '[' || *p == ']'))
                ++p;
            if (p >= end)
                break;
            float f = 0;
            const auto [next, ec] = std::from_chars(p, end, f);
            if (ec != std::errc() || !std::isfinite(f)) {
                setError(DecodeErrorKind::BadFeature, key, ProtocolText::tr("not a list of numbers (%1)").arg(describeValue(v)));
                return {};
            }
            out.append(f);
            p = next;
        }
    } else {
        setError(DecodeErrorKind::BadFeature, key, ProtocolText::tr("expected a list of numbers, found %1").arg(describeValue(v)));
        return {};
    }
    if (out.size() < 128 || out.size() > 512) {
        setError(DecodeErrorKind::BadFeature, key, ProtocolText::tr("%1 values; a face feature has 128 to 512").arg(out.size()));
        return {};
    }
    return out;
}

QDateTime FieldReader::time(QLatin1StringView key, QString *rawText)
{
    const QString text = string(key, Need::Optional, 64).trimmed();
    if (rawText)
        *rawText = text;
    if (failed() || text.isEmpty())
        return {};
    bool allDigits = !text.isEmpty();
    for (QChar c : text)
        allDigits = allDigits && c.isDigit();
    if (allDigits) {
        const qint64 n = text.toLongLong();
        // Seconds until the year 5138; larger numbers are milliseconds.
        return n > 100000000000LL ? QDateTime::fromMSecsSinceEpoch(n, Qt::UTC)
                                  : QDateTime::fromSecsSinceEpoch(n, Qt::UTC);
    }
    // Device wall-clock times carry no zone: they are the device's local time.
    if (const QDateTime fast = fastWallClock(text); fast.isValid())
        return fast;
    static const char *const formats[] = {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.zzz",
                                          "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.zzz",
                                          "yyyy/MM/dd HH:mm:ss"};
    for (const char *f : formats) {
        const QDateTime t = QDateTime::fromString(text, QLatin1String(f));
        if (t.isValid())
            return t;
    }
    const QDateTime iso = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (iso.isValid())
        return iso;
    setError(DecodeErrorKind::BadTime, key, ProtocolText::tr("%1 is not a time").arg(describeValue(QJsonValue(text))));
    return {};
}

int FieldReader::attribute(QLatin1StringView key, int min, int max)
{
    if (failed())
        return -1;
    const QJsonValue v = value(key);
    if (v.isUndefined() || v.isNull() || (v.isString() && isBlank(v.toString())))
        return -1;
    std::optional<qint64> n;
    if (v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && std::fabs(v.toDouble()) < 1e9)
        n = qint64(v.toDouble());
    else if (v.isString())
        n = integerFromText(v.toString());
    // One unreadable attribute must not cost the whole event: it reads as unknown,
    // and the warning says why.
    if (!n) {
        warn(ProtocolText::tr("%1 = %2 is not a whole number; read as unknown").arg(pathOf(key), describeValue(v)));
        return -1;
    }
    if (*n < min || *n > max) {
        warn(ProtocolText::tr("%1 = %2 is outside %3..%4; read as unknown").arg(pathOf(key)).arg(*n).arg(min).arg(max));
        return -1;
    }
    return int(*n);
}

FieldReader FieldReader::object(QLatin1StringView key, Need need)
{
    const QJsonValue v = failed() ? QJsonValue() : value(key);
    if (!failed() && !missing(key, v, need) && !v.isObject())
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected an object, found %1").arg(describeValue(v)));
    return FieldReader(v.toObject(), pathOf(key), m_error, m_warnings, m_lifted);
}

QJsonArray FieldReader::array(QLatin1StringView key, Need need)
{
    const QJsonValue v = failed() ? QJsonValue() : value(key);
    if (!failed() && !missing(key, v, need) && !v.isArray()) {
        setError(DecodeErrorKind::WrongType, key, ProtocolText::tr("expected a list, found %1").arg(describeValue(v)));
        return {};
    }
    return v.toArray();
}

FieldReader FieldReader::child(const QJsonValue &element, const QString &name)
{
    const QString path = m_path.isEmpty() ? name : m_path + u'.' + name;
    if (!failed() && !element.isObject() && m_error)
        *m_error = DecodeError{DecodeErrorKind::WrongType, path, ProtocolText::tr("expected an object, found %1").arg(describeValue(element))};
    return FieldReader(element.toObject(), path, m_error, m_warnings, m_lifted);
}

QString DecodeError::describe() const
{
    const QString where = field.isEmpty() ? QString() : QStringLiteral("%1: ").arg(field);
    QString what;
    switch (kind) {
    case DecodeErrorKind::None: return {};
    case DecodeErrorKind::Json: what = ProtocolText::tr("unreadable JSON"); break;
    case DecodeErrorKind::MissingMethod: what = ProtocolText::tr("no \"method\" field"); break;
    case DecodeErrorKind::UnknownMethod: what = ProtocolText::tr("unknown method"); break;
    case DecodeErrorKind::MissingField: what = ProtocolText::tr("missing"); break;
    case DecodeErrorKind::WrongType: what = ProtocolText::tr("wrong type"); break;
    case DecodeErrorKind::OutOfRange: what = ProtocolText::tr("out of range"); break;
    case DecodeErrorKind::TooLong: what = ProtocolText::tr("too long"); break;
    case DecodeErrorKind::BadBase64: what = ProtocolText::tr("bad base64"); break;
    case DecodeErrorKind::BadFeature: what = ProtocolText::tr("bad face feature"); break;
    case DecodeErrorKind::BadTime: what = ProtocolText::tr("bad time"); break;
    case DecodeErrorKind::Ambiguous: what = ProtocolText::tr("given twice"); break;
    }
    return detail.isEmpty() ? where + what : where + what + QStringLiteral(" (") + detail + u')';
}

} // namespace fd::protocol
