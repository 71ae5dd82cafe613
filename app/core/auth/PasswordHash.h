// Operators' passwords (#13), stored only as Argon2id hashes made by libsodium's
// crypto_pwhash_str: a memory-hard function, so a stolen archive does not give its
// passwords away at GPU speed. The string holds the algorithm, its cost and the salt
// ("$argon2id$v=19$m=65536,t=2,p=1$..."), so a later FaceDesk can raise the cost and
// still check old hashes (needsRehash says when to store a new one at the next
// login). Cost: libsodium's "interactive" limits, 64 MiB and two passes, about 0.1 s
// on this machine's cores: a login is not noticeably slower, a guessing attack pays
// that for every guess. Verification compares in constant time (libsodium's own).
// Neither the password nor the hash is ever logged by this code.
#pragma once

#include <QByteArray>
#include <QString>

namespace fd::auth {

// The encoded hash of `password` (its UTF-8 bytes), or empty if libsodium could not
// allocate the memory the hash needs.
QByteArray hashPassword(const QString &password);

// Whether `password` is the one `stored` was made from. A malformed or empty stored
// value is simply not a match.
bool verifyPassword(const QByteArray &stored, const QString &password);

// Whether `stored` was made with other limits than hashPassword() uses today.
bool needsRehash(const QByteArray &stored);

} // namespace fd::auth
