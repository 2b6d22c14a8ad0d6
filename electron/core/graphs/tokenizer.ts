import { Tokenizer } from '@huggingface/tokenizers';
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Convention, ModelInspection, TokenizerKind } from '../../../shared/graph';
import { fail, ok, type Result } from '../../../shared/result';
import { errorMessage } from '../log';

/** Text ↔ token ids for a model. */
export interface TextTokenizer {
  kind: TokenizerKind;
  /** One past the largest id the tokenizer can produce. */
  idLimit: number;
  /** Token that ends generation, when the tokenizer knows one. */
  eos: number | null;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

/** The demo model's specials, after the 256 byte ids (see its model card). */
export const byteSpecials = { pad: 256, bos: 257, eos: 258 };

/** The demo model's tokenizer: BOS, then one id per UTF-8 byte. */
export const byteLevelTokenizer: TextTokenizer = {
  kind: 'byte-level',
  idLimit: 259,
  eos: byteSpecials.eos,
  encode: (text) => [byteSpecials.bos, ...new TextEncoder().encode(text)],
  decode: (ids) => new TextDecoder().decode(Uint8Array.from(ids.filter((id) => id < 256))),
};

/** Which tokenizer a model has beside it, without reading it; null when it has none. */
export async function findTokenizer(
  convention: Convention,
  modelPath: string,
): Promise<TokenizerKind | null> {
  if (convention === 'edge-infinite') return 'byte-level';
  const found = await access(join(dirname(modelPath), 'tokenizer.json')).then(
    () => true,
    () => false,
  );
  return found ? 'tokenizer.json' : null;
}

/**
 * The tokenizer of a model: byte-level for the demo model, else the `tokenizer.json` beside the
 * model file (with `tokenizer_config.json` when present). A missing file is an error naming it
 * and `purpose`, what needed text; one whose ids do not fit the model's vocabulary is one too.
 */
export async function loadTokenizer(
  inspection: ModelInspection,
  purpose: string,
): Promise<Result<TextTokenizer>> {
  const vocab = inspection.decoder?.vocab ?? null;
  const tokenizer =
    inspection.convention === 'edge-infinite'
      ? ok(byteLevelTokenizer)
      : await readTokenizerJson(inspection.path, purpose);
  if (!tokenizer.ok) return tokenizer;
  if (vocab !== null && tokenizer.value.idLimit > vocab) {
    return fail(
      'invalid-model',
      `The tokenizer of ${inspection.path} has ids up to ${tokenizer.value.idLimit - 1}, beyond the model's vocabulary of ${vocab}: it belongs to another model`,
    );
  }
  return tokenizer;
}

async function readTokenizerJson(
  modelPath: string,
  purpose: string,
): Promise<Result<TextTokenizer>> {
  const path = join(dirname(modelPath), 'tokenizer.json');
  const json = await readJson(path);
  if (json === undefined)
    return fail(
      'not-found',
      `No tokenizer.json next to ${modelPath}: ${purpose} needs the model's tokenizer; put its tokenizer.json beside the model`,
    );
  try {
    const config = (await readJson(join(dirname(modelPath), 'tokenizer_config.json'))) ?? {};
    const tokenizer = new Tokenizer(json as object, config as object);
    const ids = [...tokenizer.get_vocab(true).values()];
    return ok({
      kind: 'tokenizer.json',
      idLimit: Math.max(...ids) + 1,
      eos: null,
      encode: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids,
      decode: (ids) => tokenizer.decode([...ids]),
    });
  } catch (error) {
    return fail(
      'invalid-model',
      `${path} is not a tokenizer this studio can read: ${errorMessage(error)}`,
    );
  }
}

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : JSON.parse(text);
}
