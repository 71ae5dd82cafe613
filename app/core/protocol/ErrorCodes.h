// The protocol's result codes, each with a sentence an admin can act on.
//
// Three tables share one integer space: the token/heartbeat codes (-1001..-1004),
// the device library codes (-2001..-2006) and the algorithm codes (100001..100020).
#pragma once

#include <QString>

namespace fd::protocol {

namespace code {
constexpr int Ok = 0;
constexpr int SystemException = -1001;     // also: failed to get a token
constexpr int NotInServerList = -1002;     // heartbeat from a device not in the server list
constexpr int TokenInvalid = -1003;
constexpr int NotRegistered = -1004;       // device not registered on the server
constexpr int JsonParseError = -2001;      // "cjson prase err"
constexpr int LibraryFull = -2002;         // "exceed max database num"
constexpr int FeatureFailed = -2003;       // "get feature failed" (number missing in the spec, see PROTOCOL.md)
constexpr int InvalidJpeg = -2004;
constexpr int SdCardUnavailable = -2005;
constexpr int ModelNotInitialised = -2006;

constexpr int Other = 100001;
constexpr int Failed = 100002;
constexpr int FeatureExtractionFailed = 100003;
constexpr int DuplicateFileNumber = 100004;
constexpr int DatabaseFull = 100005;
constexpr int AddTimeout = 100006;
constexpr int ParameterError = 100007;
constexpr int FileTooBig = 100008;
constexpr int LowStorage = 100009;
constexpr int FileOpenFailed = 100010;
constexpr int NoDatabase = 100011;
constexpr int ReadPictureFailed = 100012;
constexpr int DatabaseDamaged = 100013;
constexpr int PoorQuality = 100014;
constexpr int OddPictureSize = 100015;
constexpr int FaceDetectionFailed = 100016;
constexpr int WrongPictureFormat = 100017;
constexpr int FaceAreaError = 100018;
constexpr int AlgorithmHandleError = 100019;
constexpr int DeviceBusy = 100020;
} // namespace code

bool isKnownResultCode(int value);
// A translated explanation; unknown codes read "Unknown error code N".
QString resultCodeText(int value);
// Errors that no retry can fix (bad photo, full library): shown to the admin, never retried.
bool isPermanentLibraryError(int value);

} // namespace fd::protocol
