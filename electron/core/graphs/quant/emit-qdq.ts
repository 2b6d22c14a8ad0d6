import { onnx, type Onnx } from '../onnx-proto';
import { storedValue, type QuantizedWeight } from './quantized-weight';
import { rawTensor } from './tensor-data';

const { INT8, UINT8, FLOAT } = onnx.TensorProto.DataType;
// onnx-proto predates the 4-bit types: ONNX numbers them UINT4 = 21, INT4 = 22.
const UINT4 = 21;
const INT4 = 22;

/** Row-major values in ONNX's element type: signed (q − zero) when symmetric, else unsigned. */
function rowMajorValues(weight: QuantizedWeight, signed: boolean): Uint8Array {
  const { k, n, bits } = weight;
  if (weight.layout === 'channel') return new Uint8Array(weight.channel.values.buffer);
  const out = new Uint8Array(bits === 8 ? k * n : Math.ceil((k * n) / 2));
  for (let row = 0; row < k; row++) {
    for (let col = 0; col < n; col++) {
      const { q, zero } = storedValue(weight, row, col);
      const value = (signed ? q - zero : q) & (bits === 8 ? 0xff : 0x0f);
      const flat = row * n + col;
      // ONNX packs 4-bit tensors two to a byte in flat order, the even element in the low nibble.
      if (bits === 8) out[flat] = value;
      else out[flat >> 1]! |= (flat & 1) === 0 ? value : value << 4;
    }
  }
  return out;
}

/** Scales (and zero points) in DequantizeLinear's shape: [N] per axis, [K / block, N] blocked. */
function scaleTensors(weight: QuantizedWeight, name: string, signed: boolean) {
  const { n, k, blockSize } = weight;
  const kBlocks = Math.ceil(k / blockSize);
  const scales = new Float32Array(kBlocks * n);
  const zeros = new Uint8Array(kBlocks * n);
  for (let block = 0; block < kBlocks; block++) {
    for (let col = 0; col < n; col++) {
      const { zero, scale } = storedValue(weight, block * blockSize, col);
      scales[block * n + col] = scale;
      zeros[block * n + col] = zero;
    }
  }
  const dims = kBlocks === 1 ? [n] : [kBlocks, n];
  const tensors = [rawTensor(`${name}_scale`, FLOAT, dims, scales)];
  if (!signed)
    tensors.push(
      rawTensor(
        `${name}_zero_point`,
        weight.bits === 8 ? UINT8 : UINT4,
        dims,
        weight.bits === 8 ? zeros : packNibbles(zeros),
      ),
    );
  return tensors;
}

function packNibbles(values: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  values.forEach((value, i) => (out[i >> 1]! |= (i & 1) === 0 ? value : value << 4));
  return out;
}

/**
 * `DequantizeLinear(q, scale[, zero_point])` feeding the MatMul in place of its float weight:
 * per axis (axis 1, one scale per output channel) or blocked along K (axis 0, opset 21).
 */
export function emitDequantize(
  matmul: Onnx.INodeProto,
  weightName: string,
  weight: QuantizedWeight,
  symmetric: boolean,
) {
  const signed = symmetric;
  const type = weight.bits === 8 ? (signed ? INT8 : UINT8) : signed ? INT4 : UINT4;
  const values = rawTensor(
    `${weightName}_quantized`,
    type,
    [weight.k, weight.n],
    rowMajorValues(weight, signed),
  );
  const initializers = [values, ...scaleTensors(weight, weightName, signed)];
  const blocked = weight.blockSize < weight.k;
  const attribute = [
    { name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: blocked ? 0 : 1 },
  ];
  if (blocked)
    attribute.push({
      name: 'block_size',
      type: onnx.AttributeProto.AttributeType.INT,
      i: weight.blockSize,
    });
  const output = `${weightName}_dequantized`;
  const node = onnx.NodeProto.create({
    name: `${weightName}_DequantizeLinear`,
    opType: 'DequantizeLinear',
    input: initializers.map((t) => t.name),
    output: [output],
    attribute,
  });
  // A new MatMul: the original node may be shared with another specialisation of the model.
  const rewired = onnx.NodeProto.create({ ...matmul, input: [matmul.input?.[0] ?? '', output] });
  const bytes = initializers.reduce((sum, tensor) => sum + tensor.rawData.length, 0);
  return { nodes: [node, rewired], initializers, bytes };
}
