<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FaceEngine</name>
    <message>
        <source>Haar + LBP histograms (built in)</source>
        <translation>Haar + LBP 直方图（内置）</translation>
    </message>
    <message>
        <source>YuNet + SFace (ONNX)</source>
        <translation>YuNet + SFace（ONNX）</translation>
    </message>
    <message>
        <source>CNN (face-api: Tiny Face Detector + ResNet-34, 128 values)</source>
        <translation>CNN（face-api：Tiny Face Detector + ResNet-34，128 维）</translation>
    </message>
</context>
<context>
    <name>FaceSearch</name>
    <message>
        <source>The archive cannot be opened.</source>
        <translation>无法打开存档。</translation>
    </message>
    <message>
        <source>Ask for at least one result.</source>
        <translation>请求的结果数量至少为 1。</translation>
    </message>
    <message>
        <source>There is no event %1 in the archive.</source>
        <translation>存档中不存在事件 %1。</translation>
    </message>
    <message>
        <source>This event has no face feature yet.</source>
        <translation>该事件尚无人脸特征。</translation>
    </message>
    <message>
        <source>This event&apos;s face feature (%1 values) cannot be searched.</source>
        <translation>该事件的人脸特征（%1 个值）无法用于检索。</translation>
    </message>
    <message>
        <source>The photo cannot be read as an image.</source>
        <translation>无法将该照片读取为图像。</translation>
    </message>
    <message>
        <source>No face found in the photo.</source>
        <translation>照片中未检测到人脸。</translation>
    </message>
    <message>
        <source>There is no person %1 in the library.</source>
        <translation>人脸库中不存在人员 %1。</translation>
    </message>
    <message>
        <source>%1 has no photo in the library.</source>
        <translation>%1 在人脸库中没有照片。</translation>
    </message>
    <message>
        <source>The library photo of %1 cannot be read.</source>
        <translation>无法读取 %1 的人脸库照片。</translation>
    </message>
    <message>
        <source>The photo is not decoded: %1.</source>
        <translation>照片未解码：%1。</translation>
    </message>
