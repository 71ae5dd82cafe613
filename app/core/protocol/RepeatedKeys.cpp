#include "RepeatedKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace fd::protocol {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The string token starting at the quote at, raw; *end gets the offset after it.
QByteArrayView stringAt(QByteArrayView text, qsizetype at, qsizetype *end)
{
    qsizetype i = at + 1;
    while (i < text.size() && text[i] != '"')
        i += text[i] == '\\' ? 2 : 1;
    *end = qMin(i + 1, text.size());
    return text.sliced(at + 1, qMin(i, text.size()) - at - 1);
}

QString normalizedKey(QByteArrayView raw)
{
    QString key = QString::fromUtf8(raw);
    if (raw.contains('\\')) {  // "tok\u0065n" is "token" to every JSON reader
        const QJsonDocument d = QJsonDocument::fromJson("[\"" + raw.toByteArray() + "\"]");
        key = d.array().at(0).toString();
    }
    return keyCore(key).toString().toLower();
}

} // namespace

QStringView keyCore(QStringView key)
{
    auto junk = [](QChar c) { return c.isSpace() || c == u',' || c == u'\uFF0C' || c == u'"'; };
    qsizetype b = 0, e = key.size();
    while (b < e && junk(key[b]))
        ++b;
    while (e > b && junk(key[e - 1]))
        --e;
    return key.sliced(b, e - b);
}

QStringList repeatedKeys(QByteArrayView text)
{
    QStringList repeated;
    QList<QSet<QString>> objects;  // the keys of each open object; arrays hold none
    QList<bool> isObject;
    for (qsizetype i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '{' || c == '[') {
            isObject.append(c == '{');
            objects.append(QSet<QString>());
            ++i;
        } else if (c == '}' || c == ']') {
            if (!isObject.isEmpty()) {
                isObject.removeLast();
                objects.removeLast();
            }
            ++i;
        } else if (c == '"') {
            qsizetype end = 0;
            const QByteArrayView raw = stringAt(text, i, &end);
            qsizetype after = end;
            while (after < text.size() && isBlank(text[after]))
                ++after;
            const bool isKey = after < text.size() && text[after] == ':' && !isObject.isEmpty() && isObject.last();
            if (isKey) {
                const QString key = normalizedKey(raw);
                QSet<QString> &seen = objects.last();
                if (seen.contains(key)) {
                    if (!repeated.contains(key))
                        repeated.append(key);
                } else {
                    seen.insert(key);
                }
            }
            i = end;
        } else {
            ++i;
        }
    }
    return repeated;
}

} // namespace fd::protocol
