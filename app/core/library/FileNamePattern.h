// How a photo's file name carries the person: "{name}_{card}" reads "张伟_1001.jpg"
// as name 张伟, card 1001. Tokens {name}, {card}, {gender} and {ignore}, split on one
// separator character. The name may itself contain the separator ("Mary_Ann_1001"):
// it takes whatever the other tokens leave.
#pragma once

#include <QChar>
#include <QList>
#include <QString>

namespace fd::library {

struct ImportItem;

class FileNamePattern {
public:
    enum class Token { Name, Card, Gender, Ignore };

    FileNamePattern() : FileNamePattern(defaultPattern()) {}
    explicit FileNamePattern(const QString &pattern);
    static QString defaultPattern() { return QStringLiteral("{name}_{card}"); }

    bool isValid() const { return m_error.isEmpty(); }
    // Why the pattern itself is unusable (translated), empty when it is valid.
    QString error() const { return m_error; }
    QString text() const { return m_text; }

    // Fills name, card number and gender of *item from a file name (its extension
    // and folders are ignored). False with *why (translated) when the name does not fit.
    bool apply(const QString &fileName, ImportItem *item, QString *why) const;

private:
    QString m_text;
    QList<Token> m_tokens;
    QChar m_separator;
    QString m_error;
};

} // namespace fd::library
