#include "ErrorCodes.h"

#include "ProtocolText.h"

namespace fd::protocol {

QString resultCodeText(int value)
{
    switch (value) {
    case code::Ok: return ProtocolText::tr("Success.");
    case code::SystemException: return ProtocolText::tr("System exception on the server (for a token request: the token could not be issued). Try again.");
    case code::NotInServerList: return ProtocolText::tr("The device is not in the server's device list, so its heartbeat is not accepted.");
    case code::TokenInvalid: return ProtocolText::tr("The token is invalid or has expired; the device must request a new one.");
    case code::NotRegistered: return ProtocolText::tr("The device is not registered on the server (it may be waiting for approval).");
    case code::JsonParseError: return ProtocolText::tr("The device could not parse the JSON it was sent.");
    case code::LibraryFull: return ProtocolText::tr("The device's face library is full.");
    case code::FeatureFailed: return ProtocolText::tr("The device could not compute a face feature from the photo.");
    case code::InvalidJpeg: return ProtocolText::tr("The photo is not a valid JPEG.");
    case code::SdCardUnavailable: return ProtocolText::tr("The device's SD card is not available.");
    case code::ModelNotInitialised: return ProtocolText::tr("The device's recognition model is not initialised.");
    case code::Other: return ProtocolText::tr("Other error.");
    case code::Failed: return ProtocolText::tr("The operation failed.");
    case code::FeatureExtractionFailed: return ProtocolText::tr("Failed to extract the face feature value.");
    case code::DuplicateFileNumber: return ProtocolText::tr("The file name number is a duplicate.");
    case code::DatabaseFull: return ProtocolText::tr("The number of faces in the database has exceeded the maximum.");
    case code::AddTimeout: return ProtocolText::tr("Adding the face timed out.");
    case code::ParameterError: return ProtocolText::tr("Parameter error.");
    case code::FileTooBig: return ProtocolText::tr("The file is too big.");
    case code::LowStorage: return ProtocolText::tr("The device is low on storage space.");
    case code::FileOpenFailed: return ProtocolText::tr("The device failed to open the file.");
    case code::NoDatabase: return ProtocolText::tr("The device has no face database.");
    case code::ReadPictureFailed: return ProtocolText::tr("The device failed to read the picture.");
    case code::DatabaseDamaged: return ProtocolText::tr("The device's database file is damaged.");
    case code::PoorQuality: return ProtocolText::tr("The picture quality is too poor.");
    case code::OddPictureSize: return ProtocolText::tr("Wrong picture size: width and height must be even.");
    case code::FaceDetectionFailed: return ProtocolText::tr("Face detection failed: no face, or more than one face, was found.");
    case code::WrongPictureFormat: return ProtocolText::tr("The picture format is wrong.");
    case code::FaceAreaError: return ProtocolText::tr("The face area is wrong (too small or cut off).");
    case code::AlgorithmHandleError: return ProtocolText::tr("The device's algorithm failed to create a handle.");
    case code::DeviceBusy: return ProtocolText::tr("The device is busy.");
    default: break;
    }
    return ProtocolText::tr("Unknown error code %1.").arg(value);
}

bool isKnownResultCode(int value)
{
    return value == code::Ok || (value <= code::SystemException && value >= code::NotRegistered)
        || (value <= code::JsonParseError && value >= code::ModelNotInitialised)
        || (value >= code::Other && value <= code::DeviceBusy);
}

bool isPermanentLibraryError(int value)
{
    switch (value) {
    case code::LibraryFull: case code::FeatureFailed: case code::InvalidJpeg: case code::FeatureExtractionFailed:
    case code::DatabaseFull: case code::FileTooBig: case code::DuplicateFileNumber:
    case code::ParameterError: case code::WrongPictureFormat: case code::ReadPictureFailed:
        return true;
    default:
        return value >= code::PoorQuality && value <= code::FaceAreaError;
    }
}

} // namespace fd::protocol
