import { onnx, type Onnx } from '../onnx-proto';
import type { QuantizedWeight } from './quantized-weight';

type BlockWeight = Extract<QuantizedWeight, { layout: 'blocks' }>;
import { rawTensor } from './tensor-data';

/** Zero points packed as MatMulNBits wants them: (N, ceil(kBlocks · bits / 8)) bytes. */
function packedZeroPoints(weight: BlockWeight): Uint8Array | null {
  const { blocks, bits, n } = weight;
  if (!blocks.zeroPoints) return null;
  const perColumn = Math.ceil((blocks.kBlocks * bits) / 8);
  const packed = new Uint8Array(n * perColumn);
  for (let col = 0; col < n; col++) {
    for (let block = 0; block < blocks.kBlocks; block++) {
      const zero = blocks.zeroPoints[col * blocks.kBlocks + block] as number;
      if (bits === 8) packed[col * perColumn + block] = zero;
      else packed[col * perColumn + (block >> 1)]! |= (block & 1) === 0 ? zero : zero << 4;
    }
  }
  return packed;
}

/**
 * Replaces `MatMul(A, W)` by `com.microsoft.MatMulNBits(A, B, scales[, zero_points])` with B in
 * (N, kBlocks, blockSize · bits / 8) bytes. Returns the new node, its initializers and their bytes.
 */
export function emitMatMulNBits(matmul: Onnx.INodeProto, weightName: string, weight: BlockWeight) {
  const { blocks, bits, blockSize, k, n } = weight;
  const blob = (blockSize * bits) / 8;
  const initializers = [
    rawTensor(
      `${weightName}_nbits`,
      onnx.TensorProto.DataType.UINT8,
      [n, blocks.kBlocks, blob],
      blocks.packed,
    ),
    rawTensor(
      `${weightName}_scales`,
      onnx.TensorProto.DataType.FLOAT,
      [n, blocks.kBlocks],
      blocks.scales,
    ),
  ];
  const zeros = packedZeroPoints(weight);
  if (zeros)
    initializers.push(
      rawTensor(
        `${weightName}_zero_points`,
        onnx.TensorProto.DataType.UINT8,
        [n, zeros.length / n],
        zeros,
      ),
    );
  const node = onnx.NodeProto.create({
    name: `${matmul.name ?? weightName}_nbits`,
    opType: 'MatMulNBits',
    domain: 'com.microsoft',
    input: [matmul.input?.[0] ?? '', ...initializers.map((tensor) => tensor.name)],
    output: [...(matmul.output ?? [])],
    attribute: [
      { name: 'K', type: onnx.AttributeProto.AttributeType.INT, i: k },
      { name: 'N', type: onnx.AttributeProto.AttributeType.INT, i: n },
      { name: 'bits', type: onnx.AttributeProto.AttributeType.INT, i: bits },
      { name: 'block_size', type: onnx.AttributeProto.AttributeType.INT, i: blockSize },
    ],
  });
  const bytes = initializers.reduce((sum, tensor) => sum + tensor.rawData.length, 0);
  return { nodes: [node], initializers, bytes };
}
