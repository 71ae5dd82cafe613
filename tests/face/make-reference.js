// Development tool, not run by the tests or by FaceDesk: computes what the
// face-api package's own TensorFlow.js code answers for FaceDesk's synthetic test
// images, so that tst_facenets can prove FaceDesk's OpenCV networks compute the same.
//
//   mkdir /tmp/ref && cd /tmp/ref && npm install @tensorflow/tfjs@4.22.0 \
//       @tensorflow/tfjs-backend-wasm@4.22.0 @vladmandic/face-api@1.7.15
//   NODE_PATH=/tmp/ref/node_modules node tests/face/make-reference.js MODEL_DIR > tests/face/reference.json
//
// The images are made by a formula that tst_facenets.cpp repeats (syntheticPixel).
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const tf = faceapi.tf;

function syntheticPixel(x, y, c, seed) {
    // Smooth shapes plus a little integer noise, the same in C++.
    const cx = x - 60 - seed, cy = y - 70;
    const ring = ((cx * cx + cy * cy) >> 6) & 0xff;
    const noise = ((x * 1103 + y * 2999 + c * 7919 + seed * 131) % 61);
    return (ring + x * (c + 1) + y * (3 - c) + noise) % 256;
}

function image(size, seed) {
    const data = new Float32Array(size * size * 3);
    for (let y = 0; y < size; ++y)
        for (let x = 0; x < size; ++x)
            for (let c = 0; c < 3; ++c)  // RGB order, as the nets take it
                data[(y * size + x) * 3 + c] = syntheticPixel(x, y, c, seed);
    return tf.tensor3d(data, [size, size, 3], 'float32');
}

(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
    const dir = process.argv[2];
    await faceapi.nets.tinyFaceDetector.loadFromDisk(dir);
    await faceapi.nets.faceLandmark68TinyNet.loadFromDisk(dir);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(dir);

    const out = { package: '@vladmandic/face-api@1.7.15', backend: 'cpu', cases: [] };
    for (const seed of [0, 17]) {
        const det = await faceapi.nets.tinyFaceDetector.forward(image(416, seed), 416);
        const lm = await faceapi.nets.faceLandmark68TinyNet.forward(image(112, seed));
        const desc = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(image(150, seed));
        out.cases.push({
            seed,
            detector416: { shape: det.shape, values: Array.from(await det.data()) },
            landmarks112: Array.from(await lm.data()),
            descriptor150: Array.from(desc),
        });
    }
    process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
