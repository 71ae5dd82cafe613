#include "LenientJson.h"

#include "RepeatedKeys.h"

#include "Base64Lift.h"

#include "ProtocolText.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fd::protocol {

namespace {

// Multi-byte UTF-8 punctuation that the vendor's examples use in place of ASCII.
constexpr char kFullWidthComma[] = "\xEF\xBC\x8C";  // ，
constexpr char kFullWidthColon[] = "\xEF\xBC\x9A";  // ：
constexpr char kIdeographicSpace[] = "\xE3\x80\x80";
constexpr char kLeftDoubleQuote[] = "\xE2\x80\x9C";  // “
constexpr char kRightDoubleQuote[] = "\xE2\x80\x9D"; // ”
constexpr char kLeftSingleQuote[] = "\xE2\x80\x98";  // ‘
constexpr char kRightSingleQuote[] = "\xE2\x80\x99"; // ’
constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A strict JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(QByteArrayView t)
{
    qsizetype i = 0;
    const qsizetype n = t.size();
    if (i < n && t[i] == '-')
        ++i;
    if (i >= n)
        return false;
    if (t[i] == '0') {
        ++i;
    } else if (t[i] >= '1' && t[i] <= '9') {
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
    } else {
        return false;
    }
    if (i < n && t[i] == '.') {
        ++i;
        const qsizetype start = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        const qsizetype start = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    return i == n;
}

// Index of the first byte at or after i that may end an ordinary run inside a
// string: a quote, a backslash, a control character, or the first byte of the
// closing quote. Sixteen bytes at a time where SSE2 is there (always, on x86-64):
// base64 images are most of every message and must cost no more than a copy.
qsizetype scanPlainRun(const char *s, qsizetype i, qsizetype n, char closeFirst)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i close = _mm_set1_epi8(closeFirst);
    const __m128i control = _mm_set1_epi8(0x1F);
    while (i + 16 <= n) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
            _mm_or_si128(_mm_cmpeq_epi8(x, close), _mm_cmpeq_epi8(_mm_max_epu8(x, control), control)));
        const int mask = _mm_movemask_epi8(hit);
        if (mask)
            return i + __builtin_ctz(unsigned(mask));
        i += 16;
    }
#endif
    while (i < n) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u == '"' || u == '\\' || u < 0x20 || u == static_cast<unsigned char>(closeFirst))
            return i;
        ++i;
    }
    return i;
}

// Rewrites sloppy JSON into strict JSON in one forward pass. Long strings (base64
// images) are copied in bulk, so the repair costs little more than a memcpy.
class Repairer {
public:
    // out: where the strict text goes; its old content is dropped, its capacity kept.
    Repairer(QByteArrayView in, const JsonLimits &limits, QByteArray &out)
        : m_s(in.data()), m_n(in.size()), m_limits(limits), m_out(out)
    {
        m_out.truncate(0);
        m_out.reserve(in.size() + 64);
    }

    bool run(JsonError *error)
    {
        if (at(kUtf8Bom))
            m_i += 3;
        skipSpace();
        if (m_i >= m_n) {
            fail(JsonErrorKind::Empty, "empty message");
        } else if (m_s[m_i] != '{') {
            fail(JsonErrorKind::NotAnObject, "a message must be a JSON object");
        } else if (parseObject()) {
            skipSpace();
            if (m_i < m_n)
                fail(JsonErrorKind::Syntax, "unexpected characters after the message");
        }
        if (m_error) {
            if (error)
                *error = m_error;
            return false;
        }
        return true;
    }

private:
    bool at(const char *literal) const
    {
        const auto len = qsizetype(std::strlen(literal));
        return m_i + len <= m_n && std::memcmp(m_s + m_i, literal, size_t(len)) == 0;
    }

    bool fail(JsonErrorKind kind, const char *what)
    {
        if (!m_error) {
            m_error.kind = kind;
            m_error.offset = m_i;
            m_error.detail = QString::fromLatin1(what);
        }
        return false;
    }

    // White space, including the ideographic space, and // or /* */ comments
    // (the vendor annotates its examples inline).
    void skipSpace()
    {
        while (m_i < m_n) {
            const char c = m_s[m_i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\0') {
                ++m_i;
            } else if (at(kIdeographicSpace)) {
                m_i += 3;
            } else if (c == '/' && m_i + 1 < m_n && m_s[m_i + 1] == '/') {
                while (m_i < m_n && m_s[m_i] != '\n')
                    ++m_i;
            } else if (c == '/' && m_i + 1 < m_n && m_s[m_i + 1] == '*') {
                const char *end = static_cast<const char *>(
                    memmem(m_s + m_i + 2, size_t(m_n - m_i - 2), "*/", 2));
                m_i = end ? (end - m_s) + 2 : m_n;
            } else {
                return;
            }
        }
    }

