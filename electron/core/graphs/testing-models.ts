import { join } from 'node:path';
import { onnx, type ModelProto } from './onnx-proto';

/** The decoder fixtures made by fixtures/make_fixtures.py. */
export const fixtureModels = {
  llama: join(import.meta.dirname, 'fixtures', 'llama-tiny', 'model.onnx'),
  qwen2: join(import.meta.dirname, 'fixtures', 'qwen2-tiny', 'model.onnx'),
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
