/**
 * Jest environment for tests that run onnxruntime-node. Jest runs each test file in its own
 * realm (vm context), but ORT's native binding creates its output typed arrays in Node's main
 * realm, so ORT's own `data instanceof Float32Array` check fails ("A float32 tensor's data must
 * be type of function Float32Array()"). Like jest-environment-node already does for Uint8Array
 * and ArrayBuffer, this shares the typed-array constructors of the main realm with the test.
 * Use with a docblock at the top of a test file:
 *   /** @jest-environment ./libs/knowledge-store/src/embedding/testing/onnx-jest-environment.js *\/
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxTestEnvironment;