    // Separators between members: ',' or '，'. Missing or repeated ones are tolerated.
    void skipSeparators()
    {
        for (;;) {
            skipSpace();
            if (m_i < m_n && m_s[m_i] == ',')
                ++m_i;
            else if (at(kFullWidthComma))
                m_i += 3;
            else
                return;
        }
    }

    bool enter()
    {
        if (++m_depth > m_limits.maxDepth)
            return fail(JsonErrorKind::TooDeep, "nesting too deep");
        return true;
    }

    bool parseObject()
    {
        if (!enter())
            return false;
        ++m_i; // '{'
        m_out += '{';
        bool first = true;
        for (;;) {
            skipSeparators();
            if (m_i >= m_n)
                return fail(JsonErrorKind::Syntax, "unterminated object");
            if (m_s[m_i] == '}') {
                ++m_i;
                m_out += '}';
                --m_depth;
                return true;
            }
            if (!first)
                m_out += ',';
            first = false;
            if (!parseKey())
                return false;
            skipSpace();
            if (m_i < m_n && m_s[m_i] == ':')
                ++m_i;
            else if (at(kFullWidthColon))
                m_i += 3;
            else
                return fail(JsonErrorKind::Syntax, "expected ':' after a key");
            m_out += ':';
            skipSpace();
            if (!parseValue())
                return false;
        }
    }

    bool parseArray()
    {
        if (!enter())
            return false;
        ++m_i; // '['
        m_out += '[';
        bool first = true;
        for (;;) {
            skipSeparators();
            if (m_i >= m_n)
                return fail(JsonErrorKind::Syntax, "unterminated array");
            if (m_s[m_i] == ']') {
                ++m_i;
                m_out += ']';
                --m_depth;
                return true;
            }
            if (!first)
                m_out += ',';
            first = false;
            if (!parseValue())
                return false;
        }
    }

    bool parseKey()
    {
        const qsizetype keyStart = m_out.size();
        if (m_s[m_i] == '"' || at(kLeftDoubleQuote) || at(kLeftSingleQuote) || m_s[m_i] == '\'') {
            if (!parseString())
                return false;
        } else {
            // An unquoted key, possibly with a stray closing quote: `faceRcgCount":17`.
            const qsizetype start = m_i;
            while (m_i < m_n) {
                const char c = m_s[m_i];
                if (c == ':' || c == '"' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']'
                    || c == ' ' || c == '\t' || c == '\r' || c == '\n' || at(kFullWidthColon))
                    break;
                ++m_i;
            }
            if (m_i == start)
                return fail(JsonErrorKind::Syntax, "expected a key");
            writeQuoted(QByteArrayView(m_s + start, m_i - start));
            if (m_i < m_n && m_s[m_i] == '"')
                ++m_i;
        }
        normalizeWrittenKey(keyStart);
        return true;
    }

    // Trims white space and stray separators inside the key just written ("\"，data\"").
    void normalizeWrittenKey(qsizetype keyStart)
    {
        // m_out[keyStart] == '"' and m_out.back() == '"'
        qsizetype b = keyStart + 1;
        qsizetype e = m_out.size() - 1;
        auto isJunkAt = [&](qsizetype p, bool fromEnd) -> int {
            const char c = m_out[p];
            if (c == ' ' || c == '\t' || c == ',')
                return 1;
            if (c == '\\' && !fromEnd && p + 1 < e
                && (m_out[p + 1] == 'n' || m_out[p + 1] == 'r' || m_out[p + 1] == 't'))
                return 2;
            if (fromEnd && p - 1 > b && (c == 'n' || c == 'r' || c == 't')) {
                // An escape only if its backslash is not itself escaped: a key ending
                // in a backslash and a 't' ("dir\\t") keeps both (found by fuzzing).
                qsizetype slashes = 0;
                for (qsizetype q = p - 1; q >= b && m_out[q] == '\\'; --q)
                    ++slashes;
                if (slashes % 2 == 1)
                    return 2;
            }
            const char *fw = kFullWidthComma;
            if (!fromEnd && p + 3 <= e && std::memcmp(m_out.constData() + p, fw, 3) == 0)
                return 3;
            if (fromEnd && p - 2 >= b && std::memcmp(m_out.constData() + p - 2, fw, 3) == 0)
                return 3;
            return 0;
        };
        int k;
        while (b < e && (k = isJunkAt(b, false)) > 0)
            b += k;
        while (e > b && (k = isJunkAt(e - 1, true)) > 0)
            e -= k;
        if (b == keyStart + 1 && e == m_out.size() - 1)
            return;
        QByteArray key = m_out.mid(b, e - b);
        m_out.truncate(keyStart);
        m_out += '"';
        m_out += key;
        m_out += '"';
    }

