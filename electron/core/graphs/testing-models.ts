import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx, type ModelProto, type Onnx } from './onnx-proto';

/** The decoder fixtures made by fixtures/make_fixtures.py. */
export const fixtureModels = {
  llama: join(import.meta.dirname, 'fixtures', 'llama-tiny', 'model.onnx'),
  qwen2: join(import.meta.dirname, 'fixtures', 'qwen2-tiny', 'model.onnx'),
};

/** The same decoders exported by torch dynamo (make_dynamo_fixtures.py): no config, no tokenizer. */
export const dynamoModels = {
  llama: join(import.meta.dirname, 'fixtures', 'llama-dynamo', 'model.onnx'),
  llamaExternal: join(import.meta.dirname, 'fixtures', 'llama-dynamo-external', 'model.onnx'),
  qwen2: join(import.meta.dirname, 'fixtures', 'qwen2-dynamo', 'model.onnx'),
  /** The Llama with its causal mask from position_ids against key indices (a fixed cache breaks it). */
  llamaPositionMask: join(
    import.meta.dirname,
    'fixtures',
    'llama-dynamo-position-mask',
    'model.onnx',
  ),
};

/** A graph that is not a decoder: y = x + x. */
export function addModel(): ModelProto {
  const tensor = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }] } } },
    });
  return onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'add',
      node: [{ opType: 'Add', input: ['x', 'x'], output: ['y'] }],
      input: [tensor('x')],
      output: [tensor('y')],
    },
  });
}

/** Moves the first initializer of the llama fixture into `model.onnx.data`. */
export function withExternalData(dir: string, location = 'model.onnx.data') {
  const model = onnx.ModelProto.decode(readFileSync(fixtureModels.llama));
  const tensor = model.graph?.initializer?.[0] as Onnx.TensorProto;
  writeFileSync(join(dir, 'model.onnx.data'), tensor.rawData);
  tensor.externalData = [
    { key: 'location', value: location },
    { key: 'offset', value: '0' },
    { key: 'length', value: String(tensor.rawData.length) },
  ];
  tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  tensor.rawData = new Uint8Array();
  const path = join(dir, 'model.onnx');
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  return { path, tensor: tensor.name };
}
