import { join } from 'node:path';
import { studioRoot } from '../paths';

/** Built-in models, by the name used after `builtin:`. */
const builtins: Record<string, string> = {
  'edge-infinite-tiny': 'profiles/models/edge-infinite-tiny/edge_infinite_tiny_stream.onnx',
};

export const builtinModelNames = Object.keys(builtins);

/** The file of a model argument: a path, or `builtin:NAME` for a model shipped with the studio. */
export function resolveModelPath(model: string): string | { unknownBuiltin: string } {
  if (!model.startsWith('builtin:')) return model;
  const name = model.slice('builtin:'.length);
  const relative = builtins[name];
  return relative ? join(studioRoot(), relative) : { unknownBuiltin: name };
}
