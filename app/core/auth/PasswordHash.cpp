#include "PasswordHash.h"

#include <sodium.h>

namespace fd::auth {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;  // thread-safe; idempotent in libsodium
    return ready;
}

// The password's bytes, wiped when done with.
struct SecretBytes {
    explicit SecretBytes(const QString &password) : bytes(password.toUtf8()) {}
    ~SecretBytes() { sodium_memzero(bytes.data(), size_t(bytes.size())); }
    QByteArray bytes;
};

} // namespace

QByteArray hashPassword(const QString &password)
{
    if (!sodiumReady())
        return {};
    const SecretBytes secret(password);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, secret.bytes.constData(), quint64(secret.bytes.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {};
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &stored, const QString &password)
{
    if (!sodiumReady() || stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    const SecretBytes secret(password);
    const QByteArray terminated = stored + '\0';  // libsodium reads a C string
    return crypto_pwhash_str_verify(terminated.constData(), secret.bytes.constData(), quint64(secret.bytes.size())) == 0;
}

bool needsRehash(const QByteArray &stored)
{
    if (!sodiumReady() || stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES)
        return true;
    const QByteArray terminated = stored + '\0';
    return crypto_pwhash_str_needs_rehash(terminated.constData(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0;
}

} // namespace fd::auth
