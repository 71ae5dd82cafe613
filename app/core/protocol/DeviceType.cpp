#include "DeviceType.h"

#include "ProtocolText.h"

namespace fd::protocol {

bool isKnownDeviceType(int value)
{
    switch (DeviceType(value)) {
    case DeviceType::IpcCapture: case DeviceType::IpcCompare: case DeviceType::BinocularGate:
    case DeviceType::MonocularGate: case DeviceType::NvrSmart: case DeviceType::AiCloud:
    case DeviceType::App: case DeviceType::WeChat: case DeviceType::Cms: case DeviceType::Others:
        return true;
    }
    return false;
}

bool isFaceDevice(int value)
{
    switch (DeviceType(value)) {
    case DeviceType::IpcCapture: case DeviceType::IpcCompare: case DeviceType::BinocularGate:
    case DeviceType::MonocularGate: case DeviceType::NvrSmart:
        return true;
    default:
        return false;
    }
}

QString deviceTypeName(int value)
{
    switch (DeviceType(value)) {
    case DeviceType::IpcCapture: return ProtocolText::tr("Face capture camera");
    case DeviceType::IpcCompare: return ProtocolText::tr("Face comparison machine");
    case DeviceType::BinocularGate: return ProtocolText::tr("Binocular access/attendance gate");
    case DeviceType::MonocularGate: return ProtocolText::tr("Monocular access/attendance gate");
    case DeviceType::NvrSmart: return ProtocolText::tr("AI NVR");
    case DeviceType::AiCloud: return ProtocolText::tr("Cloud platform");
    case DeviceType::App: return ProtocolText::tr("Mobile app");
    case DeviceType::WeChat: return ProtocolText::tr("WeChat");
    case DeviceType::Cms: return ProtocolText::tr("CMS");
    case DeviceType::Others: return ProtocolText::tr("Other client");
    }
    return ProtocolText::tr("Unknown type (0x%1)").arg(value, 2, 16, QLatin1Char('0'));
}

} // namespace fd::protocol
