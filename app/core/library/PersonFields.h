// The words people write for a person's gender and list in file names and CSV
// files, in English and Chinese, turned into the library's values.
#pragma once

#include <QString>

#include <optional>

namespace fd::library {

// 1 male, 0 female, -1 for an empty cell or "unknown"; nullopt when the word is not
// one we know (the row is then refused rather than guessed).
std::optional<int> parseGender(const QString &text);

// A list as a row names it: a built-in list by number (1..4) or by name, or a custom
// list by name.
struct ListReference {
    int listId = 0;   // a built-in list, 0 when the row names none or a custom list
    QString name;     // a custom list's name
    QString error;    // set when the text names no list (e.g. the number 9)
};
ListReference parseListReference(const QString &text);

} // namespace fd::library
