// Keys that one JSON object holds twice. QJsonDocument keeps the last of two equal
// keys and FieldReader reads " Token" as "token", so {"token":"forged","token":"real"}
// or {"uuid":"A","UUID":"B"} would be read one way here and perhaps another way by a
// proxy, a log shipper or the device's own firmware. The decoder refuses such a
// message when the repeated key is one that says who sent it or what it carries
// (MessageCodec.cpp). The scan runs over the text the strict parser accepted, with
// the images already lifted out, so it costs one pass over a few hundred bytes.
#pragma once

#include <QByteArrayView>
#include <QStringList>

namespace fd::protocol {

// Reads strict JSON text (what QJsonDocument accepted) and returns each key that
// occurs more than once in the same object, in the form FieldReader compares keys:
// white space, commas and quotes trimmed, lower case. Each such key is listed once.
QStringList repeatedKeys(QByteArrayView strictJson);

// A key as sloppy devices' keys are compared: surrounding white space, stray commas
// (ASCII and full-width) and quotes left out. FieldReader matches fields with it too.
QStringView keyCore(QStringView key);

} // namespace fd::protocol
