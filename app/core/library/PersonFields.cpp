#include "PersonFields.h"

#include "LibraryText.h"
#include "LibraryTypes.h"


namespace fd::library {

namespace {

// "Black List", "black_list" and "BLACKLIST" are the same word.
QString folded(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text)
        if (!c.isSpace() && c != u'_' && c != u'-')
            out += c.toLower();
    return out;
}

} // namespace

std::optional<int> parseGender(const QString &text)
{
    const QString w = folded(text);
    if (w.isEmpty() || w == u"-1" || w == u"unknown" || w == u"未知" || w == u"u")
        return -1;
    // 1/0 follow the library table's coding, which is what our own exports write.
    for (const char16_t *male : {u"1", u"m", u"male", u"man", u"男", u"男性", u"先生"})
        if (w == QStringView(male))
            return 1;
    for (const char16_t *female : {u"0", u"f", u"female", u"woman", u"女", u"女性", u"女士"})
        if (w == QStringView(female))
            return 0;
    return std::nullopt;
}

ListReference parseListReference(const QString &text)
{
    ListReference ref;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return ref;
    bool isNumber = false;
    const int number = trimmed.toInt(&isNumber);
    if (isNumber) {
        if (number >= sort::Blacklist && number <= sort::Custom)
            ref.listId = number;
        else
            ref.error = LibraryText::tr("There is no list number %1; the lists are 1 (blacklist), "
                                                              "2 (whitelist), 3 (VIP) and 4 (custom), or a list's name.")
                            .arg(number);
        return ref;
    }
    const QString w = folded(trimmed);
    static const struct {
        int id;
        const char16_t *word;
    } builtIn[] = {
        {sort::Blacklist, u"blacklist"}, {sort::Blacklist, u"black"}, {sort::Blacklist, u"黑名单"},
        {sort::Blacklist, u"黑名单库"},  {sort::Whitelist, u"whitelist"}, {sort::Whitelist, u"white"},
        {sort::Whitelist, u"白名单"},    {sort::Whitelist, u"白名单库"}, {sort::Vip, u"vip"},
        {sort::Vip, u"viplist"},         {sort::Vip, u"vip名单"},      {sort::Vip, u"贵宾"},
        {sort::Vip, u"贵宾名单"},        {sort::Custom, u"custom"},    {sort::Custom, u"自定义"},
        {sort::Custom, u"自定义名单"},
    };
    for (const auto &entry : builtIn)
        if (w == QStringView(entry.word)) {
            ref.listId = entry.id;
            return ref;
        }
    ref.name = trimmed;
    return ref;
}

} // namespace fd::library