</context>
<context>
    <name>FeatureIndex</name>
    <message>
        <source>the feature comes from another recognition engine than this index&apos;s</source>
        <translation>该特征来自与此索引不同的识别引擎</translation>
    </message>
    <message>
        <source>the feature has another number of dimensions than this index</source>
        <translation>该特征的维数与此索引不一致</translation>
    </message>
    <message>
        <source>the feature is empty or not a number</source>
        <translation>该特征为空或不是数值</translation>
    </message>
    <message>
        <source>invalid search or entry settings</source>
        <translation>检索或条目设置无效</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>The row has no name.</source>
        <translation>该行没有姓名。</translation>
    </message>
    <message>
        <source>“%1” is not a gender (male/female, 男/女, M/F, 1/0).</source>
        <translation>“%1”不是有效的性别（male/female、男/女、M/F、1/0）。</translation>
    </message>
    <message>
        <source>The row names no photo.</source>
        <translation>该行未指定照片。</translation>
    </message>
    <message>
        <source>The pattern “%1” must separate its tokens with one and the same character, e.g. {name}_{card}.</source>
        <translation>模板“%1”中的各字段必须使用同一个分隔符分隔，例如 {name}_{card}。</translation>
    </message>
    <message>
        <source>The pattern “%1” may only hold the tokens {name}, {card}, {gender} and {ignore} with one separator between them.</source>
        <translation>模板“%1”只能包含字段 {name}、{card}、{gender} 和 {ignore}，字段之间各用一个分隔符。</translation>
    </message>
    <message>
        <source>The pattern “%1” needs {name} once; {card} and {gender} may appear at most once.</source>
        <translation>模板“%1”必须包含一次 {name}；{card} 和 {gender} 最多各出现一次。</translation>
    </message>
    <message>
        <source>The file name “%1” does not match the pattern %2: %3</source>
        <translation>文件名“%1”与模板 %2 不匹配：%3</translation>
    </message>
    <message>
        <source>it needs %1 parts separated by “%2”.</source>
        <translation>需要由“%2”分隔的 %1 个部分。</translation>
    </message>
    <message>
        <source>the name is empty.</source>
        <translation>姓名为空。</translation>
    </message>
    <message>
        <source>the card number is empty.</source>
        <translation>卡号为空。</translation>
    </message>
    <message>
        <source>%1 is not a readable folder.</source>
        <translation>%1 不是可读取的文件夹。</translation>
    </message>
    <message>
        <source>%1 rows: %2 imported (%3 with fixes, %4 flagged), %5 rejected, %6 duplicates</source>
        <translation>共 %1 行：已导入 %2 行（其中 %3 行经修正，%4 行已标记），已拒绝 %5 行，重复 %6 行</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 rows; nothing was added.</source>
        <translation>已在处理 %1 / %2 行后取消；未添加任何人员。</translation>
    </message>
    <message>
        <source>Failed: %1; nothing was added.</source>
        <translation>失败：%1；未添加任何人员。</translation>
    </message>
    <message>
        <source>Card number %1 already belongs to %2 (#%3) in the library.</source>
        <translation>卡号 %1 已属于人脸库中的 %2（#%3）。</translation>
    </message>
    <message>
        <source>Card number %1 is already used by row %2 (%3).</source>
        <translation>卡号 %1 已被第 %2 行（%3）使用。</translation>
    </message>
    <message>
        <source>The photo is the same as the photo of %1 (#%2) in the library.</source>
        <translation>该照片与人脸库中 %1（#%2）的照片相同。</translation>
    </message>
    <message>
        <source>The photo is the same as the photo of row %1 (%2).</source>
        <translation>该照片与第 %1 行（%2）的照片相同。</translation>
    </message>
    <message>
        <source>row %1 (%2, %3)</source>
        <translation>第 %1 行（%2，%3）</translation>
    </message>
    <message>
        <source>Not added: the import was cancelled.</source>
        <translation>未添加：导入已取消。</translation>
    </message>
    <message>
        <source>Not added: the import failed (%1).</source>
        <translation>未添加：导入失败（%1）。</translation>
    </message>
    <message>
        <source>There is no list number %1; the lists are 1 (blacklist), 2 (whitelist), 3 (VIP) and 4 (custom), or a list&apos;s name.</source>
        <translation>不存在编号为 %1 的名单；名单编号为 1（黑名单）、2（白名单）、3（VIP）和 4（自定义），也可填写名单名称。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is %2; photos larger than %3 are not read.</source>
        <translation>%1 大小为 %2；不读取大于 %3 的照片。</translation>
    </message>
    <message>
        <source>%1 is larger than %2; it is not read.</source>
        <translation>%1 大于 %2，不予读取。</translation>
    </message>
    <message>
        <source>mirrored left to right</source>
        <translation>左右镜像</translation>
    </message>
    <message>
        <source>rotated 180°</source>
        <translation>旋转 180°</translation>
    </message>
    <message>
        <source>mirrored top to bottom</source>
        <translation>上下镜像</translation>
    </message>
    <message>
        <source>rotated 90° clockwise and mirrored</source>
        <translation>顺时针旋转 90° 并镜像</translation>
    </message>
    <message>
        <source>rotated 90° clockwise</source>
        <translation>顺时针旋转 90°</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise and mirrored</source>
        <translation>逆时针旋转 90° 并镜像</translation>
    </message>
    <message>
        <source>rotated 90° counter-clockwise</source>
        <translation>逆时针旋转 90°</translation>
    </message>
    <message>
        <source>Turned upright as its EXIF orientation says (%1): devices may not honour the tag.</source>
        <translation>已按 EXIF 方向标记将图片摆正（%1）：设备可能不识别该标记。</translation>
    </message>
    <message>
        <source>Recompressed at JPEG quality %1 to fit within %2 KiB (it was %3 KiB).</source>
        <translation>已按 JPEG 质量 %1 重新压缩，以控制在 %2 KiB 以内（原为 %3 KiB）。</translation>
    </message>
    <message>
        <source>Scaled down to %1 px at JPEG quality %2 to fit within %3 KiB (it was %4 KiB).</source>
        <translation>已缩小至 %1 px 并按 JPEG 质量 %2 压缩，以控制在 %3 KiB 以内（原为 %4 KiB）。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 为空。</translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image.</source>
        <translation>%1 不是 JPEG、PNG 或 BMP 图片。</translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image (it looks like text).</source>
        <translation>%1 不是 JPEG、PNG 或 BMP 图片（看起来是文本）。</translation>
    </message>
    <message>
        <source>%1 is not a JPEG, PNG or BMP image (it looks like a %2 file).</source>
        <translation>%1 不是 JPEG、PNG 或 BMP 图片（看起来是 %2 文件）。</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>该文件</translation>
    </message>
    <message>
        <source>%1 is a truncated JPEG: the file ends before the image does.</source>
        <translation>%1 是不完整的 JPEG：文件在图像数据结束之前就已终止。</translation>
    </message>
    <message>
        <source>%1 is a corrupt %2: it could not be decoded.</source>
        <translation>%1 是已损坏的 %2 文件：无法解码。</translation>
    </message>
    <message>
        <source>The photo is only %1 px; each side needs at least %2 px.</source>
        <translation>照片仅为 %1 px；每条边至少需要 %2 px。</translation>
    </message>
    <message>
        <source>Converted from %1 to JPEG: devices take only JPEG.</source>
        <translation>已从 %1 转换为 JPEG：设备仅支持 JPEG。</translation>
    </message>
    <message>
        <source>Re-encoded as a baseline JPEG: devices may decode only baseline JPEG.</source>
        <translation>已重新编码为基线 JPEG：设备可能只能解码基线 JPEG。</translation>
    </message>
    <message>
        <source>Scaled down from %1 to %2 px: larger photos only cost transfer time and device storage.</source>
        <translation>已从 %1 缩小至 %2 px：更大的照片只会增加传输时间并占用设备存储空间。</translation>
    </message>
    <message>
        <source>Cropped %1 → %2 px: devices need even sizes (100015).</source>
        <translation>已裁剪 %1 → %2 px：设备要求宽高为偶数（100015）。</translation>
    </message>
    <message>
        <source>%1 cannot be made smaller than %2 KiB without becoming too small to use.</source>
        <translation>%1 无法压缩到 %2 KiB 以下，否则图片会过小而无法使用。</translation>
    </message>
    <message>
        <source>Faces cannot be counted: OpenCV&apos;s face cascade (package opencv-data) is not installed.</source>
        <translation type="vanished">无法统计人脸数量：未安装 OpenCV 人脸级联分类器（opencv-data 软件包）。</translation>
    </message>
    <message>
        <source>No face found; a library photo must show one person&apos;s face from the front.</source>
        <translation>未检测到人脸；人脸库照片必须是单人正脸照。</translation>
    </message>
    <message numerus="yes">
        <source>%n faces found; a library photo must show exactly one person.</source>
        <translation>
            <numerusform>检测到 %n 张人脸；人脸库照片中必须有且仅有一人。</numerusform>
        </translation>
    </message>
    <message>
        <source>The face is only %1 px wide; recognition needs at least %2 px.</source>
        <translation>人脸宽度仅为 %1 px；识别至少需要 %2 px。</translation>
    </message>
    <message>
        <source>The face is blurred (sharpness %1, at least %2 wanted); recognition may miss this person.</source>
        <translation>人脸模糊（清晰度 %1，要求至少 %2）；可能无法识别此人。</translation>
    </message>
    <message>
        <source>The archive entry “%1” is refused: %2</source>
        <translation>压缩包条目“%1”被拒绝：%2</translation>
    </message>
    <message>
        <source>it has no name.</source>
        <translation>条目没有名称。</translation>
    </message>
    <message>
        <source>it is an absolute path.</source>
        <translation>条目为绝对路径。</translation>
    </message>
    <message>
        <source>it points outside the archive (“..”).</source>
        <translation>条目指向压缩包之外（“..”）。</translation>
    </message>
    <message>
        <source>its name holds control characters.</source>
        <translation>条目名称包含控制字符。</translation>
    </message>
    <message>
        <source>The archive entry “%1” is encrypted.</source>
        <translation>压缩包条目“%1”已加密。</translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to %2; photos larger than %3 are not read.</source>
        <translation>压缩包条目“%1”解压后为 %2；不读取大于 %3 的照片。</translation>
    </message>
    <message>
        <source>%1 is not a ZIP archive that can be read (error %2).</source>
        <translation>%1 不是可读取的 ZIP 压缩包（错误 %2）。</translation>
    </message>
    <message>
        <source>%1 is a damaged ZIP archive (error %2).</source>
        <translation>%1 是已损坏的 ZIP 压缩包（错误 %2）。</translation>
    </message>
    <message>
        <source>%1 holds %2 CSV files (%3); it may hold at most one.</source>
        <translation>%1 包含 %2 个 CSV 文件（%3）；最多只能包含一个。</translation>
    </message>
    <message>
        <source>The photo “%1” is an absolute path; photos in a ZIP are named relative to the CSV file.</source>
        <translation>照片“%1”为绝对路径；ZIP 中的照片路径应相对于 CSV 文件。</translation>
    </message>
    <message>
        <source>The photo “%1” points outside the archive.</source>
        <translation>照片“%1”指向压缩包之外。</translation>
    </message>
    <message>
        <source>The archive holds no photo “%1”.</source>
        <translation>压缩包中没有照片“%1”。</translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to %2; at most %3 is read.</source>
        <translation>压缩包条目“%1”解压后为 %2；最多读取 %3。</translation>
    </message>
    <message>
        <source>The archive entry “%1” cannot be opened.</source>
        <translation>无法打开压缩包条目“%1”。</translation>
    </message>
    <message>
        <source>The archive entry “%1” is damaged and cannot be unpacked.</source>
        <translation>压缩包条目“%1”已损坏，无法解压。</translation>
    </message>
    <message>
        <source>The archive entry “%1” unpacks to more than %2; reading stopped there.</source>
        <translation>压缩包条目“%1”解压后超过 %2；已在此处停止读取。</translation>
    </message>
    <message>
        <source>The archive entry “%1” is damaged (its checksum does not match).</source>
        <translation>压缩包条目“%1”已损坏（校验和不匹配）。</translation>
    </message>
    <message>
        <source>Faces cannot be counted: neither the face models (packaging/install-deps.sh) nor OpenCV&apos;s face cascade (package opencv-data) are installed.</source>
        <translation>无法统计人脸数量：既未安装人脸模型（packaging/install-deps.sh），也未安装 OpenCV 人脸级联分类器（opencv-data 软件包）。</translation>
    </message>
    <message>
        <source>The face is cut off by the edge of the photo (%1 % of it is outside); a library photo must show the whole face.</source>
        <translation>人脸被照片边缘截断（%1% 在照片之外）；人脸库照片必须包含完整人脸。</translation>
    </message>
    <message>
        <source>The face is turned to the side (%1 where at most %2 is wanted); a library photo must show the face from the front.</source>
        <translation>人脸偏向一侧（偏转 %1，最多允许 %2）；人脸库照片必须是正脸。</translation>
    </message>
    <message>
        <source>The file name “%1” gives only a number: read as the card number, and the person is named by it until someone types the name.</source>
        <translation>文件名“%1”只有一个数字：按卡号读取，在有人填写姓名之前以卡号作为人员名称。</translation>
    </message>
    <message>
        <source>The file name “%1” names nobody (a camera&apos;s or phone&apos;s name): the person is named after the file until someone types the name.</source>
        <translation>文件名“%1”中没有人名（相机或手机生成的文件名）：在有人填写姓名之前以文件名作为人员名称。</translation>
    </message>
    <message>
        <source>card number only (10023)</source>
        <translation>仅卡号（10023）</translation>
    </message>
    <message>
        <source>name only (Jane Doe, 张伟)</source>
        <translation>仅姓名（Jane Doe、张伟）</translation>
    </message>
    <message>
        <source>card number, then name (10023_Jane Doe)</source>
        <translation>先卡号后姓名（10023_Jane Doe）</translation>
    </message>
    <message>
        <source>name, then card number (Jane Doe_10023)</source>
        <translation>先姓名后卡号（Jane Doe_10023）</translation>
    </message>
    <message>
        <source>camera names, no person (IMG_4521)</source>
        <translation>相机文件名，无人名（IMG_4521）</translation>
    </message>
    <message>
        <source>no name at all</source>
        <translation>完全没有名称</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>a short number at the end (_1, (2)) is another photo of the same person</source>
        <translation>末尾的短数字（_1、(2)）表示同一人的另一张照片</translation>
    </message>
    <message>
        <source>a short number at the end (_1, (2)) is a card number</source>
        <translation>末尾的短数字（_1、(2)）表示卡号</translation>
    </message>
    <message>
        <source>File names read by their shape: %1; %2.</source>
        <translation>按文件名的形式读取：%1；%2。</translation>
    </message>
    <message>
        <source>The short numbers never repeat a name: if they are card numbers, say so.</source>
        <translation>这些短数字从未在同一姓名下重复出现：如果它们是卡号，请指明。</translation>
    </message>
    <message>
        <source>%1 is too large to decode safely: %2.</source>
        <translation>%1 太大，无法安全解码：%2。</translation>
    </message>
</context>
<context>
    <name>LibraryEdits</name>
    <message>
        <source>Card number %1 already belongs to %2.</source>
        <translation>卡号 %1 已属于 %2。</translation>
    </message>
    <message>
        <source>This person was deleted meanwhile.</source>
        <translation>该人员已在此期间被删除。</translation>
    </message>
    <message>
        <source>A person needs a photo with exactly one face.</source>
        <translation>人员照片中必须有且仅有一张人脸。</translation>
    </message>
</context>
<context>
    <name>OperatorStore</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account is disabled; an administrator can enable it.</source>
        <translation>此账户已停用；管理员可以重新启用。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until %1; an administrator can unlock it.</source>
        <translation>密码错误次数过多：此账户锁定至 %1；管理员可以解锁。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: try again in %1 s.</source>
        <translation>密码错误次数过多：请 %1 秒后再试。</translation>
    </message>
    <message>
        <source>The archive cannot be read: %1</source>
        <translation>无法读取档案库：%1</translation>
    </message>
    <message>
        <source>an operator needs a name</source>
        <translation>操作员需要名称</translation>
    </message>
    <message>
        <source>a name is at most 64 characters, without spaces at either end</source>
        <translation>名称最多 64 个字符，首尾不能有空格</translation>
    </message>
    <message>
        <source>a name has only printable characters</source>
        <translation>名称只能包含可打印字符</translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation>密码至少 %1 个字符</translation>
    </message>
    <message>
        <source>a password has at most 1024 characters</source>
        <translation>密码最多 1024 个字符</translation>
    </message>
    <message>
        <source>an operator named %1 exists already</source>
        <translation>名为 %1 的操作员已存在</translation>
    </message>
    <message>
        <source>the password could not be hashed (out of memory)</source>
        <translation>无法计算密码哈希（内存不足）</translation>
    </message>
    <message>
        <source>there is no operator named %1</source>
        <translation>没有名为 %1 的操作员</translation>
    </message>
    <message>
        <source>%1 is the last enabled admin: make another admin first</source>
        <translation>%1 是最后一个启用的管理员：请先设置另一名管理员</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <source>Face capture camera</source>
        <translation>人脸抓拍机</translation>
    </message>
    <message>
        <source>Face comparison machine</source>
        <translation>人脸比对机</translation>
    </message>
    <message>
        <source>Binocular access/attendance gate</source>
        <translation>双目门禁考勤机</translation>
    </message>
    <message>
        <source>Monocular access/attendance gate</source>
        <translation>单目门禁考勤机</translation>
    </message>
    <message>
        <source>AI NVR</source>
        <translation>智能NVR</translation>
    </message>
    <message>
        <source>Cloud platform</source>
        <translation>云平台</translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation>手机App</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>CMS</source>
        <translation>CMS</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>其他客户端</translation>
    </message>
    <message>
        <source>Unknown type (0x%1)</source>
        <translation>未知类型（0x%1）</translation>
    </message>
    <message>
        <source>Success.</source>
        <translation>成功。</translation>
    </message>
    <message>
        <source>System exception on the server (for a token request: the token could not be issued). Try again.</source>
        <translation>服务器系统异常（如为令牌请求，则令牌未能签发）。请重试。</translation>
    </message>
    <message>
        <source>The device is not in the server&apos;s device list, so its heartbeat is not accepted.</source>
        <translation>设备不在服务器的设备列表中，心跳不被接受。</translation>
    </message>
    <message>
        <source>The token is invalid or has expired; the device must request a new one.</source>
        <translation>令牌无效或已过期，设备需重新申请令牌。</translation>
    </message>
    <message>
        <source>The device is not registered on the server (it may be waiting for approval).</source>
        <translation>设备未在服务器注册（可能正在等待审核）。</translation>
    </message>
    <message>
        <source>The device could not parse the JSON it was sent.</source>
        <translation>设备无法解析收到的 JSON。</translation>
    </message>
    <message>
        <source>The device&apos;s face library is full.</source>
        <translation>设备人脸库已满。</translation>
    </message>
    <message>
        <source>The device could not compute a face feature from the photo.</source>
        <translation>设备无法从照片中提取人脸特征。</translation>
    </message>
    <message>
        <source>The photo is not a valid JPEG.</source>
        <translation>照片不是有效的 JPEG。</translation>
    </message>
    <message>
        <source>The device&apos;s SD card is not available.</source>
        <translation>设备 SD 卡不可用。</translation>
    </message>
    <message>
        <source>The device&apos;s recognition model is not initialised.</source>
        <translation>设备识别模型未初始化。</translation>
    </message>
    <message>
        <source>Other error.</source>
        <translation>其他错误。</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>操作失败。</translation>
    </message>
    <message>
        <source>Failed to extract the face feature value.</source>
        <translation>人脸特征值提取失败。</translation>
    </message>
    <message>
        <source>The file name number is a duplicate.</source>
        <translation>文件名编号重复。</translation>
    </message>
    <message>
        <source>The number of faces in the database has exceeded the maximum.</source>
        <translation>人脸库中的人脸数量已超过上限。</translation>
    </message>
    <message>
        <source>Adding the face timed out.</source>
        <translation>添加人脸超时。</translation>
    </message>
    <message>
        <source>Parameter error.</source>
        <translation>参数错误。</translation>
    </message>
    <message>
        <source>The file is too big.</source>
        <translation>文件过大。</translation>
    </message>
    <message>
        <source>The device is low on storage space.</source>
        <translation>设备存储空间不足。</translation>
    </message>
    <message>
        <source>The device failed to open the file.</source>
        <translation>设备打开文件失败。</translation>
    </message>
    <message>
        <source>The device has no face database.</source>
        <translation>设备没有人脸库。</translation>
    </message>
    <message>
        <source>The device failed to read the picture.</source>
        <translation>设备读取图片失败。</translation>
    </message>
    <message>
        <source>The device&apos;s database file is damaged.</source>
        <translation>设备数据库文件已损坏。</translation>
    </message>
    <message>
        <source>The picture quality is too poor.</source>
        <translation>图片质量太差。</translation>
    </message>
    <message>
        <source>Wrong picture size: width and height must be even.</source>
        <translation>图片尺寸错误：宽和高必须为偶数。</translation>
    </message>
    <message>
        <source>Face detection failed: no face, or more than one face, was found.</source>
        <translation>人脸检测失败：未检测到人脸或检测到多张人脸。</translation>
    </message>
    <message>
        <source>The picture format is wrong.</source>
        <translation>图片格式错误。</translation>
    </message>
    <message>
        <source>The face area is wrong (too small or cut off).</source>
        <translation>人脸区域错误（过小或不完整）。</translation>
    </message>
    <message>
        <source>The device&apos;s algorithm failed to create a handle.</source>
        <translation>设备算法创建句柄失败。</translation>
    </message>
    <message>
        <source>The device is busy.</source>
        <translation>设备忙。</translation>
    </message>
    <message>
        <source>Unknown error code %1.</source>
        <translation>未知错误码 %1。</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>required field is absent</source>
        <translation>缺少必填字段</translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation>应为整数，实际为 %1</translation>
    </message>
    <message>
        <source>%1 is outside %2..%3</source>
        <translation>%1 超出范围 %2..%3</translation>
    </message>
    <message>
        <source>expected a number, found %1</source>
        <translation>应为数字，实际为 %1</translation>
    </message>
    <message>
        <source>expected text, found %1</source>
        <translation>应为文本，实际为 %1</translation>
    </message>
    <message>
        <source>%1 bytes, the limit is %2</source>
        <translation>%1 字节，上限为 %2</translation>
    </message>
    <message>
        <source>expected base64 text, found %1</source>
        <translation>应为 base64 文本，实际为 %1</translation>
    </message>
    <message>
        <source>required image is empty</source>
        <translation>必需的图片为空</translation>
    </message>
    <message>
        <source>not valid base64 (%1)</source>
        <translation type="vanished">不是有效的 base64（%1）</translation>
    </message>
    <message>
        <source>a feature value is %1</source>
        <translation>特征值为 %1</translation>
    </message>
    <message>
        <source>not a list of numbers (%1)</source>
        <translation>不是数字列表（%1）</translation>
    </message>
    <message>
        <source>expected a list of numbers, found %1</source>
        <translation>应为数字列表，实际为 %1</translation>
    </message>
    <message>
        <source>%1 values; a face feature has 128 to 512</source>
        <translation>%1 个值；人脸特征应为 128 至 512 个</translation>
    </message>
    <message>
        <source>%1 is not a time</source>
        <translation>%1 不是有效时间</translation>
    </message>
    <message>
        <source>%1 = %2 is outside %3..%4; read as unknown</source>
        <translation>%1 = %2 超出范围 %3..%4，按未知处理</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>应为对象，实际为 %1</translation>
    </message>
    <message>
        <source>expected a list, found %1</source>
        <translation>应为列表，实际为 %1</translation>
    </message>
    <message>
        <source>unreadable JSON</source>
        <translation>JSON 无法读取</translation>
    </message>
    <message>
        <source>no &quot;method&quot; field</source>
        <translation>缺少“method”字段</translation>
    </message>
    <message>
        <source>unknown method</source>
        <translation>未知方法</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>wrong type</source>
        <translation>类型错误</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>过长</translation>
    </message>
    <message>
        <source>bad base64</source>
        <translation>base64 无效</translation>
    </message>
    <message>
        <source>bad face feature</source>
        <translation>人脸特征无效</translation>
    </message>
    <message>
        <source>bad time</source>
        <translation>时间无效</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>The message is not a JSON object.</source>
        <translation>消息不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The message is nested too deeply.</source>
        <translation>消息嵌套层级过深。</translation>
    </message>
    <message>
        <source>The message is not valid UTF-8.</source>
        <translation>消息不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>消息过大。</translation>
    </message>
    <message>
        <source>The message is not readable JSON (%1 at byte %2).</source>
        <translation>消息不是可读取的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>the second corner lies before the first</source>
        <translation>第二个角点位于第一个角点之前</translation>
    </message>
    <message>
        <source>%1: no jpegBase64MD5 to check the image against</source>
        <translation>%1：缺少用于校验图片的 jpegBase64MD5</translation>
    </message>
    <message>
        <source>dataLength says %1 bytes but the message has %2</source>
        <translation>dataLength 为 %1 字节，但消息实际为 %2 字节</translation>
    </message>
    <message>
        <source>the message names no method</source>
        <translation>消息未指定方法</translation>
    </message>
    <message>
        <source>%1 = %2 is not a whole number; read as unknown</source>
        <translation>%1 = %2 不是整数，按未知处理</translation>
    </message>
    <message>
        <source>not valid base64: %1 characters, &quot;%2&quot; at character %3 is not a base64 character</source>
        <translation>不是有效的 base64：共 %1 个字符，第 %3 个字符“%2”不是 base64 字符</translation>
    </message>
    <message>
        <source>not valid base64: %1 characters that do not make whole bytes (cut short?)</source>
        <translation>不是有效的 base64：%1 个字符无法组成完整字节（被截断？）</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>given twice</source>
        <translation>重复出现</translation>
    </message>
    <message>
        <source>the message names it more than once; which one counts would be a guess</source>
        <translation>消息中多次出现该字段，无法确定以哪一个为准</translation>
    </message>
</context>
<context>
    <name>fd::sync::SyncEngine</name>
    <message>
        <source>the device opened a new connection before answering</source>
        <translation>设备在应答前建立了新连接</translation>
    </message>
    <message>
        <source>the connection was lost before the device answered</source>
        <translation>设备应答前连接已断开</translation>
    </message>
    <message>
        <source>the device did not answer within %1 s</source>
        <translation>设备在 %1 秒内未应答</translation>
    </message>
    <message>
        <source>FaceDesk has no photo of this person to send.</source>
        <translation>FaceDesk 没有该人员的照片可供下发。</translation>
    </message>
    <message>
        <source>The person&apos;s photo cannot be read: %1</source>
        <translation>无法读取该人员的照片：%1</translation>
    </message>
</context>
<context>
    <name>fd::ui::AlertBanner</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>BLACKLIST: %1 at %2, %3</source>
        <translation type="vanished">黑名单告警：%1 出现在 %2，%3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="vanished">未知</translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s) waiting</source>
        <translation>
            <numerusform>还有 %n 条告警待处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Acknowledge the oldest alert (Ctrl+Enter)</source>
        <translation>确认最早的一条告警（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>DEVICE OFFLINE: %1, since %2</source>
        <translation>设备离线：%1，自 %2 起</translation>
    </message>
    <message>
        <source>DEVICE BACK ONLINE: %1, at %2</source>
        <translation>设备恢复在线：%1，于 %2</translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>STRANGER</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>%1: %2 at %3, %4</source>
        <translation>%1：%2 出现在 %3，%4</translation>
    </message>
    <message>
        <source>%1 at %2 was acknowledged on another desk by %3</source>
        <translation>%1（%2）已由 %3 在另一台值班席确认</translation>
    </message>
</context>
<context>
    <name>fd::ui::AlertRules</name>
    <message>
        <source>Nothing</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <source>A single chime</source>
        <translation>提示音一次</translation>
    </message>
    <message>
        <source>Banner until acknowledged</source>
        <translation>横幅提示，直至确认</translation>
    </message>
    <message>
        <source>Banner and alarm until acknowledged</source>
        <translation>横幅提示并鸣响警报，直至确认</translation>
    </message>
</context>
<context>
    <name>fd::ui::AssignDialog</name>
    <message>
        <source>Assign to devices</source>
        <translation>分配到设备</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected persons</source>
        <translation>
            <numerusform>所选的 %n 名人员</numerusform>
        </translation>
    </message>
    <message>
        <source>Everyone in the list, now and later:</source>
        <translation>名单中的全部人员（含以后加入的人员）：</translation>
    </message>
    <message>
        <source>Devices and groups that should hold them:</source>
        <translation>需存储这些人员的设备和分组：</translation>
    </message>
    <message>
        <source>Unticking removes the persons from that device at the next sync.</source>
        <translation>取消勾选后，将在下次同步时从该设备删除这些人员。</translation>
    </message>
    <message>
        <source>New group from ticked devices...</source>
        <translation>用勾选的设备新建分组...</translation>
    </message>
    <message>
        <source>The assignment could not be saved: %1</source>
        <translation>无法保存分配：%1</translation>
    </message>
    <message numerus="yes">
        <source>Group: %1 (%n devices)</source>
        <translation>
            <numerusform>分组：%1（%n 台设备）</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejected devices are never sent anything.</source>
        <translation>不会向已拒绝的设备下发任何内容。</translation>
    </message>
    <message>
        <source>Tick the devices that should form the group first.</source>
        <translation>请先勾选要组成分组的设备。</translation>
    </message>
    <message>
        <source>New device group</source>
        <translation>新建设备分组</translation>
    </message>
    <message>
        <source>Name of the group:</source>
        <translation>分组名称：</translation>
    </message>
    <message>
        <source>Reading the assignments...</source>
        <translation>正在读取分配……</translation>
    </message>
    <message>
        <source>The assignments cannot be read: %1</source>
        <translation>无法读取分配：%1</translation>
    </message>
</context>
<context>
    <name>fd::ui::AuditPanel</name>
    <message>
        <source>Trail</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Person, device, operator...</source>
        <translation>人员、设备、操作员……</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV……</translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation>任意操作员</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>任意操作</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New accounts and passwords: facedesk users (see the README).</source>
        <translation>新建账户和修改密码：facedesk users（见 README）。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>无法读取审计记录：%1</translation>
    </message>
    <message>
        <source>The newest %1 matching records of %2 in the trail; narrow the filter for older ones.</source>
        <translation>显示审计记录 %2 条中最新的 %1 条匹配记录；如需更早的记录请缩小筛选范围。</translation>
    </message>
    <message>
        <source>%1 of the %2 records in the trail match.</source>
        <translation>审计记录共 %2 条，其中 %1 条匹配。</translation>
    </message>
    <message>
        <source>Checking the chain...</source>
        <translation>正在校验哈希链……</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n record(s), newest hash %1</source>
        <translation>
            <numerusform>哈希链完整：%n 条记录，最新哈希 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain broken at record %1: %2</source>
        <translation>哈希链在第 %1 条记录处断裂：%2</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>locked until %1 after %n failed sign-in(s)</source>
        <translation>
            <numerusform>登录失败 %n 次，锁定至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed sign-in(s) in a row</source>
        <translation type="vanished">
            <numerusform>，已连续登录失败 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Operators (%n locked)</source>
        <translation>
            <numerusform>操作员（%n 个已锁定）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not be changed: %2</source>
        <translation>无法修改 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n failed sign-in(s) in a row</source>
        <translation>
            <numerusform>%1，已连续登录失败 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::ui::AuditTableModel</name>
    <message>
        <source>Record %1, hash %2</source>
        <translation>记录 %1，哈希 %2</translation>
    </message>
    <message>
        <source>(FaceDesk)</source>
        <translation>（FaceDesk）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>值班台</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>fd::ui::DeviceTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>UUID</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>软件版本</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>最后心跳</translation>
    </message>
    <message>
        <source>Events (session)</source>
        <translation type="vanished">事件数（本次运行）</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Events today</source>
        <translation>今日事件数</translation>
    </message>
    <message>
        <source>Face library</source>
        <translation>人脸库</translation>
    </message>
    <message>
        <source>Length mismatches</source>
        <translation>长度不符</translation>
    </message>
    <message>
        <source>Messages since FaceDesk started whose dataLength did not match their size. They were accepted; a steady count points at the device&apos;s firmware.</source>
        <translation>自 FaceDesk 启动以来 dataLength 与实际大小不符的消息数。这些消息已被接受；计数持续增长说明设备固件有问题。</translation>
    </message>
    <message>
        <source>Held by another collector of this site: approve, rename or forget it on the desk that receives its events.</source>
        <translation>由本站点的另一台采集端管理：请在接收其事件的工作台上批准、重命名或移除。</translation>
    </message>
    <message>
        <source>%1 (another collector)</source>
        <translation>%1（其他采集端）</translation>
    </message>
</context>
<context>
    <name>fd::ui::EventDetailDialog</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>较早</translation>
    </message>
    <message>
        <source>Copy face</source>
        <translation>复制人脸图</translation>
    </message>
    <message>
        <source>Save background...</source>
        <translation>保存背景图...</translation>
    </message>
    <message>
        <source>Save face...</source>
        <translation>保存人脸图...</translation>
    </message>
    <message>
        <source>Age: about %1</source>
        <translation>年龄：约 %1 岁</translation>
    </message>
    <message>
        <source>Gender: %1</source>
        <translation>性别：%1</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Glasses: %1</source>
        <translation>眼镜：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>glasses</source>
        <translation>普通眼镜</translation>
    </message>
    <message>
        <source>sunglasses</source>
        <translation>墨镜</translation>
    </message>
    <message>
        <source>Mask: %1</source>
        <translation>口罩：%1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>无</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>Beard: %1</source>
        <translation>胡须：%1</translation>
    </message>
    <message>
        <source>Race: %1</source>
        <translation>种族：%1</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄种人</translation>
    </message>
    <message>
        <source>black</source>
        <translation>黑种人</translation>
    </message>
    <message>
        <source>white</source>
        <translation>白种人</translation>
    </message>
    <message>
        <source>Emotion: %1</source>
        <translation>表情：%1</translation>
    </message>
    <message>
        <source>angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <source>calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <source>happy</source>
        <translation>高兴</translation>
    </message>
    <message>
        <source>sad</source>
        <translation>悲伤</translation>
    </message>
    <message>
        <source>surprised</source>
        <translation>惊讶</translation>
    </message>
    <message>
        <source>Event %1 is no longer in the archive</source>
        <translation>事件 %1 已不在存档中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>No background image</source>
        <translation>无背景图</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <source>Device: %1, channel %2</source>
        <translation>设备：%1，通道 %2</translation>
    </message>
    <message>
        <source>Score: %1%</source>
        <translation>相似度：%1%</translation>
    </message>
    <message>
        <source>Library person: %1</source>
        <translation>人脸库人员：%1</translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation>来访次数：%1</translation>
    </message>
    <message>
        <source>Quality: %1</source>
        <translation>人脸质量：%1</translation>
    </message>
    <message>
        <source>Temperature: %1 °C (at or above the alarm level %2 °C)</source>
        <translation>体温：%1 °C（已达到或超过告警阈值 %2 °C）</translation>
    </message>
    <message>
        <source>Temperature: %1 °C</source>
        <translation>体温：%1 °C</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>JPEG images (*.jpg)</source>
        <translation>JPEG 图片 (*.jpg)</translation>
    </message>
    <message>
        <source>%1; %2 on the device</source>
        <translation>%1；设备上为%2</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>Matched by FaceDesk (distance %1); the device sent no match</source>
        <translation>由 FaceDesk 比对识别（距离 %1）；设备未上报比对结果</translation>
    </message>
    <message>
        <source>FaceDesk sees %1 here (distance %2), not the device&apos;s match</source>
        <translation>FaceDesk 识别为 %1（距离 %2），与设备的比对结果不同</translation>
    </message>
    <message>
        <source>FaceDesk agrees (distance %1)</source>
        <translation>FaceDesk 比对结果一致（距离 %1）</translation>
    </message>
    <message>
        <source>FaceDesk does not see the device&apos;s match here (distance %1)</source>
        <translation>FaceDesk 认为不是设备比对出的人员（距离 %1）</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <source>Loading event %1...</source>
        <translation>正在读取事件 %1……</translation>
    </message>
</context>
<context>
    <name>fd::ui::FaceSearchController</name>
    <message>
        <source>Computing face features: %1 of %2</source>
        <translation>正在计算人脸特征：%1 / %2</translation>
    </message>
    <message>
        <source>Loading face search...</source>
        <translation>正在加载人脸检索...</translation>
    </message>
    <message numerus="yes">
        <source>Face search: %1, %n faces</source>
        <translation>
            <numerusform>人脸检索：%1，%n 张人脸</numerusform>
        </translation>
    </message>
    <message>
        <source>Face search unavailable: %1</source>
        <translation>人脸检索不可用：%1</translation>
    </message>
</context>
<context>
    <name>fd::ui::ImportReportModel</name>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Imported, fixed</source>
        <translation>已导入（已修正）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>未添加</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Why / what was fixed</source>
        <translation>原因 / 修正内容</translation>
    </message>
</context>
<context>
    <name>fd::ui::ImportWizard</name>
    <message>
        <source>Import persons</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Where are the photos?</source>
        <translation>照片在哪里？</translation>
    </message>
    <message>
        <source>A folder of photos, a CSV file naming photos, or a ZIP of either. Every photo is checked before anything is added.</source>
        <translation>可选择照片文件夹、列出照片的 CSV 文件，或包含二者之一的 ZIP 压缩包。添加任何人员之前，会先检查每一张照片。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The first rows as FaceDesk reads them. Rows with a problem are reported, not dropped.</source>
        <translation>FaceDesk 读取到的前几行。有问题的行会在报告中列出，而不会被丢弃。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Photos are checked on every core. Cancel adds no one.</source>
        <translation>正在使用全部 CPU 核心检查照片。取消则不会添加任何人员。</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Imported after a fix</source>
        <translation>修正后导入</translation>
    </message>
    <message>
        <source>Imported as they were</source>
        <translation>原样导入</translation>
    </message>
    <message>
        <source>Save report as CSV...</source>
        <translation>将报告保存为 CSV...</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Folder of photos</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 文件 (*.csv *.txt)</translation>
    </message>
    <message>
        <source>ZIP file</source>
        <translation>ZIP 文件</translation>
    </message>
    <message>
        <source>ZIP files (*.zip)</source>
        <translation>ZIP 文件 (*.zip)</translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation>文件夹...</translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation>CSV 文件...</translation>
    </message>
    <message>
        <source>ZIP...</source>
        <translation>ZIP 文件...</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>How a file name gives the person: {name}, {card}, {gender} and {ignore} between separators, e.g. {name}_{card} for &quot;Zhang Wei_10023.jpg&quot;.</source>
        <translation>如何从文件名解析人员信息：用分隔符分隔 {name}、{card}、{gender} 和 {ignore}，例如“张伟_10023.jpg”对应 {name}_{card}。</translation>
    </message>
    <message>
        <source>File names:</source>
        <translation>文件名格式：</translation>
    </message>
    <message>
        <source>Include sub-folders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <source>Rows that name no list go to:</source>
        <translation>未指定名单的行导入到：</translation>
    </message>
    <message>
        <source>Import duplicates anyway (they are flagged in the report)</source>
        <translation>仍然导入重复项（将在报告中标记）</translation>
    </message>
    <message numerus="yes">
        <source>%n rows.</source>
        <translation>
            <numerusform>共 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them cannot be imported as they are (see the last column).</source>
        <translation>
            <numerusform>其中 %n 行无法原样导入（见最后一列）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Encoding: %1. %2</source>
        <translation>编码：%1。%2</translation>
    </message>
    <message>
        <source>The first row is a header.</source>
        <translation>第一行为表头。</translation>
    </message>
    <message>
        <source>No header row: columns in the default order.</source>
        <translation>无表头行：按默认列顺序读取。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="vanished">问题</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Reading the source...</source>
        <translation>正在读取来源...</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>剩余约 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>剩余约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 photos · %3 photos/s · %4
%5 imported, %6 rejected, %7 duplicates</source>
        <translation>照片 %1 / %2 · %3 张/秒 · %4
已导入 %5，已拒绝 %6，重复 %7</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>无法保存报告：%1</translation>
    </message>
    <message>
        <source>A short number at the end of a name (_1, (2)) is:</source>
        <translation>文件名末尾的短数字（_1、(2)）表示：</translation>
    </message>
    <message>
        <source>another photo of the same person</source>
        <translation>同一人的另一张照片</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Read by their shape (10023, Jane Doe, 10023_Jane Doe, Jane Doe (2), IMG_4521)</source>
        <translation>按形式读取（10023、Jane Doe、10023_Jane Doe、Jane Doe (2)、IMG_4521）</translation>
    </message>
    <message>
        <source>Read by this pattern:</source>
        <translation>按此模板读取：</translation>
    </message>
    <message>
        <source>Problem or note</source>
        <translation>问题或备注</translation>
    </message>
    <message>
        <source>Another photo of the person of row %1.</source>
        <translation>第 %1 行人员的另一张照片。</translation>
    </message>
</context>
<context>
    <name>fd::ui::LibraryPanel</name>
    <message>
        <source>Search by name or card number...</source>
        <translation>按姓名或卡号搜索...</translation>
    </message>
    <message>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移动到</translation>
    </message>
    <message>
        <source>&amp;Timeline...</source>
        <translation>时间轴(&amp;T)...</translation>
    </message>
    <message>
        <source>Assign to &amp;devices...</source>
        <translation>分配到设备(&amp;D)...</translation>
    </message>
    <message>
        <source>New &amp;list...</source>
        <translation>新建名单(&amp;L)...</translation>
    </message>
    <message>
        <source>&amp;Import...</source>
        <translation>导入(&amp;I)...</translation>
    </message>
    <message>
        <source>The library cannot be opened: %1</source>
        <translation type="vanished">无法打开人脸库：%1</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部名单</translation>
    </message>
    <message numerus="yes">
        <source>%n persons</source>
        <translation>
            <numerusform>%n 名人员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n persons match</source>
        <translation>
            <numerusform>%n 名人员中有 %1 名匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 名</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete %1 from the library? Devices that hold them will be told to delete them too.</source>
        <translation>确定要从人脸库中删除 %1 吗？存有这些人员的设备也将收到删除指令。</translation>
    </message>
    <message>
        <source>Move to list</source>
        <translation>移动到名单</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>新建名单</translation>
    </message>
    <message>
        <source>Name of the custom list:</source>
        <translation>自定义名单名称：</translation>
    </message>
    <message>
        <source>Reading the library...</source>
        <translation>正在读取人脸库……</translation>
    </message>
    <message>
        <source>The library cannot be read: %1</source>
        <translation>无法读取人脸库：%1</translation>
    </message>
    <message>
        <source>&amp;Forget...</source>
        <translation>彻底删除(&amp;F)...</translation>
    </message>
    <message>
        <source>Erase a person everywhere: library, photos, face index, devices and, if you choose, their events and images. For a person&apos;s request to be forgotten.</source>
        <translation>在所有位置抹除此人：人脸库、照片、人脸索引、设备，以及（可选）其事件和图片。用于本人要求删除其数据的情形。</translation>
    </message>
    <message>
        <source>Forget this person</source>
        <translation>彻底删除此人</translation>
    </message>
    <message>
        <source>Erase %1 (index %2) from the library, the face index and every device that holds them? This cannot be undone; the audit trail records that it happened, not who it was.</source>
        <translation type="vanished">确定要从人脸库、人脸索引及所有存有此人的设备中抹除 %1（编号 %2）吗？此操作无法撤销；审计记录只记录发生了删除，不记录是谁。</translation>
    </message>
    <message>
        <source>Also delete every event matched to them, with its images</source>
        <translation>同时删除与此人匹配的所有事件及其图片</translation>
    </message>
    <message>
        <source>Nothing was erased: %1</source>
        <translation>未删除任何内容：%1</translation>
    </message>
    <message>
        <source>Erase %1 (index %2) from the library, the face index and every device that holds them? This cannot be undone. The audit trail records that it happened, not the face; records of earlier edits to this person keep what they recorded.</source>
        <translation>确定要从人脸库、人脸索引及所有存有此人的设备中抹除 %1（编号 %2）吗？此操作无法撤销。审计记录只记录发生了删除，不记录人脸；此前对此人的编辑记录保留其原有内容。</translation>
    </message>
</context>
<context>
    <name>fd::ui::LiveEventModel</name>
    <message>
        <source>Stranger</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>体温异常</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>白名单</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation>%1 出现在 %2，%3</translation>
    </message>
    <message>
        <source>FaceDesk %1</source>
        <translation>FaceDesk %1</translation>
    </message>
</context>
<context>
    <name>fd::ui::LoginDialog</name>
    <message>
        <source>FaceDesk: the first administrator</source>
        <translation>FaceDesk：首位管理员</translation>
    </message>
    <message>
        <source>FaceDesk: sign in</source>
        <translation>FaceDesk：登录</translation>
    </message>
    <message>
        <source>This archive has no operators yet. Create the first administrator: they can add guards and supervisors afterwards.</source>
        <translation>此档案库还没有操作员。请创建首位管理员：之后可由其添加保安和主管。</translation>
    </message>
    <message>
        <source>Sign in to the security desk.</source>
        <translation>登录安保值班台。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Someone created an administrator meanwhile: sign in instead.</source>
        <translation>其他人已创建了管理员：请直接登录。</translation>
    </message>
</context>
<context>
    <name>fd::ui::MainWindow</name>
    <message>
        <source>FaceDesk</source>
        <translation>FaceDesk</translation>
    </message>
    <message>
        <source>Wall</source>
        <translation>事件墙</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message numerus="yes">
        <source>Resume (%n new)</source>
        <translation>
            <numerusform>继续（%n 条新事件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Approve selected</source>
        <translation type="vanished">审核通过所选设备</translation>
    </message>
    <message>
        <source>Person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>Listening: HTTP %1, TCP %2</source>
        <translation>监听端口：HTTP %1，TCP %2</translation>
    </message>
    <message>
        <source>Devices online: %1 of %2</source>
        <translation>在线设备：%1 / %2</translation>
    </message>
    <message>
        <source>Events/min: %1</source>
        <translation>事件/分钟：%1</translation>
    </message>
    <message>
        <source>Unacknowledged alerts: %1</source>
        <translation>未确认告警：%1</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>无告警</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Face library</source>
        <translation>人脸库</translation>
    </message>
    <message>
        <source>The face library editor, bulk import and device sync.</source>
        <translation type="vanished">人脸库编辑、批量导入及设备同步。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search the archive by time, device, list, person and face.</source>
        <translation type="vanished">按时间、设备、名单、人员和人脸搜索存档。</translation>
    </message>
    <message>
        <source>Pause the wall; new events wait and are counted (Ctrl+P)</source>
        <translation>暂停事件墙；新事件将排队并计数（Ctrl+P）</translation>
    </message>
    <message>
        <source>All lists</source>
        <translation>全部名单</translation>
    </message>
    <message>
        <source>Strangers</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>Alerts only</source>
        <translation>仅看告警</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Filter devices by name, type, UUID, IP...</source>
        <translation>按名称、类型、UUID、IP 等筛选设备...</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Rename...</source>
        <translation>重命名...</translation>
    </message>
    <message>
        <source>Rename device</source>
        <translation>重命名设备</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove devices</source>
        <translation>移除设备</translation>
    </message>
    <message numerus="yes">
        <source>Forget %n device(s)? Their events stay in the archive; they must be approved again.</source>
        <translation>
            <numerusform>移除 %n 台设备？其事件仍保留在存档中，设备需重新审核后才能接入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Blacklist hit:</source>
        <translation>命中黑名单：</translation>
    </message>
    <message>
        <source>VIP:</source>
        <translation>VIP：</translation>
    </message>
    <message>
        <source>Whitelist:</source>
        <translation>白名单：</translation>
    </message>
    <message>
        <source>Custom list:</source>
        <translation>自定义名单：</translation>
    </message>
    <message>
        <source>Stranger:</source>
        <translation>陌生人：</translation>
    </message>
    <message>
        <source>Device goes offline:</source>
        <translation>设备离线：</translation>
    </message>
    <message>
        <source>Device back online:</source>
        <translation>设备恢复在线：</translation>
    </message>
    <message>
        <source> tiles</source>
        <translation> 条</translation>
    </message>
    <message>
        <source>The wall keeps this many newest events; the archive keeps them all. Takes effect at the next start.</source>
        <translation>事件墙保留的最新事件条数；存档保留全部事件。下次启动时生效。</translation>
    </message>
    <message>
        <source>Live wall size:</source>
        <translation>事件墙容量：</translation>
    </message>
    <message>
        <source>Mute alerts from the selected devices</source>
        <translation>屏蔽所选设备的告警</translation>
    </message>
    <message>
        <source>Unmute all devices</source>
        <translation>取消屏蔽所有设备</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>全部设备</translation>
    </message>
    <message>
        <source>FaceDesk alert</source>
        <translation>FaceDesk 告警</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 出现在 %2</translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>Archive: %1 waiting</source>
        <translation>存档：%1 条待写入</translation>
    </message>
    <message>
        <source>Archive: OK</source>
        <translation>存档：正常</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n in sync</source>
        <translation>
            <numerusform>已同步 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>待同步 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>同步失败 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>FaceDesk sees %1 (distance %2)</source>
        <translation>FaceDesk 识别为 %1（距离 %2）</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>FaceDesk does not see this person (distance %1)</source>
        <translation>FaceDesk 认为不是此人（距离 %1）</translation>
    </message>
    <message>
        <source>FaceDesk disagrees with the device</source>
        <translation type="vanished">FaceDesk 与设备比对结果不一致</translation>
    </message>
    <message numerus="yes">
        <source>Face matching: %n behind, catching up</source>
        <translation>
            <numerusform>人脸比对：积压 %n 条，正在追赶</numerusform>
        </translation>
    </message>
    <message>
        <source>Face matching: live</source>
        <translation>人脸比对：实时</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>白名单</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>FaceDesk names a capture as a person of this list when its face is closer than this distance (same person: below %1).</source>
        <translation>抓拍人脸与本名单人员的距离小于此值时，FaceDesk 将其识别为该人员（同一人：低于 %1）。</translation>
    </message>
    <message>
        <source>FaceDesk names a capture as a person of this list when its face is more similar than this (same person: above %1).</source>
        <translation>抓拍人脸与本名单人员的相似度高于此值时，FaceDesk 将其识别为该人员（同一人：高于 %1）。</translation>
    </message>
    <message>
        <source>%1: match closer than</source>
        <translation>%1：比对距离小于</translation>
    </message>
    <message>
        <source>%1: match above</source>
        <translation>%1：比对相似度高于</translation>
    </message>
    <message>
        <source>Archive: disk full</source>
        <translation>存档：磁盘已满</translation>
    </message>
    <message>
        <source>Archive disk full: events are refused, devices retry</source>
        <translation>存档磁盘已满：事件被拒收，设备将重发</translation>
    </message>
    <message>
        <source>FaceDesk cannot write to %1 (%2). Devices are told to send their events again later; nothing they were told is stored gets lost. Free space on that disk and FaceDesk resumes by itself.</source>
        <translation>FaceDesk 无法写入 %1（%2）。设备已被告知稍后重发事件；已确认存储的事件不会丢失。请释放该磁盘空间，FaceDesk 会自动恢复。</translation>
    </message>
    <message>
        <source>Archive disk full</source>
        <translation>存档磁盘已满</translation>
    </message>
    <message>
        <source>Archive: unreachable</source>
        <translation>存档：无法连接</translation>
    </message>
    <message>
        <source>Archive database unreachable since %1</source>
        <translation>自 %1 起无法连接存档数据库</translation>
    </message>
    <message>
        <source>FaceDesk cannot reach the archive&apos;s database %1 (%2). Devices stay connected and are told to send their events again later; nothing they were told is stored gets lost. FaceDesk reconnects by itself every second.</source>
        <translation>FaceDesk 无法连接存档数据库 %1（%2）。设备保持连接，并被告知稍后重发事件；已确认存储的内容不会丢失。FaceDesk 每秒自动重连。</translation>
    </message>
    <message>
        <source>Archive database unreachable</source>
        <translation>无法连接存档数据库</translation>
    </message>
    <message>
        <source>Desk only: events from the site&apos;s collectors</source>
        <translation>仅工作台：事件来自站点的采集端</translation>
    </message>
    <message>
        <source>Switch operator...</source>
        <translation>切换操作员……</translation>
    </message>
    <message>
        <source>A shift change: another operator signs in; the wall and the alerts stay</source>
        <translation>交接班：另一位操作员登录；事件墙和告警保持不变</translation>
    </message>
    <message>
        <source>Operator: %1 (%2)</source>
        <translation>操作员：%1（%2）</translation>
    </message>
    <message>
        <source>Only an admin may do this (you are %1, a %2).</source>
        <translation>只有管理员可以执行此操作（您是 %1，角色为 %2）。</translation>
    </message>
    <message>
        <source>A %1 or an admin may do this (you are %2, a %3).</source>
        <translation>%1 或管理员可以执行此操作（您是 %2，角色为 %3）。</translation>
    </message>
    <message>
        <source>Sign in...</source>
        <translation>登录……</translation>
    </message>
    <message>
        <source>The desk is locked (%1 was signed in).</source>
        <translation>值班台已锁定（之前登录的是 %1）。</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) waiting: sign in to see and acknowledge them.</source>
        <translation>
            <numerusform>%n 条告警等待处理：请登录后查看并确认。</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>With operator accounts: lock the desk after this long without a key or mouse. Alarms keep sounding over the lock.</source>
        <translation>设有操作员账户时：无键盘或鼠标操作达到此时长后锁定值班台。锁定期间告警声继续。</translation>
    </message>
    <message>
        <source>Lock after idle:</source>
        <translation>闲置后锁定：</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Keep events:</source>
        <translation>事件保留：</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Blacklist hits</source>
        <translation>黑名单命中</translation>
    </message>
    <message>
        <source>Custom lists</source>
        <translation>自定义名单</translation>
    </message>
    <message>
        <source>always</source>
        <translation>永久</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Events older than this are deleted with their images.</source>
        <translation>早于此期限的事件连同图片一并删除。</translation>
    </message>
    <message>
        <source>Events of this list older than this are deleted sooner than the rest.</source>
        <translation>此名单中早于此期限的事件将先于其他事件删除。</translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonEditDialog</name>
    <message>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Choose photo...</source>
        <translation>选择照片...</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Card or ID number</source>
        <translation>卡号或证件号</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Gender:</source>
        <translation>性别(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Card number:</source>
        <translation>卡号(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>名单(&amp;L)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <source>Stored photo, %1 × %2.</source>
        <translation>已存储的照片，%1 × %2。</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.bmp);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Cannot read %1: %2&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;无法读取 %1：%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Checking the photo...</source>
        <translation>正在检查照片...</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e7d32&apos;&gt;Photo accepted&lt;/b&gt; (%1 × %2, %3 KB).</source>
        <translation>&lt;b style=&apos;color:#2e7d32&apos;&gt;照片合格&lt;/b&gt;（%1 × %2，%3 KB）。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;Photo refused (%1)&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;照片不合格（%1）&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>A person needs a name.</source>
        <translation>人员必须填写姓名。</translation>
    </message>
    <message>
        <source>The photo was refused: %1</source>
        <translation>照片不合格：%1</translation>
    </message>
    <message>
        <source>A person needs a photo with exactly one face.</source>
        <translation>人员照片中必须有且仅有一张人脸。</translation>
    </message>
    <message>
        <source>Card number %1 already belongs to %2.</source>
        <translation type="vanished">卡号 %1 已属于 %2。</translation>
    </message>
    <message>
        <source>This person was deleted meanwhile.</source>
        <translation type="vanished">该人员已在此期间被删除。</translation>
    </message>
    <message>
        <source>Reading the library...</source>
        <translation>正在读取人脸库……</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;This person was deleted meanwhile.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;该人员已在此期间被删除。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;The library cannot be read: %1&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#c62828&apos;&gt;无法读取人脸库：%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonTableModel</name>
    <message>
        <source>%1 × %2, %3 KB, from %4</source>
        <translation>%1 × %2，%3 KB，来自 %4</translation>
    </message>
    <message>
        <source>no photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>not assigned</source>
        <translation>未分配</translation>
    </message>
    <message numerus="yes">
        <source>%n in sync</source>
        <translation>
            <numerusform>%n 台已同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 台待同步</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 台同步失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>fd::ui::PersonTimelineDialog</name>
    <message>
        <source>Card %1 · index_id %2</source>
        <translation>卡号 %1 · index_id %2</translation>
    </message>
    <message>
        <source>index_id %1</source>
        <translation>index_id %1</translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>时间轴：%1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Also faces similar to the photo, above</source>
        <translation>同时包含与照片相似的人脸，相似度高于</translation>
    </message>
    <message>
        <source>Face search is not available for this archive yet.</source>
        <translation>此存档暂不支持人脸检索。</translation>
    </message>
    <message>
        <source>Attendance (local time):</source>
        <translation>考勤（本地时间）：</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <source>Sightings</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Export attendance CSV...</source>
        <translation>导出考勤 CSV...</translation>
    </message>
    <message>
        <source>Export attendance</source>
        <translation>导出考勤</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The archive could not be read: %1</source>
        <translation>无法读取存档：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n sightings</source>
        <translation>
            <numerusform>共出现 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by face similarity</source>
        <translation>
            <numerusform>，其中 %n 次通过人脸相似度找到</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> on %n day(s).</source>
        <translation>
            <numerusform>，分布在 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking for similar faces...</source>
        <translation>正在查找相似的人脸...</translation>
    </message>
</context>
<context>
    <name>fd::ui::SearchPanel</name>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新优先</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早优先</translation>
    </message>
    <message>
        <source>Best score first</source>
        <translation>比对分值从高到低</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>PDF report...</source>
        <translation>PDF 报告...</translation>
    </message>
    <message>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>Open event</source>
        <translation>打开事件</translation>
    </message>
    <message>
        <source>Faces like this one</source>
        <translation>搜索相似人脸</translation>
    </message>
    <message>
        <source>Face search</source>
        <translation>人脸检索</translation>
    </message>
    <message>
        <source>Timeline of %1</source>
        <translation>%1 的时间轴</translation>
    </message>
    <message>
        <source>The archive cannot be opened: %1</source>
        <translation type="vanished">无法打开存档：%1</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Between...</source>
        <translation>自定义时间段...</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>开始：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <source>None ticked: every device.</source>
        <translation>未勾选即为全部设备。</translation>
    </message>
    <message>
        <source>Devices:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Strangers</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>白名单</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Lists:</source>
        <translation>名单：</translation>
    </message>
    <message>
        <source>Name or card number</source>
        <translation>姓名或卡号</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>比对分值：</translation>
    </message>
    <message>
        <source>Quality at least:</source>
        <translation>最低质量：</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <source>Age:</source>
        <translation>年龄：</translation>
    </message>
    <message>
        <source>with mask</source>
        <translation>戴口罩</translation>
    </message>
    <message>
        <source>without mask</source>
        <translation>未戴口罩</translation>
    </message>
    <message>
        <source>Mask:</source>
        <translation>口罩：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>glasses</source>
        <translation>普通眼镜</translation>
    </message>
    <message>
        <source>sunglasses</source>
        <translation>墨镜</translation>
    </message>
    <message>
        <source>Glasses:</source>
        <translation>眼镜：</translation>
    </message>
    <message>
        <source>Only temperature warnings</source>
        <translation>仅体温异常</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Alert handling:</source>
        <translation>告警处理：</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Faces like...</source>
        <translation>相似人脸检索</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>所选事件</translation>
    </message>
    <message>
        <source>Select an event in the results first.</source>
        <translation>请先在结果中选择一个事件。</translation>
    </message>
    <message>
        <source>Photo...</source>
        <translation>照片...</translation>
    </message>
    <message>
        <source>A photo of the face to look for</source>
        <translation>选择要检索的人脸照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.bmp)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.bmp)</translation>
    </message>
    <message>
        <source>Person...</source>
        <translation>人员...</translation>
    </message>
    <message>
        <source>Library person (index_id):</source>
        <translation>人脸库人员（index_id）：</translation>
    </message>
    <message>
        <source>At least:</source>
        <translation type="vanished">最低相似度：</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>最多结果数：</translation>
    </message>
    <message>
        <source>Face search is not available.</source>
        <translation>人脸检索不可用。</translation>
    </message>
    <message>
        <source>Face search is still loading.</source>
        <translation>人脸检索仍在加载中。</translation>
    </message>
    <message numerus="yes">
        <source>%n events with faces like %1, similarity at least %2 (%3)</source>
        <translation type="vanished">
            <numerusform>%n 条事件的人脸与 %1 相似，相似度不低于 %2（%3）</numerusform>
        </translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>More than 100,000 events match; narrow the search or scroll on.</source>
        <translation>匹配的事件超过 100,000 条；请缩小搜索范围或继续向下滚动。</translation>
    </message>
    <message numerus="yes">
        <source>%n events match</source>
        <translation>
            <numerusform>共匹配 %n 条事件</numerusform>
        </translation>
    </message>
    <message>
        <source>FaceDesk search report</source>
        <translation>FaceDesk 搜索报告</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Looking for faces like %1...</source>
        <translation>正在查找与 %1 相似的人脸...</translation>
    </message>
    <message>
        <source>Distance at most:</source>
        <translation>距离不超过：</translation>
    </message>
    <message>
        <source>Similarity at least:</source>
        <translation>相似度不低于：</translation>
    </message>
    <message>
        <source>Same person below %1 (the first tick)</source>
        <translation>低于 %1 即为同一人（第一个刻度）</translation>
    </message>
    <message>
        <source>Same person above %1 (the first tick)</source>
        <translation>高于 %1 即为同一人（第一个刻度）</translation>
    </message>
    <message>
        <source>%1 (same person)</source>
        <translation>%1（同一人）</translation>
    </message>
    <message numerus="yes">
        <source>%n events with faces like %1, %2 %3 (%4)</source>
        <translation>
            <numerusform>%n 个事件的人脸与%1相似，%2 %3（%4）</numerusform>
        </translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>Reading the events with faces like %1...</source>
        <translation>正在读取与 %1 相似的人脸事件……</translation>
    </message>
    <message>
        <source>Replaced by a search.</source>
        <translation>已被新的搜索取代。</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>正在搜索……</translation>
    </message>
