import { join } from 'node:path';
import type { GraphArtifact, ModelInspection } from '../../../../shared/graph';
import type { ChunkRunner } from './chunk-runner';
import { EvictingCacheRunner } from './evicting-cache-runner';
import { FullContextRunner } from './full-context-runner';
import { StreamRunner } from './stream-runner';

type Built = GraphArtifact & { dir: string };

function geometryOf(inspection: ModelInspection) {
  const decoder = inspection.decoder;
  if (!decoder || decoder.vocab === null)
    throw new Error(`${inspection.path} has no decoder geometry`);
  return {
    layers: decoder.layers,
    kvHeads: decoder.kvHeads,
    headDim: decoder.headDim,
    vocab: decoder.vocab,
  };
}

/**
 * The float full-context reference of a model: the model itself for optimum-style decoders, the
 * demo model's `*_full.onnx` export beside its streaming graph.
 */
export function referencePath(inspection: ModelInspection): string {
  return inspection.convention === 'edge-infinite'
    ? inspection.path.replace(/_stream\.onnx$/, '_full.onnx')
    : inspection.path;
}

export async function openReference(inspection: ModelInspection): Promise<ChunkRunner> {
  return FullContextRunner.open(referencePath(inspection), geometryOf(inspection));
}

/** The runner a fixed-shape device would be: the model's own streaming graph, or host-side eviction. */
export async function openCandidate(
  inspection: ModelInspection,
  built: Built,
): Promise<ChunkRunner> {
  const prefill = join(built.dir, built.prefill.file);
  const decode = join(built.dir, built.decode.file);
  if (inspection.convention === 'edge-infinite')
    return StreamRunner.open(prefill, decode, geometryOf(inspection).vocab);
  return EvictingCacheRunner.open(prefill, decode, built.scenario, geometryOf(inspection));
}
