import { join } from 'node:path';
import type { GraphArtifact, ModelInspection } from '../../../../shared/graph';
import type { Scenario } from '../../../../shared/scenario';
import type { ChunkRunner, OutputsHook } from './chunk-runner';
import { FullContextRunner } from './full-context-runner';
import { PlanRunner } from './plan-runner';

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

/**
 * The generic loop over a self-contained graph pair (either convention: the cache policy is in
 * the graphs), optionally seeing every output. The scenario is the graphs' own now; it stays a
 * parameter for the calibration's call.
 */
export async function openGraphPair(
  inspection: ModelInspection,
  prefill: string,
  decode: string,
  _scenario: Scenario,
  onOutputs?: OutputsHook,
): Promise<ChunkRunner> {
  return PlanRunner.openPair({ prefill, decode, padToken: padTokenOf(inspection) }, onOutputs);
}

/** The demo model pads with its PAD byte (256); an import's padding is masked, so any id does. */
export function padTokenOf(inspection: ModelInspection): number {
  return inspection.convention === 'edge-infinite' ? 256 : 0;
}
