#include "FileNameReading.h"

#include "ImportSource.h"
#include "LibraryText.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <optional>

namespace fd::library {

namespace {

// What a phone or camera calls a photo: no person in it.
bool isCameraName(const QString &stem)
{
    static const QRegularExpression camera(
        QStringLiteral("^(?:(?:IMG|DSC|DSCN|DSCF|PXL|MVIMG|CIMG|SAM|GOPR|PICT|VID|PANO|BURST)[_\\- ]?\\d"
                       "|P\\d{7}$"
                       "|(?:IMG|PXL|VID)?[_\\- ]?\\d{8}[_\\- ]\\d{6}"
                       "|(?:Screenshot|Screen Shot|WhatsApp Image|Photo|Image|Scan)\\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return camera.match(stem).hasMatch();
}

bool hasLetter(const QString &s)
{
    for (const QChar c : s)
        if (c.isLetter())
            return true;
    return false;
}

// "rose_leslie" -> "Rose Leslie": separators become spaces; a name written all in
// lower case (a programmer's file name) gets capitals, anything else is kept as typed.
QString tidyName(QString name)
{
    name.replace(u'_', u' ');
    bool anyUpper = false;
    for (const QChar c : std::as_const(name))
        anyUpper = anyUpper || c.isUpper();
    if (!anyUpper) {
        name.replace(u'-', u' ');
        bool start = true;
        for (QChar &c : name) {
            if (start && c.isLower())
                c = c.toUpper();
            start = c.isSpace();
        }
    }
    return name.simplified();
}

struct Split {
    QString head;
    QString number;
};

// "Jane Doe (2)" -> {"Jane Doe", "2"}; "obama_1" -> {"obama", "1"}: a number at the end
// after a separator or in brackets, with something before it.
std::optional<Split> trailingNumber(const QString &stem)
{
    static const QRegularExpression bracketed(QStringLiteral("^(.*?\\S)\\s*\\(\\s*(\\d+)\\s*\\)$"));
    static const QRegularExpression separated(QStringLiteral("^(.*?\\S)\\s*[_\\- ]\\s*(\\d+)$"));
    for (const QRegularExpression *re : {&bracketed, &separated})
        if (const QRegularExpressionMatch m = re->match(stem); m.hasMatch())
            return Split{m.captured(1), m.captured(2)};
    return std::nullopt;
}

// "10023_Jane Doe" -> {"Jane Doe", "10023"}: a number first, then a name.
std::optional<Split> leadingNumber(const QString &stem)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\s*[_\\- ]\\s*(.+)$"));
    const QRegularExpressionMatch m = re.match(stem);
    if (!m.hasMatch() || !hasLetter(m.captured(2)))
        return std::nullopt;
    return Split{m.captured(2), m.captured(1)};
}

bool isShort(const QString &number)
{
    return number.size() <= 2;
}

QString stemOf(const QString &fileName)
{
    return QFileInfo(fileName).completeBaseName().trimmed();
}

} // namespace

FileNameReading FileNameReading::forSet(const QStringList &fileNames)
{
    // Short trailing numbers are counters unless the set says otherwise: a name seen
    // with two of them, or counters starting at 1 or 2, settle it; short numbers that
    // never repeat a name and never start low leave it open.
    QHash<QString, QSet<QString>> shortByName;
    for (const QString &f : fileNames) {
        const QString stem = stemOf(f);
        if (isCameraName(stem))
            continue;
        if (const auto split = trailingNumber(stem); split && isShort(split->number) && hasLetter(split->head))
            shortByName[split->head.toCaseFolded()].insert(split->number);
    }
    bool repeats = false, low = false;
    for (const QSet<QString> &numbers : std::as_const(shortByName)) {
        repeats = repeats || numbers.size() > 1;
        for (const QString &n : numbers)
            low = low || n.toInt() <= 2;
    }
    FileNameReading reading = withTrailing(fileNames, Trailing::Counter);
    reading.m_unsure = !shortByName.isEmpty() && !repeats && !low;
    return reading;
}

FileNameReading FileNameReading::withTrailing(const QStringList &fileNames, Trailing trailing)
{
    FileNameReading reading;
    reading.m_trailing = trailing;
    for (const QString &f : fileNames)
        ++reading.m_counts[reading.read(f).shape];
    reading.m_total = int(fileNames.size());
    return reading;
}

FileNameReading::Parts FileNameReading::read(const QString &fileName) const
{
    Parts parts;
    QString stem = stemOf(fileName);
    if (isCameraName(stem)) {
        parts.shape = Shape::Camera;
        return parts;
    }
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));
    if (digits.match(stem).hasMatch()) {
        parts.shape = Shape::CardOnly;
        parts.cardNo = stem;
        return parts;
    }
    // A photo counter comes off first: "Jane Doe_10023 (2)", "10023_Jane Doe_2".
    if (const auto split = trailingNumber(stem);
        split && isShort(split->number) && m_trailing == Trailing::Counter && !split->head.isEmpty()) {
        parts.counter = split->number.toInt();
        stem = split->head;
        if (digits.match(stem).hasMatch()) {
            parts.shape = Shape::CardOnly;
            parts.cardNo = stem;
            return parts;
        }
    }
    if (const auto split = leadingNumber(stem)) {
        parts.shape = Shape::CardThenName;
        parts.cardNo = split->number;
        parts.name = tidyName(split->head);
    } else if (const auto split = trailingNumber(stem); split && hasLetter(split->head)) {
        parts.shape = Shape::NameThenCard;
        parts.cardNo = split->number;
        parts.name = tidyName(split->head);
    } else if (hasLetter(stem)) {
        parts.shape = Shape::NameOnly;
        parts.name = tidyName(stem);
    }
    if (parts.name.isEmpty() && parts.cardNo.isEmpty())
        parts.shape = Shape::NoName;
    return parts;
}