    bool parseValue()
    {
        if (m_i >= m_n)
            return fail(JsonErrorKind::Syntax, "expected a value");
        const char c = m_s[m_i];
        if (c == '{')
            return parseObject();
        if (c == '[')
            return parseArray();
        if (c == '"' || c == '\'' || at(kLeftDoubleQuote) || at(kLeftSingleQuote))
            return parseString();
        if (c == '}' || c == ']' || c == ':')
            return fail(JsonErrorKind::Syntax, "expected a value");
        return parseBareValue();
    }

    // Quoted strings, with ASCII or typographic quotes. Raw control characters and
    // bad escapes are written as proper escapes instead of being refused.
    bool parseString()
    {
        const char *close;
        qsizetype closeLen = 1;
        if (m_s[m_i] == '"') {
            close = "\"";
            m_i += 1;
        } else if (m_s[m_i] == '\'') {
            close = "'";
            m_i += 1;
        } else if (at(kLeftDoubleQuote)) {
            close = kRightDoubleQuote;
            closeLen = 3;
            m_i += 3;
        } else {
            close = kRightSingleQuote;
            closeLen = 3;
            m_i += 3;
        }
        const bool asciiQuote = closeLen == 1 && close[0] == '"';
        m_out += '"';
        for (;;) {
            // Bulk-copy the run of ordinary bytes: base64 images are nearly all of it.
            const qsizetype runStart = m_i;
            m_i = scanPlainRun(m_s, m_i, m_n, close[0]);
            m_out.append(m_s + runStart, m_i - runStart);
            if (m_i >= m_n)
                return fail(JsonErrorKind::Syntax, "unterminated string");
            if (at(close)) {
                m_i += closeLen;
                m_out += '"';
                return true;
            }
            const char c = m_s[m_i];
            if (c == '"') {
                // Only reachable inside a non-ASCII-quoted string: escape it.
                Q_ASSERT(!asciiQuote);
                m_out += "\\\"";
                ++m_i;
            } else if (c == '\\') {
                appendEscape();
            } else if (static_cast<unsigned char>(c) < 0x20) {
                appendControl(c);
                ++m_i;
            } else {
                // First byte of the closing quote's UTF-8 form, but not the whole of it.
                m_out += c;
                ++m_i;
            }
        }
    }

    void appendEscape()
    {
        if (m_i + 1 >= m_n) {
            m_out += "\\\\";
            ++m_i;
            return;
        }
        const char e = m_s[m_i + 1];
        switch (e) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            m_out += '\\';
            m_out += e;
            m_i += 2;
            return;
        case 'u':
            if (m_i + 5 < m_n + 0 && isHexDigit(m_s[m_i + 2]) && isHexDigit(m_s[m_i + 3])
                && isHexDigit(m_s[m_i + 4]) && isHexDigit(m_s[m_i + 5])) {
                m_out.append(m_s + m_i, 6);
                m_i += 6;
                return;
            }
            break;
        case '\'':
            m_out += '\'';
            m_i += 2;
            return;
        default:
            break;
        }
        // A backslash that escapes nothing is a literal backslash (Windows paths).
        m_out += "\\\\";
        ++m_i;
    }

    void appendControl(char c)
    {
        switch (c) {
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default: {
            static const char hex[] = "0123456789abcdef";
            m_out += "\\u00";
            m_out += hex[(c >> 4) & 0xF];
            m_out += hex[c & 0xF];
        }
        }
    }

    void writeQuoted(QByteArrayView text)
    {
        m_out += '"';
        for (char c : text) {
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                appendControl(c);
            } else {
                m_out += c;
            }
        }
        m_out += '"';
    }

    // An unquoted value: a number (decimal or 0x hex), true/false/null, or text such
    // as `xxx.jpg`, which becomes a string. It runs to the next separator, closing
    // bracket, quote, comment or line end.
    bool parseBareValue()
    {
        const qsizetype start = m_i;
        while (m_i < m_n) {
            const char c = m_s[m_i];
            if (c == ',' || c == '}' || c == ']' || c == '"' || c == '\n' || c == '\r'
                || at(kFullWidthComma) || (c == '/' && m_i + 1 < m_n && m_s[m_i + 1] == '/'))
                break;
            ++m_i;
        }
        qsizetype end = m_i;
        while (end > start && (m_s[end - 1] == ' ' || m_s[end - 1] == '\t'))
            --end;
        const QByteArrayView token(m_s + start, end - start);
        if (token.isEmpty())
            return fail(JsonErrorKind::Syntax, "expected a value");
        if (token == "true" || token == "false" || token == "null" || isJsonNumber(token)) {
            m_out += token;
            return true;
        }
        if (appendHexNumber(token))
            return true;
        writeQuoted(token);
        return true;
    }

    // 0x10 -> 16 (device types are written in hex in the vendor's examples).
    bool appendHexNumber(QByteArrayView token)
    {
        bool negative = false;
        if (!token.isEmpty() && token[0] == '-') {
            negative = true;
            token = token.sliced(1);
        }
        if (token.size() < 3 || token.size() > 18 || token[0] != '0' || (token[1] != 'x' && token[1] != 'X'))
            return false;
        bool ok = false;
        const qint64 v = token.sliced(2).toLongLong(&ok, 16);
        if (!ok)
            return false;
        m_out += QByteArray::number(negative ? -v : v);
        return true;
    }

    const char *m_s;
    qsizetype m_n;
    qsizetype m_i = 0;
    int m_depth = 0;
    JsonLimits m_limits;
    QByteArray &m_out;
    JsonError m_error;
};

