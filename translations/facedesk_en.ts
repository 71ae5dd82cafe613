<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Protocol</name>
    <message>
        <source>Face capture camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face comparison machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binocular access/attendance gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monocular access/attendance gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI NVR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cloud platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown type (0x%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System exception on the server (for a token request: the token could not be issued). Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is not in the server&apos;s device list, so its heartbeat is not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is invalid or has expired; the device must request a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is not registered on the server (it may be waiting for approval).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device could not parse the JSON it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s face library is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device could not compute a face feature from the photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is not a valid JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s SD card is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s recognition model is not initialised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed to extract the face feature value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name number is a duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of faces in the database has exceeded the maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the face timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too big.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is low on storage space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device failed to open the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device has no face database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device failed to read the picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s database file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture quality is too poor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong picture size: width and height must be even.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face detection failed: no face, or more than one face, was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture format is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face area is wrong (too small or cut off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s algorithm failed to create a handle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown error code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required field is absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is outside %2..%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected text, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, the limit is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected base64 text, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required image is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid base64 (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a feature value is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a list of numbers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of numbers, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 values; a face feature has 128 to 512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2 is outside %3..%4; read as unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;method&quot; field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad face feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not readable JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the second corner lies before the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no jpegBase64MD5 to check the image against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataLength says %1 bytes but the message has %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message names no method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2 is not a whole number; read as unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::AlertBanner</name>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge the oldest alert (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE OFFLINE: %1, since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE BACK ONLINE: %1, at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STRANGER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 at %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::AlertRules</name>
    <message>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A single chime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banner until acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banner and alarm until acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::DeviceTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::EventDetailDialog</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save background...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save face...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age: about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glasses: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>glasses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sunglasses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>white</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emotion: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>angry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>happy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>surprised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 is no longer in the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No background image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: %1, channel %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library person: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature: %1 °C (at or above the alarm level %2 °C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature: %1 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JPEG images (*.jpg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::LiveEventModel</name>
    <message>
        <source>Stranger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::MainWindow</name>
    <message>
        <source>FaceDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resume (%n new)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening: HTTP %1, TCP %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices online: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events/min: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacknowledged alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face library editor, bulk import and device sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the archive by time, device, list, person and face.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the wall; new events wait and are counted (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strangers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter devices by name, type, UUID, IP...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Forget %n device(s)? Their events stay in the archive; they must be approved again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Blacklist hit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIP:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whitelist:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stranger:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device goes offline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device back online:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The wall keeps this many newest events; the archive keeps them all. Takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live wall size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute alerts from the selected devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute all devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: %1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaceDesk: the desk for Jovision face-recognition devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with simulated devices and a throw-away archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept unknown devices without approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per second in the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the window as PNG after --screenshot-after seconds, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds before the screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive in %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk cannot listen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save the newest event&apos;s detail view as PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also save the devices panel as PNG.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
