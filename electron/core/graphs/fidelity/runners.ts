import { join } from 'node:path';
import type { GraphArtifact, ModelInspection } from '../../../../shared/graph';
import type { Scenario } from '../../../../shared/scenario';
import type { ChunkRunner, OutputsHook } from './chunk-runner';
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

/** The runner a fixed-shape device would be, over a built artifact's graphs. */
export async function openCandidate(
  inspection: ModelInspection,
  built: Built,
): Promise<ChunkRunner> {
  return openGraphPair(
    inspection,
    join(built.dir, built.prefill.file),
    join(built.dir, built.decode.file),
    built.scenario,
  );
}

/** The model's own streaming graph, or host-side eviction, optionally seeing every output. */
export async function openGraphPair(
  inspection: ModelInspection,
  prefill: string,
  decode: string,
  scenario: Scenario,
  onOutputs?: OutputsHook,
): Promise<ChunkRunner> {
  if (inspection.convention === 'edge-infinite')
    return StreamRunner.open(prefill, decode, geometryOf(inspection).vocab, onOutputs);
  return EvictingCacheRunner.open(prefill, decode, scenario, geometryOf(inspection), onOutputs);
}
