import { createRequire } from 'node:module';
import { errorMessage } from '../log';

const require = createRequire(import.meta.url);

export type OnnxRuntimeProbe = { found: true; version: string } | { found: false; reason: string };

let probe: OnnxRuntimeProbe | undefined;

/**
 * Loads the onnxruntime-node binding once (lazily: it is a native module) and reports the
 * version it says it is, or why it did not load.
 */
export function probeOnnxRuntime(): OnnxRuntimeProbe {
  probe ??= loadOnce();
  return probe;
}

function loadOnce(): OnnxRuntimeProbe {
  try {
    const ort = require('onnxruntime-node') as { env: { versions: { node?: string } } };
    const version = ort.env.versions.node;
    return version
      ? { found: true, version }
      : { found: false, reason: 'onnxruntime-node loaded but reported no version' };
  } catch (error) {
    return { found: false, reason: `onnxruntime-node did not load: ${errorMessage(error)}` };
  }
}
