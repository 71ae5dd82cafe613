// One fuzz target's body, written once for two uses:
// - built with FACEDESK_LIBFUZZER (the fuzz build, tests/fuzz/run.sh), it is a libFuzzer
//   executable's LLVMFuzzerTestOneInput;
// - built without, it registers itself by name, and tst_fuzzreplay runs every seed and
//   every saved crash through it in the normal (and the sanitizer) build.
// A target checks what the code promises beyond not crashing with fuzzCheck(): a
// broken promise aborts, which libFuzzer reports as a crash with the input saved.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace fd::fuzz {

using Entry = void (*)(QByteArrayView data);

// Adds a target to tst_fuzzreplay's list (the macro below calls it).
int registerTarget(const char *name, Entry entry);

[[noreturn]] inline void fail(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

} // namespace fd::fuzz

#define fuzzCheck(cond) ((cond) ? void(0) : fd::fuzz::fail(#cond, __FILE__, __LINE__))

#ifdef FACEDESK_LIBFUZZER
#define FACEDESK_FUZZ_TARGET(name)                                                                 \
    static void fuzz_##name(QByteArrayView data);                                                  \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)             \
    {                                                                                              \
        fuzz_##name(QByteArrayView(reinterpret_cast<const char *>(bytes), qsizetype(size)));       \
        return 0;                                                                                  \
    }                                                                                              \
    static void fuzz_##name(QByteArrayView data)
#else
#define FACEDESK_FUZZ_TARGET(name)                                                                 \
    static void fuzz_##name(QByteArrayView data);                                                  \
    [[maybe_unused]] static const int fuzzRegistered_##name = fd::fuzz::registerTarget(#name, &fuzz_##name); \
    static void fuzz_##name(QByteArrayView data)
#endif