JsonErrorKind kindOf(QJsonParseError::ParseError e)
{
    switch (e) {
    case QJsonParseError::NoError: return JsonErrorKind::None;
    case QJsonParseError::DeepNesting: return JsonErrorKind::TooDeep;
    case QJsonParseError::IllegalUTF8String: return JsonErrorKind::InvalidUtf8;
    default: return JsonErrorKind::Syntax;
    }
}

} // namespace

QString JsonError::describe() const
{
    switch (kind) {
    case JsonErrorKind::None: return {};
    case JsonErrorKind::Empty: return ProtocolText::tr("The message is empty.");
    case JsonErrorKind::NotAnObject:
        return ProtocolText::tr("The message is not a JSON object.");
    case JsonErrorKind::TooDeep:
        return ProtocolText::tr("The message is nested too deeply.");
    case JsonErrorKind::InvalidUtf8:
        return ProtocolText::tr("The message is not valid UTF-8.");
    case JsonErrorKind::TooLarge:
        return ProtocolText::tr("The message is too large.");
    case JsonErrorKind::Syntax: break;
    }
    return ProtocolText::tr("The message is not readable JSON (%1 at byte %2).")
        .arg(detail)
        .arg(offset);
}

QByteArray repairJson(QByteArrayView text, JsonError *error, const JsonLimits &limits)
{
    QByteArray out;
    return Repairer(text, limits, out).run(error) ? out : QByteArray();
}

LenientParse parseLenientObject(QByteArrayView text, const JsonLimits &limits, LiftedImages *lifted)
{
    LenientParse result;
    if (text.size() > limits.maxBytes) {
        result.error = {JsonErrorKind::TooLarge, limits.maxBytes, QStringLiteral("message too large")};
        return result;
    }
    // Strict fast path, on the text without its images when they could be lifted.
    // fromRawData avoids copying what may be half a megabyte.
    thread_local QByteArray withoutImages;
    const bool isLifted = lifted && liftBase64Values(text, &withoutImages, lifted);
    const QByteArray raw = isLifted ? withoutImages : QByteArray::fromRawData(text.data(), text.size());
    QJsonParseError strictError;
    const QJsonDocument strict = QJsonDocument::fromJson(raw, &strictError);
    if (strictError.error != QJsonParseError::NoError && isLifted) {
        // Not strict JSON with the images lifted, so not without them either: the
        // repair below takes the whole text.
        lifted->clear();
        if (strictError.error == QJsonParseError::DeepNesting || strictError.error == QJsonParseError::IllegalUTF8String)
            QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), text.size()), &strictError);  // its offset in text
    }
    if (strictError.error == QJsonParseError::NoError) {
        if (!strict.isObject()) {
            result.error = {JsonErrorKind::NotAnObject, 0, QStringLiteral("a message must be a JSON object")};
            return result;
        }
        result.object = strict.object();
        result.repeatedKeys = repeatedKeys(isLifted ? QByteArrayView(raw) : text);
        return result;
    }
    if (strictError.error == QJsonParseError::DeepNesting
        || strictError.error == QJsonParseError::IllegalUTF8String) {
        // No repair makes these acceptable.
        result.error = {kindOf(strictError.error), strictError.offset, strictError.errorString()};
        return result;
    }

    // The repaired text is needed only until it is parsed: one buffer per thread,
    // reused, spares a fresh allocation (and its page faults) for every sloppy message.
    thread_local QByteArray repaired;
    JsonError repairError;
    Repairer(text, limits, repaired).run(&repairError);
    if (repairError) {
        result.error = repairError;
        return result;
    }
    QJsonParseError secondError;
    const QJsonDocument doc = QJsonDocument::fromJson(repaired, &secondError);
    if (secondError.error != QJsonParseError::NoError) {
        result.error = {kindOf(secondError.error), -1, secondError.errorString()};
        return result;
    }
    result.object = doc.object();
    result.repeatedKeys = repeatedKeys(repaired);
    result.repaired = true;
    return result;
}


} // namespace fd::protocol
