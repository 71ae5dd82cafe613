#include "FileNamePattern.h"

#include "ImportSource.h"
#include "LibraryText.h"
#include "PersonFields.h"

#include <QFileInfo>

namespace fd::library {

FileNamePattern::FileNamePattern(const QString &pattern) : m_text(pattern.trimmed())
{
    static const struct {
        const char16_t *text;
        Token token;
    } names[] = {{u"{name}", Token::Name}, {u"{card}", Token::Card}, {u"{gender}", Token::Gender}, {u"{ignore}", Token::Ignore}};
    const QString &p = m_text;
    qsizetype at = 0;
    while (at < p.size()) {
        if (!m_tokens.isEmpty()) {
            // Between two tokens: exactly one separator, the same every time.
            const QChar c = p[at];
            if (c == u'{' || c == u'}' || (!m_separator.isNull() && c != m_separator)) {
                m_error = LibraryText::tr("The pattern “%1” must separate its tokens with one and the "
                                                                 "same character, e.g. {name}_{card}.")
                              .arg(p);
                return;
            }
            m_separator = c;
            ++at;
        }
        bool matched = false;
        for (const auto &n : names) {
            const QStringView token(n.text);
            if (QStringView(p).mid(at).startsWith(token)) {
                m_tokens << n.token;
                at += token.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            m_error = LibraryText::tr("The pattern “%1” may only hold the tokens {name}, {card}, "
                                                             "{gender} and {ignore} with one separator between them.")
                          .arg(p);
            return;
        }
    }
    if (m_tokens.count(Token::Name) != 1 || m_tokens.count(Token::Card) > 1 || m_tokens.count(Token::Gender) > 1)
        m_error = LibraryText::tr("The pattern “%1” needs {name} once; {card} and {gender} may "
                                                         "appear at most once.")
                      .arg(p);
}

bool FileNamePattern::apply(const QString &fileName, ImportItem *item, QString *why) const
{
    if (!isValid()) {
        *why = m_error;
        return false;
    }
    const QString base = QFileInfo(fileName).completeBaseName();
    const QStringList parts = m_tokens.size() == 1 ? QStringList{base} : base.split(m_separator);
    const auto mismatch = [&](const QString &detail) {
        *why = LibraryText::tr("The file name “%1” does not match the pattern %2: %3")
                   .arg(QFileInfo(fileName).fileName(), m_text, detail);
        return false;
    };
    if (parts.size() < m_tokens.size())
        return mismatch(LibraryText::tr("it needs %1 parts separated by “%2”.")
                            .arg(m_tokens.size())
                            .arg(m_separator));
    // The name takes the surplus parts: "Mary_Ann_1001" with {name}_{card}.
    const qsizetype surplus = parts.size() - m_tokens.size();
    qsizetype part = 0;
    for (Token token : m_tokens) {
        QString value;
        if (token == Token::Name) {
            value = parts.mid(part, surplus + 1).join(m_separator).trimmed();
            part += surplus + 1;
        } else {
            value = parts[part++].trimmed();
        }
        switch (token) {
        case Token::Name:
            if (value.isEmpty())
                return mismatch(LibraryText::tr("the name is empty."));
            item->name = value;
            break;
        case Token::Card:
            if (value.isEmpty())
                return mismatch(LibraryText::tr("the card number is empty."));
            item->cardNo = value;
            break;
        case Token::Gender: {
            const std::optional<int> gender = parseGender(value);
            if (!gender)
                return mismatch(LibraryText::tr("“%1” is not a gender (male/female, 男/女, M/F, 1/0).")
                                    .arg(value));
            item->gender = *gender;
            break;
        }
        case Token::Ignore:
            break;
        }
    }
    return true;
}

} // namespace fd::library
