#include "Base64Lift.h"

#include <QRandomGenerator>

#include <cstring>
#include <random>

namespace fd::protocol {

namespace {

// Smaller values are not worth a marker (nor likely to be images).
constexpr qsizetype kMinLifted = 256;
// A new random marker for every message (see LiftedImages::marker); a thread's own
// generator, seeded once from the system's, costs nothing per message.
QByteArray newMarkerText()
{
    thread_local std::mt19937_64 rng(QRandomGenerator::system()->generate64());
    return "\\u0001" + QByteArray::number(quint64(rng()), 16) + '.';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isImageKey(QByteArrayView key)
{
    key = key.trimmed();
    for (const char *name : {"img_data", "img_fr", "img", "imgfr"})
        if (key.compare(QByteArrayView(name), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

// Index of the '"' that closes a string whose content starts at from, or -1.
qsizetype closingQuote(const char *p, qsizetype from, qsizetype n)
{
    for (qsizetype at = from; at < n;) {
        const void *q = std::memchr(p + at, '"', size_t(n - at));
        if (!q)
            return -1;
        const qsizetype i = static_cast<const char *>(q) - p;
        qsizetype backslashes = 0;
        while (i - 1 - backslashes >= from && p[i - 1 - backslashes] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return i;
        at = i + 1;
    }
    return -1;
}

} // namespace

bool liftBase64Values(QByteArrayView text, QByteArray *out, LiftedImages *lifted)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    out->clear();
    lifted->spans.clear();
    QList<QByteArrayView> *spans = &lifted->spans;
    QByteArray markerText;
    qsizetype copied = 0;  // text before this is in *out
    QByteArrayView key;    // the last key seen
    for (qsizetype pos = 0; pos < n;) {
        const void *q = std::memchr(p + pos, '"', size_t(n - pos));
        if (!q)
            break;
        const qsizetype open = static_cast<const char *>(q) - p;
        const qsizetype close = closingQuote(p, open + 1, n);
        if (close < 0)
            break;
        const QByteArrayView content(p + open + 1, close - open - 1);
        qsizetype after = close + 1;
        while (after < n && isSpace(p[after]))
            ++after;
        if (after < n && p[after] == ':') {
            key = content;
        } else if (content.size() >= kMinLifted && isImageKey(key)
                   && !std::memchr(content.data(), '\\', size_t(content.size()))) {
            qsizetype before = open - 1;
            while (before >= 0 && isSpace(p[before]))
                --before;
            if (before >= 0 && p[before] == ':') {
                if (markerText.isEmpty())
                    markerText = newMarkerText();
                out->append(p + copied, open + 1 - copied);
                out->append(markerText);
                out->append(QByteArray::number(spans->size()));
                spans->append(content);
                copied = close;
            }
        }
        pos = close + 1;
    }
    if (spans->isEmpty())
        return false;
    out->append(p + copied, n - copied);
    // As the parser will give it back: the escape read as the character it stands for.
    lifted->marker = QChar(u'\x01') + QString::fromLatin1(markerText.mid(6));
    return true;
}

std::optional<QByteArrayView> liftedValue(QStringView value, const LiftedImages &lifted)
{
    if (lifted.spans.isEmpty() || !value.startsWith(lifted.marker))
        return std::nullopt;
    bool ok = false;
    const int index = value.mid(lifted.marker.size()).toInt(&ok);
    if (!ok || index < 0 || index >= lifted.spans.size())
        return std::nullopt;
    return lifted.spans[index];
}

} // namespace fd::protocol
