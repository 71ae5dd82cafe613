// A typed reason why a message could not be read, naming the field at fault.
#pragma once

#include <QString>

namespace fd::protocol {

enum class DecodeErrorKind {
    None,
    Json,           // the text is not readable JSON, even leniently (see detail)
    MissingMethod,  // no "method" and no other way to tell what the message is
    UnknownMethod,
    MissingField,   // a required field is absent
    WrongType,      // a field holds a value of a kind that cannot be read as the expected one
    OutOfRange,     // a number outside what the protocol allows
    TooLong,        // a string longer than the table's "Maximum length"
    BadBase64,      // an image field that is not base64
    BadFeature,     // a face_feature that is not a list of 128..512 numbers
    BadTime,        // a time that is neither "yyyy-MM-dd HH:mm:ss" nor Unix seconds
    Ambiguous,      // an identity or image key given twice: which one counts is a guess
};

struct DecodeError {
    DecodeErrorKind kind = DecodeErrorKind::None;
    QString field;   // dotted path, e.g. "data.attribute.age"; empty for whole-message errors
    QString detail;  // what was found, for logs and the user

    explicit operator bool() const { return kind != DecodeErrorKind::None; }
    bool operator==(const DecodeError &) const = default;

    // One translated sentence for logs and dialogs.
    QString describe() const;
};

} // namespace fd::protocol