</context>
<context>
    <name>fd::ui::SearchResultModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>比对分值</translation>
    </message>
    <message>
        <source>Stranger</source>
        <translation>陌生人</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Whitelist</source>
        <translation>白名单</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>List %1</source>
        <translation>名单 %1</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>口罩</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
</context>
<context>
    <name>fd::ui::TimelineView</name>
    <message>
        <source>No sightings in this period.</source>
        <translation>此时间段内没有出现记录。</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>found by face similarity %1</source>
        <translation>通过人脸相似度找到（%1）</translation>
    </message>
</context>
<context>
    <name>fd::ui::WelcomePanel</name>
    <message>
        <source>&lt;h2&gt;Welcome to FaceDesk&lt;/h2&gt;No device has connected yet. On each device&apos;s web page (Intelligent Analysis → Face Detection → Server Configuration) enable HTTP upload and heartbeat and type these values:</source>
        <translation>&lt;h2&gt;欢迎使用 FaceDesk&lt;/h2&gt;尚无设备连接。请在每台设备的网页（智能分析 → 人脸检测 → 服务器配置）中启用 HTTP 上传和心跳，并填写以下参数：</translation>
    </message>
    <message>
        <source>This PC has no network address other than its own loopback: connect it to the devices&apos; network first.</source>
        <translation>本机除回环地址外没有其他网络地址：请先将其连接到设备所在的网络。</translation>
    </message>
    <message>
        <source>Devices that reach this PC at %1</source>
        <translation>设备通过 %1 访问本机</translation>
    </message>
    <message>
        <source>HTTP address (face pushes):</source>
        <translation>HTTP 地址（人脸推送）：</translation>
    </message>
    <message>
        <source>HTTP port:</source>
        <translation>HTTP 端口：</translation>
    </message>
    <message>
        <source>Upload path:</source>
        <translation>上传路径：</translation>
    </message>
    <message>
        <source>Heartbeat server address:</source>
        <translation>心跳服务器地址：</translation>
    </message>
    <message>
        <source>TCP port (comparison machines&apos; long connection):</source>
        <translation>TCP 端口（比对机长连接）：</translation>
    </message>
    <message>
        <source>Devices asking to join</source>
        <translation>请求接入的设备</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Try the demo (simulated devices, a separate window)</source>
        <translation>试用演示（模拟设备，单独窗口）</translation>
    </message>
    <message>
        <source>Go to the live wall</source>
        <translation>进入实时墙</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Self-check: nothing to check without a network address.</source>
        <translation>自检：没有网络地址，无需检查。</translation>
    </message>
    <message>
        <source>Self-check: connecting to this PC&apos;s own addresses...</source>
        <translation>自检：正在连接本机地址...</translation>
    </message>
    <message>
        <source>A firewall between this PC and the devices cannot be seen from here: if a device&apos;s page says the server is unreachable, open TCP ports %1 and %2 for the devices&apos; network.</source>
        <translation>本机与设备之间的防火墙无法在此检测：如果设备网页提示服务器不可达，请为设备所在网络开放 TCP 端口 %1 和 %2。</translation>
    </message>
    <message>
        <source>✓ FaceDesk answers at %1, port %2.</source>
        <translation>✓ FaceDesk 在 %1 的端口 %2 上有响应。</translation>
    </message>
    <message>
        <source>✗ Nothing answers at %1, port %2 (%3): FaceDesk may listen on another address, or a rule on this PC refuses the connection.</source>
        <translation>✗ %1 的端口 %2 无响应（%3）：FaceDesk 可能监听在其他地址，或本机的规则拒绝了连接。</translation>
    </message>
    <message>
        <source>✗ No answer at %1, port %2 within %3 s: a firewall on this PC may drop the connection.</source>
        <translation>✗ %1 的端口 %2 在 %3 秒内无响应：本机防火墙可能丢弃了连接。</translation>
    </message>
    <message>
        <source>%1 (%2, %3, %4)</source>
        <translation>%1（%2，%3，%4）</translation>
    </message>
    <message>
        <source>None yet: devices appear here as soon as they connect.</source>
        <translation>暂无：设备一连接就会出现在这里。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaceDesk: the desk for Jovision face-recognition devices.</source>
        <translation>FaceDesk：中维世纪人脸识别设备管理客户端。</translation>
    </message>
    <message>
        <source>Start with simulated devices and a throw-away archive.</source>
        <translation>使用模拟设备和临时存档启动。</translation>
    </message>
    <message>
        <source>Archive folder.</source>
        <translation>存档文件夹。</translation>
    </message>
    <message>
        <source>HTTP port.</source>
        <translation>HTTP 端口。</translation>
    </message>
    <message>
        <source>TCP port.</source>
        <translation>TCP 端口。</translation>
    </message>
    <message>
        <source>Accept unknown devices without approval.</source>
        <translation>无需审核直接接入未知设备。</translation>
    </message>
    <message>
        <source>Events per second in the demo.</source>
        <translation>演示模式下每秒事件数。</translation>
    </message>
    <message>
        <source>Save the window as PNG after --screenshot-after seconds, then quit.</source>
        <translation>在 --screenshot-after 指定的秒数后将窗口保存为 PNG，然后退出。</translation>
    </message>
    <message>
        <source>Seconds before the screenshot.</source>
        <translation>截图前等待的秒数。</translation>
    </message>
    <message>
        <source>The archive in %1 cannot be opened: %2</source>
        <translation type="vanished">无法打开 %1 中的存档：%2</translation>
    </message>
    <message>
        <source>FaceDesk cannot listen: %1</source>
        <translation type="vanished">FaceDesk 无法监听：%1</translation>
    </message>
    <message>
        <source>Also save the newest event&apos;s detail view as PNG.</source>
        <translation type="vanished">同时将最新事件的详情视图保存为 PNG。</translation>
    </message>
    <message>
        <source>Also save the devices panel as PNG.</source>
        <translation type="vanished">同时将设备面板保存为 PNG。</translation>
    </message>
    <message>
        <source>Also save %1 as PNG.</source>
        <translation>同时将%1保存为 PNG。</translation>
    </message>
    <message>
        <source>the newest library match&apos;s detail view</source>
        <translation>最新人脸库比中事件的详情视图</translation>
    </message>
    <message>
        <source>the devices panel</source>
        <translation>设备面板</translation>
    </message>
    <message>
        <source>the face library editor</source>
        <translation>人脸库编辑器</translation>
    </message>
    <message>
        <source>the search view with today&apos;s events</source>
        <translation>显示今日事件的搜索视图</translation>
    </message>
    <message>
        <source>the first library person&apos;s timeline</source>
        <translation>人脸库第一名人员的时间轴</translation>
    </message>
    <message>
        <source>a face search for the library person seen most</source>
        <translation>对出现次数最多的人脸库人员的人脸检索</translation>
    </message>
    <message>
        <source>the import wizard&apos;s preview of the demo photos</source>
        <translation>导入向导中演示照片的预览</translation>
    </message>
    <message>
        <source>the import wizard&apos;s report on the demo photos</source>
        <translation>导入向导中演示照片的导入报告</translation>
    </message>
    <message>
        <source>the settings panel (alert rules, match thresholds)</source>
        <translation>设置面板（告警规则、比对阈值）</translation>
    </message>
    <message>
        <source>the welcome page a desk without devices shows</source>
        <translation>没有设备时显示的欢迎页</translation>
    </message>
    <message>
        <source>the window while the archive&apos;s disk is full</source>
        <translation>存档磁盘已满时的窗口</translation>
    </message>
    <message>
        <source>A site&apos;s shared archive: postgresql://USER@HOST[:PORT]/DBNAME.</source>
        <translation>站点共享的档案库：postgresql://用户@主机[:端口]/数据库名。</translation>
    </message>
    <message>
        <source>The archive %1 cannot be opened: %2</source>
        <translation type="vanished">无法打开档案库 %1：%2</translation>
    </message>
    <message>
        <source>FaceDesk cannot start: %1</source>
        <translation>FaceDesk 无法启动：%1</translation>
    </message>
    <message>
        <source>Events from the site&apos;s other collectors cannot be followed: %1</source>
        <translation>无法跟踪站点其他采集端的事件：%1</translation>
    </message>
    <message>
        <source>the window while the archive&apos;s PostgreSQL cannot be reached</source>
        <translation>存档的 PostgreSQL 无法连接时的窗口</translation>
    </message>
    <message>
        <source>With --database: open no ports; devices send to the site&apos;s collectors (facedesk serve) and this desk follows their events, alerts and devices through the archive.</source>
        <translation>与 --database 一起使用：不打开任何端口；设备发送到站点的采集端（facedesk serve），本工作台通过档案库跟随其事件、告警和设备。</translation>
    </message>
    <message>
        <source>the sign-in dialog after a wrong password</source>
        <translation>输错密码后的登录对话框</translation>
    </message>
    <message>
        <source>the window as a guard sees it (search, library, settings disabled)</source>
        <translation>保安看到的窗口（搜索、人脸库、设置均停用）</translation>
    </message>
    <message>
        <source>the audit viewer with the chain checked</source>
        <translation>审计记录查看器（已校验哈希链）</translation>
    </message>
</context>
</TS>