void FileNameReading::apply(const QString &fileName, ImportItem *item) const
{
    const Parts parts = read(fileName);
    const QString file = QFileInfo(fileName).fileName();
    item->cardNo = parts.cardNo;
    item->name = parts.name;
    switch (parts.shape) {
    case Shape::CardOnly:
        item->name = parts.cardNo;
        item->flags << LibraryText::tr("The file name “%1” gives only a number: read as the card number, and the person "
                                       "is named by it until someone types the name.")
                           .arg(file);
        break;
    case Shape::Camera:
    case Shape::NoName:
        item->name = stemOf(fileName).isEmpty() ? file : stemOf(fileName);
        item->flags << LibraryText::tr("The file name “%1” names nobody (a camera's or phone's name): the person is "
                                       "named after the file until someone types the name.")
                           .arg(file);
        break;
    default:
        break;
    }
    // One person per card and name ("10023_Jane Doe", "10023_Jane Doe_2"); the same card
    // under two names is two rows that claim one card (the duplicate check says so). A
    // camera file is a person of its own.
    if (!parts.cardNo.isEmpty() || !parts.name.isEmpty())
        item->personKey = QStringLiteral("card:%1|name:%2").arg(parts.cardNo, parts.name.toCaseFolded());
}

QString FileNameReading::shapeText(Shape shape)
{
    switch (shape) {
    case Shape::CardOnly: return LibraryText::tr("card number only (10023)");
    case Shape::NameOnly: return LibraryText::tr("name only (Jane Doe, 张伟)");
    case Shape::CardThenName: return LibraryText::tr("card number, then name (10023_Jane Doe)");
    case Shape::NameThenCard: return LibraryText::tr("name, then card number (Jane Doe_10023)");
    case Shape::Camera: return LibraryText::tr("camera names, no person (IMG_4521)");
    case Shape::NoName: return LibraryText::tr("no name at all");
    }
    return {};
}

QString FileNameReading::summary() const
{
    QStringList parts;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        parts << LibraryText::tr("%1: %2").arg(shapeText(it.key())).arg(it.value());
    const QString trailing = m_trailing == Trailing::Counter
        ? LibraryText::tr("a short number at the end (_1, (2)) is another photo of the same person")
        : LibraryText::tr("a short number at the end (_1, (2)) is a card number");
    QString text = LibraryText::tr("File names read by their shape: %1; %2.").arg(parts.join(QStringLiteral("; ")), trailing);
    if (m_unsure)
        text += u' ' + LibraryText::tr("The short numbers never repeat a name: if they are card numbers, say so.");
    return text;
}

} // namespace fd::library
