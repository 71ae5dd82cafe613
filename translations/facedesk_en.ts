<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FaceEngine</name>
    <message>
        <source>Haar + LBP histograms (built in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YuNet + SFace (ONNX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CNN (face-api: Tiny Face Detector + ResNet-34, 128 values)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaceSearch</name>
    <message>
        <source>The archive cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for at least one result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no event %1 in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has no face feature yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event&apos;s face feature (%1 values) cannot be searched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo cannot be read as an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No face found in the photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no person %1 in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no photo in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library photo of %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is not decoded: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeatureIndex</name>
    <message>
        <source>the feature comes from another recognition engine than this index&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature has another number of dimensions than this index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the feature is empty or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid search or entry settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>The row has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a gender (male/female, 男/女, M/F, 1/0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row names no photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern “%1” must separate its tokens with one and the same character, e.g. {name}_{card}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern “%1” may only hold the tokens {name}, {card}, {gender} and {ignore} with one separator between them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern “%1” needs {name} once; {card} and {gender} may appear at most once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name “%1” does not match the pattern %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it needs %1 parts separated by “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card number is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows: %2 imported (%3 with fixes, %4 flagged), %5 rejected, %6 duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 rows; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number %1 already belongs to %2 (#%3) in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number %1 is already used by row %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is the same as the photo of %1 (#%2) in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is the same as the photo of row %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added: the import was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added: the import failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no list number %1; the lists are 1 (blacklist), 2 (whitelist), 3 (VIP) and 4 (custom), or a list&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2; photos larger than %3 are not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2; it is not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirrored left to right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated 180°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirrored top to bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated 90° clockwise and mirrored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated 90° clockwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise and mirrored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turned upright as its EXIF orientation says (%1): devices may not honour the tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompressed at JPEG quality %1 to fit within %2 KiB (it was %3 KiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaled down to %1 px at JPEG quality %2 to fit within %3 KiB (it was %4 KiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image (it looks like text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image (it looks like a %2 file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a truncated JPEG: the file ends before the image does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a corrupt %2: it could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo is only %1 px; each side needs at least %2 px.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted from %1 to JPEG: devices take only JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoded as a baseline JPEG: devices may decode only baseline JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaled down from %1 to %2 px: larger photos only cost transfer time and device storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cropped %1 → %2 px: devices need even sizes (100015).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be made smaller than %2 KiB without becoming too small to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No face found; a library photo must show one person&apos;s face from the front.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n faces found; a library photo must show exactly one person.</source>
        <translation>
            <numerusform>%n face found; a library photo must show exactly one person.</numerusform>
            <numerusform>%n faces found; a library photo must show exactly one person.</numerusform>
        </translation>
    </message>
    <message>
        <source>The face is only %1 px wide; recognition needs at least %2 px.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face is blurred (sharpness %1, at least %2 wanted); recognition may miss this person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” is refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is an absolute path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it points outside the archive (“..”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its name holds control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” is encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to %2; photos larger than %3 are not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a ZIP archive that can be read (error %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a damaged ZIP archive (error %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds %2 CSV files (%3); it may hold at most one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo “%1” is an absolute path; photos in a ZIP are named relative to the CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo “%1” points outside the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive holds no photo “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to %2; at most %3 is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” is damaged and cannot be unpacked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to more than %2; reading stopped there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive entry “%1” is damaged (its checksum does not match).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces cannot be counted: neither the face models (packaging/install-deps.sh) nor OpenCV&apos;s face cascade (package opencv-data) are installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face is cut off by the edge of the photo (%1 % of it is outside); a library photo must show the whole face.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face is turned to the side (%1 where at most %2 is wanted); a library photo must show the face from the front.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name “%1” gives only a number: read as the card number, and the person is named by it until someone types the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name “%1” names nobody (a camera&apos;s or phone&apos;s name): the person is named after the file until someone types the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number only (10023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name only (Jane Doe, 张伟)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number, then name (10023_Jane Doe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, then card number (Jane Doe_10023)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera names, no person (IMG_4521)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no name at all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short number at the end (_1, (2)) is another photo of the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short number at the end (_1, (2)) is a card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File names read by their shape: %1; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The short numbers never repeat a name: if they are card numbers, say so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to decode safely: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryEdits</name>
    <message>
        <source>Card number %1 already belongs to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This person was deleted meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person needs a photo with exactly one face.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorStore</name>
    <message>
        <source>Wrong name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is disabled; an administrator can enable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until %1; an administrator can unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong passwords: try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an operator needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name is at most 64 characters, without spaces at either end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name has only printable characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password has at most 1024 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an operator named %1 exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password could not be hashed (out of memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no operator named %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the last enabled admin: make another admin first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message>
        <source>not valid base64: %1 characters, &quot;%2&quot; at character %3 is not a base64 character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid base64: %1 characters that do not make whole bytes (cut short?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>given twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message names it more than once; which one counts would be a guess</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::sync::SyncEngine</name>
    <message>
        <source>the device opened a new connection before answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was lost before the device answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the device did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk has no photo of this person to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person&apos;s photo cannot be read: %1</source>
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
        <translation>
            <numerusform>%n more alert waiting</numerusform>
            <numerusform>%n more alerts waiting</numerusform>
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
    <message>
        <source>%1 at %2 was acknowledged on another desk by %3</source>
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
    <name>fd::ui::AssignDialog</name>
    <message>
        <source>Assign to devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %n selected persons</source>
        <translation>
            <numerusform>The %n selected person</numerusform>
            <numerusform>The %n selected persons</numerusform>
        </translation>
    </message>
    <message>
        <source>Everyone in the list, now and later:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices and groups that should hold them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unticking removes the persons from that device at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group from ticked devices...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The assignment could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Group: %1 (%n devices)</source>
        <translation>
            <numerusform>Group: %1 (%n device)</numerusform>
            <numerusform>Group: %1 (%n devices)</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected devices are never sent anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the devices that should form the group first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New device group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the assignments...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The assignments cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::AuditPanel</name>
    <message>
        <source>Trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person, device, operator...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New accounts and passwords: facedesk users (see the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest %1 matching records of %2 in the trail; narrow the filter for older ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 records in the trail match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the chain...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n record(s), newest hash %1</source>
        <translation>
            <numerusform>Chain intact: %n record, newest hash %1</numerusform>
            <numerusform>Chain intact: %n records, newest hash %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain broken at record %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>locked until %1 after %n failed sign-in(s)</source>
        <translation>
            <numerusform>locked until %1 after %n failed sign-in</numerusform>
            <numerusform>locked until %1 after %n failed sign-ins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Operators (%n locked)</source>
        <translation>
            <numerusform>Operators (%n locked)</numerusform>
            <numerusform>Operators (%n locked)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not be changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed sign-in(s) in a row</source>
        <translation>
            <numerusform>%1, %n failed sign-in in a row</numerusform>
            <numerusform>%1, %n failed sign-ins in a row</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::ui::AuditTableModel</name>
    <message>
        <source>Record %1, hash %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(FaceDesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
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
    <message>
        <source>Face library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length mismatches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages since FaceDesk started whose dataLength did not match their size. They were accepted; a steady count points at the device&apos;s firmware.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by another collector of this site: approve, rename or forget it on the desk that receives its events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (another collector)</source>
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
    <message>
        <source>%1; %2 on the device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched by FaceDesk (distance %1); the device sent no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk sees %1 here (distance %2), not the device&apos;s match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk agrees (distance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk does not see the device&apos;s match here (distance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading event %1...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::FaceSearchController</name>
    <message>
        <source>Computing face features: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading face search...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Face search: %1, %n faces</source>
        <translation>
            <numerusform>Face search: %1, %n face</numerusform>
            <numerusform>Face search: %1, %n faces</numerusform>
        </translation>
    </message>
    <message>
        <source>Face search unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::ImportReportModel</name>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported, fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why / what was fixed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::ImportWizard</name>
    <message>
        <source>Import persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where are the photos?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of photos, a CSV file naming photos, or a ZIP of either. Every photo is checked before anything is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first rows as FaceDesk reads them. Rows with a problem are reported, not dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos are checked on every core. Cancel adds no one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported after a fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported as they were</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a file name gives the person: {name}, {card}, {gender} and {ignore} between separators, e.g. {name}_{card} for &quot;Zhang Wei_10023.jpg&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include sub-folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows that name no list go to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import duplicates anyway (they are flagged in the report)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rows.</source>
        <translation>
            <numerusform>%n row.</numerusform>
            <numerusform>%n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them cannot be imported as they are (see the last column).</source>
        <translation>
            <numerusform>%n of them cannot be imported as it is (see the last column).</numerusform>
            <numerusform>%n of them cannot be imported as they are (see the last column).</numerusform>
        </translation>
    </message>
    <message>
        <source>Encoding: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first row is a header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No header row: columns in the default order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the source...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 photos · %3 photos/s · %4
%5 imported, %6 rejected, %7 duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short number at the end of a name (_1, (2)) is:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another photo of the same person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read by their shape (10023, Jane Doe, 10023_Jane Doe, Jane Doe (2), IMG_4521)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read by this pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem or note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another photo of the person of row %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::LibraryPanel</name>
    <message>
        <source>Search by name or card number...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign to &amp;devices...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;list...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n persons</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n persons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n persons match</source>
        <translation>
            <numerusform>%1 of %n person match</numerusform>
            <numerusform>%1 of %n persons match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from the library? Devices that hold them will be told to delete them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the custom list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the library...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase a person everywhere: library, photos, face index, devices and, if you choose, their events and images. For a person&apos;s request to be forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also delete every event matched to them, with its images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was erased: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase %1 (index %2) from the library, the face index and every device that holds them? This cannot be undone. The audit trail records that it happened, not the face; records of earlier edits to this person keep what they recorded.</source>
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
    <message>
        <source>FaceDesk %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::LoginDialog</name>
    <message>
        <source>FaceDesk: the first administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk: sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This archive has no operators yet. Create the first administrator: they can add guards and supervisors afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the security desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone created an administrator meanwhile: sign in instead.</source>
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
        <translation>
            <numerusform>Resume (%n new)</numerusform>
            <numerusform>Resume (%n new)</numerusform>
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
        <source>Search</source>
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
        <translation>
            <numerusform>Forget %n device? Its events stay in the archive; it must be approved again.</numerusform>
            <numerusform>Forget %n devices? Their events stay in the archive; they must be approved again.</numerusform>
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
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n in sync</source>
        <translation>
            <numerusform>%n in sync</numerusform>
            <numerusform>%n in sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>FaceDesk sees %1 (distance %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk does not see this person (distance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Face matching: %n behind, catching up</source>
        <translation>
            <numerusform>Face matching: %n behind, catching up</numerusform>
            <numerusform>Face matching: %n behind, catching up</numerusform>
        </translation>
    </message>
    <message>
        <source>Face matching: live</source>
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
        <source>FaceDesk names a capture as a person of this list when its face is closer than this distance (same person: below %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk names a capture as a person of this list when its face is more similar than this (same person: above %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: match closer than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: match above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: disk full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive disk full: events are refused, devices retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk cannot write to %1 (%2). Devices are told to send their events again later; nothing they were told is stored gets lost. Free space on that disk and FaceDesk resumes by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive disk full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk cannot reach the archive&apos;s database %1 (%2). Devices stay connected and are told to send their events again later; nothing they were told is stored gets lost. FaceDesk reconnects by itself every second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive database unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive database unreachable since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desk only: events from the site&apos;s collectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch operator...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shift change: another operator signs in; the wall and the alerts stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an admin may do this (you are %1, a %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 or an admin may do this (you are %2, a %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk is locked (%1 was signed in).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) waiting: sign in to see and acknowledge them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With operator accounts: lock the desk after this long without a key or mouse. Alarms keep sounding over the lock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blacklist hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events older than this are deleted with their images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events of this list older than this are deleted sooner than the rest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonEditDialog</name>
    <message>
        <source>Add person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose photo...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card or ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gender:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Card number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored photo, %1 × %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.bmp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Cannot read %1: %2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the photo...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;Photo accepted&lt;/b&gt; (%1 × %2, %3 KB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Photo refused (%1)&lt;/b&gt;&lt;br&gt;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A person needs a photo with exactly one face.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the library...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;This person was deleted meanwhile.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;The library cannot be read: %1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonTableModel</name>
    <message>
        <source>%1 × %2, %3 KB, from %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n in sync</source>
        <translation>
            <numerusform>%n in sync</numerusform>
            <numerusform>%n in sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonTimelineDialog</name>
    <message>
        <source>Card %1 · index_id %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index_id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also faces similar to the photo, above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face search is not available for this archive yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance (local time):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sightings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export attendance CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sightings</source>
        <translation>
            <numerusform>%n sighting</numerusform>
            <numerusform>%n sightings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by face similarity</source>
        <translation>
            <numerusform>, %n of them by face similarity</numerusform>
            <numerusform>, %n of them by face similarity</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> on %n day(s).</source>
        <translation>
            <numerusform> on %n day.</numerusform>
            <numerusform> on %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for similar faces...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::SearchPanel</name>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best score first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces like this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None ticked: every device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strangers</source>
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
        <source>Lists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality at least:</source>
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
        <source>Gender:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask:</source>
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
        <source>Glasses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only temperature warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert handling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces like...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event in the results first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A photo of the face to look for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library person (index_id):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face search is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face search is still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n events with faces like %1, similarity at least %2 (%3)</source>
        <translation type="vanished">
            <numerusform>%n event with a face like %1, similarity at least %2 (%3)</numerusform>
            <numerusform>%n events with faces like %1, similarity at least %2 (%3)</numerusform>
        </translation>
    </message>
    <message>
        <source>event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 100,000 events match; narrow the search or scroll on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n events match</source>
        <translation>
            <numerusform>%n event matches</numerusform>
            <numerusform>%n events match</numerusform>
        </translation>
    </message>
    <message>
        <source>FaceDesk search report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for faces like %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity at least:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same person below %1 (the first tick)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same person above %1 (the first tick)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (same person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n events with faces like %1, %2 %3 (%4)</source>
        <translation>
            <numerusform>%n event with a face like %1, %2 %3 (%4)</numerusform>
            <numerusform>%n events with faces like %1, %2 %3 (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the events with faces like %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by a search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::SearchResultModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stranger</source>
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
        <source>List %1</source>
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
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::TimelineView</name>
    <message>
        <source>No sightings in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found by face similarity %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fd::ui::WelcomePanel</name>
    <message>
        <source>&lt;h2&gt;Welcome to FaceDesk&lt;/h2&gt;No device has connected yet. On each device&apos;s web page (Intelligent Analysis → Face Detection → Server Configuration) enable HTTP upload and heartbeat and type these values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PC has no network address other than its own loopback: connect it to the devices&apos; network first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices that reach this PC at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP address (face pushes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port (comparison machines&apos; long connection):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices asking to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo (simulated devices, a separate window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the live wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-check: nothing to check without a network address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-check: connecting to this PC&apos;s own addresses...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A firewall between this PC and the devices cannot be seen from here: if a device&apos;s page says the server is unreachable, open TCP ports %1 and %2 for the devices&apos; network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ FaceDesk answers at %1, port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Nothing answers at %1, port %2 (%3): FaceDesk may listen on another address, or a rule on this PC refuses the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ No answer at %1, port %2 within %3 s: a firewall on this PC may drop the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3, %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: devices appear here as soon as they connect.</source>
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
        <source>Also save %1 as PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest library match&apos;s detail view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the devices panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the face library editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search view with today&apos;s events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first library person&apos;s timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a face search for the library person seen most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the import wizard&apos;s preview of the demo photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the import wizard&apos;s report on the demo photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the settings panel (alert rules, match thresholds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the welcome page a desk without devices shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window while the archive&apos;s disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A site&apos;s shared archive: postgresql://USER@HOST[:PORT]/DBNAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceDesk cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events from the site&apos;s other collectors cannot be followed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window while the archive&apos;s PostgreSQL cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --database: open no ports; devices send to the site&apos;s collectors (facedesk serve) and this desk follows their events, alerts and devices through the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in dialog after a wrong password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window as a guard sees it (search, library, settings disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit viewer with the chain checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
