// Who a photo shows, read from its file name the way staff photo folders are really
// named, without a pattern: HR exports ("10023.jpg", "10023_Jane Doe.jpg",
// "Jane Doe-10023.jpg"), people's own folders ("Jane Doe.jpg", "张伟.jpg",
// "rose_leslie_1.jpg", "Jane Doe (2).jpg") and phones ("IMG_4521.JPG").
//
// Each name is read by its shape; the set decides what the shapes leave open. A short
// trailing number ("_1", "-2", " (3)") is a photo counter, so that a person's several
// photos become one person; a longer one (3 digits or more) is a card number. A set
// where short trailing numbers never repeat a name and do not start at 1 or 2 may be
// cards after all: the reading says it is unsure and the admin decides (the wizard
// asks, the CLI says so). Nothing is rejected for its name: a camera name or a name
// with no letters becomes a person named after the file, flagged for a look.
//
// Tried on the 23 photos of ../shared/faces with the old default {name}_{card}: 8 were
// imported (every name without '_' refused, "obama_2" read as card 2). With this
// reading all 23 are read, 10 people with 1 to 4 photos each (tst_libraryimport).
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace fd::library {

struct ImportItem;

class FileNameReading {
public:
    // The shapes a file name can have, in the order the wizard lists them.
    enum class Shape { CardOnly, NameOnly, CardThenName, NameThenCard, Camera, NoName };
    // What a short number at the end of a name is.
    enum class Trailing { Counter, Card };

    struct Parts {
        Shape shape = Shape::NoName;
        QString name;      // as the library will show it; empty for CardOnly, Camera, NoName
        QString cardNo;
        int counter = 0;   // the photo counter the name ended with, 0 when none
    };

    // Reads the set's names (file names or paths; folders and extensions are ignored)
    // and settles what short trailing numbers are.
    static FileNameReading forSet(const QStringList &fileNames);
    // The same with the admin's choice.
    static FileNameReading withTrailing(const QStringList &fileNames, Trailing trailing);

    Trailing trailing() const { return m_trailing; }
    // Whether the set left the trailing numbers' meaning open (the admin should decide).
    bool unsure() const { return m_unsure; }
    // How many of the set's names have each shape.
    const QMap<Shape, int> &counts() const { return m_counts; }
    int total() const { return m_total; }

    Parts read(const QString &fileName) const;
    // Fills *item's name, card number, person key and flags. Never fails: a name that
    // says nobody is named after the file and flagged.
    void apply(const QString &fileName, ImportItem *item) const;

    // One sentence for the wizard and the CLI: how the names are read, with counts.
    QString summary() const;
    static QString shapeText(Shape shape);

private:
    Trailing m_trailing = Trailing::Counter;
    bool m_unsure = false;
    QMap<Shape, int> m_counts;
    int m_total = 0;
};

} // namespace fd::library
