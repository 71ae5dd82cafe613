#include "CsvColumns.h"

#include "LibraryText.h"
#include "PersonFields.h"


namespace fd::library {

namespace {

QString folded(const QString &text)
{
    QString out;
    for (QChar c : text)
        if (!c.isSpace() && c != u'_' && c != u'-' && c != u'.')
            out += c.toLower();
    return out;
}

enum class Field { None, Name, Gender, Card, List, Photo, Notes };

Field fieldNamed(const QString &cell)
{
    static const struct {
        Field field;
        const char16_t *word;
    } words[] = {
        {Field::Name, u"name"},         {Field::Name, u"personname"}, {Field::Name, u"fullname"},
        {Field::Name, u"姓名"},         {Field::Name, u"名字"},       {Field::Name, u"人员姓名"},
        {Field::Gender, u"gender"},     {Field::Gender, u"sex"},      {Field::Gender, u"性别"},
        {Field::Card, u"card"},         {Field::Card, u"cardno"},     {Field::Card, u"cardnumber"},
        {Field::Card, u"cardid"},       {Field::Card, u"idnumber"},   {Field::Card, u"身份证号"},
        {Field::Card, u"employeeno"},   {Field::Card, u"卡号"},       {Field::Card, u"工号"},
        {Field::Card, u"编号"},         {Field::Card, u"证件号"},     {Field::Card, u"证件号码"},
        {Field::List, u"list"},         {Field::List, u"listname"},   {Field::List, u"group"},
        {Field::List, u"名单"},         {Field::List, u"名单类型"},   {Field::List, u"名单库"},
        {Field::List, u"分组"},         {Field::Photo, u"photo"},     {Field::Photo, u"picture"},
        {Field::Photo, u"image"},       {Field::Photo, u"file"},      {Field::Photo, u"filename"},
        {Field::Photo, u"photopath"},   {Field::Photo, u"path"},      {Field::Photo, u"照片"},
        {Field::Photo, u"图片"},        {Field::Photo, u"照片路径"},  {Field::Photo, u"文件"},
        {Field::Photo, u"文件名"},      {Field::Notes, u"notes"},     {Field::Notes, u"note"},
        {Field::Notes, u"remark"},      {Field::Notes, u"remarks"},   {Field::Notes, u"备注"},
    };
    const QString w = folded(cell);
    for (const auto &entry : words)
        if (w == QStringView(entry.word))
            return entry.field;
    return Field::None;
}

QString cell(const QStringList &fields, int column)
{
    return column >= 0 && column < fields.size() ? fields[column].trimmed() : QString();
}

} // namespace

std::optional<CsvColumns> headerColumns(const QStringList &fields)
{
    CsvColumns columns;
    int known = 0, nonEmpty = 0;
    for (int i = 0; i < fields.size(); ++i) {
        if (fields[i].trimmed().isEmpty())
            continue;
        ++nonEmpty;
        int *slot = nullptr;
        switch (fieldNamed(fields[i])) {
        case Field::Name: slot = &columns.name; break;
        case Field::Gender: slot = &columns.gender; break;
        case Field::Card: slot = &columns.card; break;
        case Field::List: slot = &columns.list; break;
        case Field::Photo: slot = &columns.photo; break;
        case Field::Notes: slot = &columns.notes; break;
        case Field::None: break;
        }
        if (slot) {
            ++known;
            if (*slot < 0)  // the first of two same-named columns wins
                *slot = i;
        }
    }
    if (known == 0 || known * 2 < nonEmpty)
        return std::nullopt;
    return columns;
}

CsvItems csvItems(const QList<CsvRecord> &records, const CsvOptions &options, const QString &label,
                  const PhotoResolver &resolve)
{
    CsvItems out;
    qsizetype first = 0;
    std::optional<CsvColumns> header = records.isEmpty() ? std::nullopt : headerColumns(records.first().fields);
    if (options.header == CsvHeader::Present || (options.header == CsvHeader::Auto && header)) {
        out.hadHeader = true;
        first = 1;
    }
    out.columns = options.columns ? *options.columns
                  : (out.hadHeader && header) ? *header
                                              : CsvColumns::defaultOrder();
    const CsvColumns &c = out.columns;
    int row = 0;
    for (qsizetype r = first; r < records.size(); ++r) {
        const QStringList &f = records[r].fields;
        ImportItem item;
        item.row = ++row;
        item.sourceLabel = QStringLiteral("%1:%2").arg(label).arg(records[r].line);
        item.name = cell(f, c.name);
        item.cardNo = cell(f, c.card);
        item.notes = cell(f, c.notes);
        const QString photo = cell(f, c.photo);
        const auto refuse = [&item](const QString &why) {
            if (item.problem.isEmpty())
                item.problem = why;
        };
        if (item.name.isEmpty())
            refuse(LibraryText::tr("The row has no name."));
        const QString genderText = cell(f, c.gender);
        if (const std::optional<int> gender = parseGender(genderText))
            item.gender = *gender;
        else
            refuse(LibraryText::tr("“%1” is not a gender (male/female, 男/女, M/F, 1/0).").arg(genderText));
        const ListReference list = parseListReference(cell(f, c.list));
        if (!list.error.isEmpty())
            refuse(list.error);
        item.listId = list.listId;
        item.listName = list.name;
        if (photo.isEmpty()) {
            refuse(LibraryText::tr("The row names no photo."));
        } else {
            QString problem;
            item.photo = resolve(photo, &problem);
            if (item.photo.isEmpty())
                refuse(problem);
        }
        out.items << item;
    }
    return out;
}

} // namespace fd::library
