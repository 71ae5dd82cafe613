// Takes the big base64 images out of a message's text before it is parsed, so the JSON
// parser sees a 1 KB document instead of a 30-300 KB one. Qt's parser walks a string
// byte by byte and then converts it to UTF-16; for a face push that was a quarter of
// the network thread's time (the ingest benchmark's profile). The images are then
// decoded straight from the message's own bytes.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <optional>

namespace fd::protocol {

struct LiftedImages {
    QList<QByteArrayView> spans;  // the values' bytes, inside the original text
    // What each value was replaced by, before its index: U+0001 and a random number
    // drawn for this message, so that no device can write a marker of its own and
    // have one field read another's bytes.
    QString marker;
    void clear() { spans.clear(); }
};

// Copies text into *out with the value of every image field (img_data, img_fr, Img,
// ImgFr, in any letter case) that is at least 256 bytes long and has no escapes
// replaced by a marker, and records each value's bytes in *lifted. Returns false,
// leaving nothing to use, when no value was lifted.
//
// The lifted text parses as strict JSON whenever the original does (only the
// contents of escape-free strings change), and an image string means the same in
// both; a text that is not strict JSON is left to the lenient path whole.
bool liftBase64Values(QByteArrayView text, QByteArray *out, LiftedImages *lifted);

// The bytes value stands for, if it is one of lifted's markers.
std::optional<QByteArrayView> liftedValue(QStringView value, const LiftedImages &lifted);

} // namespace fd::protocol
