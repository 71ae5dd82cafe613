// SW_DEV_TYPE from the vendor's protocol: what kind of node a message comes from.
#pragma once

#include <QString>

namespace fd::protocol {

enum class DeviceType : int {
    IpcCapture = 0x10,       // DEV_IPC_CAPTURE: face recognition (capture) camera
    IpcCompare = 0x12,       // DEV_IPC_COMPARE: comparison machine
    BinocularGate = 0x14,    // DEV_IPC_BINOCULAR_GATE: access control / attendance
    MonocularGate = 0x16,    // DEV_IPC_MONOCULAR_GATE
    NvrSmart = 0x18,         // DEV_NVR_SMART: AI NVR
    AiCloud = 0x1A,          // DEV_AI_CLOUDE: cloud platform
    App = 0x1C,              // DEV_C_APP
    WeChat = 0x1E,           // DEV_C_WEIXIN
    Cms = 0x20,              // DEV_C_CMS: FaceDesk itself
    Others = 0x21,           // DEV_C_OTHERS: e.g. an attendance client
};

bool isKnownDeviceType(int value);
// Translated display name; unknown values read "Unknown type (0x..)".
QString deviceTypeName(int value);
// The devices that push faces and hold libraries (the simulator can play these).
bool isFaceDevice(int value);

} // namespace fd::protocol
