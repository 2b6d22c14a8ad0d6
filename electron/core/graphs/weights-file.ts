import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { externalDataOf, onnx, type Onnx } from './onnx-proto';

/** The external-data file that both graphs of an artifact point at. */
export const weightsFileName = 'weights.data';

/** Tensors with fewer bytes stay inline in each graph (onnx.save's default threshold too). */
export const inlineBelow = 1024;

/** Every tensor starts on a 64-byte boundary: aligned for any element type and SIMD load. */
const alignment = 64;

/** Bytes copied per read from a source data file: a large tensor is never held whole. */
const copyChunk = 8 * 2 ** 20;

/**
 * An artifact's shared external-data file, written incrementally: each stored tensor is appended
 * once (quantised ones straight from the quantiser, float ones copied by range from the model's
 * own data file) and comes back as a tensor proto that points at it, with no data in memory.
 */
export class WeightsFile {
  readonly #file: FileHandle;
  readonly #sources = new Map<string, Promise<FileHandle>>();
  /** Tensors that already point here: storing one again is a no-op. */
  readonly #stored = new WeakSet<Onnx.ITensorProto>();
  #end = 0;
  #used = false;

  private constructor(
    readonly dir: string,
    file: FileHandle,
  ) {
    this.#file = file;
  }

  static async create(dir: string): Promise<WeightsFile> {
    return new WeightsFile(dir, await open(join(dir, weightsFileName), 'w'));
  }

  /** Bytes written so far, padding included. */
  get size(): number {
    return this.#end;
  }

  /** Whether any tensor points here (a graph of only small tensors needs no file). */
  get used(): boolean {
    return this.#used;
  }

  /**
   * `tensor` with its data here when large, inline when small, wherever it is now (raw data, or
   * an external file relative to `modelDir`). Tensors that keep their data in typed fields
   * (float_data, int64_data: small constants in practice) are returned as they are.
   */
  async store(tensor: Onnx.ITensorProto, modelDir: string): Promise<Onnx.ITensorProto> {
    if (this.#stored.has(tensor)) return tensor;
    const external = externalDataOf(tensor);
    if (external) {
      const source = join(modelDir, external.location);
      if (external.length < inlineBelow) {
        const bytes = new Uint8Array(external.length);
        await this.#read(source, external.offset, bytes);
        return withData(tensor, { rawData: bytes });
      }
      const offset = this.#reserve(external.length);
      await this.#copy(source, external.offset, external.length, offset);
      return this.#pointer(tensor, offset, external.length);
    }
    const raw = tensor.rawData;
    if (!raw || raw.length < inlineBelow) return tensor;
    const offset = this.#reserve(raw.length);
    await this.#write(raw, offset);
    return this.#pointer(tensor, offset, raw.length);
  }

  /** Closes the file and every source opened; a source that never opened is no error here. */
  async close(): Promise<void> {
    const sources = [...this.#sources.values()];
    this.#sources.clear();
    await Promise.allSettled(sources.map(async (source) => (await source).close()));
    await this.#file.close();
  }

  #reserve(length: number): number {
    const offset = Math.ceil(this.#end / alignment) * alignment;
    this.#end = offset + length;
    this.#used = true;
    return offset;
  }

  #pointer(tensor: Onnx.ITensorProto, offset: number, length: number): Onnx.ITensorProto {
    const pointer = withData(tensor, {
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: weightsFileName },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ],
    });
    this.#stored.add(pointer);
    return pointer;
  }

  async #copy(source: string, from: number, length: number, to: number): Promise<void> {
    const chunk = new Uint8Array(Math.min(length, copyChunk));
    for (let done = 0; done < length; done += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, length - done));
      await this.#read(source, from + done, part);
      await this.#write(part, to + done);
    }
  }

  async #read(path: string, position: number, into: Uint8Array): Promise<void> {
    let handle = this.#sources.get(path);
    if (!handle) this.#sources.set(path, (handle = open(path, 'r')));
    const file = await handle;
    for (let done = 0; done < into.length;) {
      const { bytesRead } = await file.read(into, done, into.length - done, position + done);
      if (bytesRead === 0) throw new Error(`${path} ends before byte ${position + into.length}`);
      done += bytesRead;
    }
  }

  async #write(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.#file.write(
        bytes,
        done,
        bytes.length - done,
        position + done,
      );
      done += bytesWritten;
    }
  }
}

/** A new tensor proto with the same name, type and dims as `tensor` and the given data fields. */
function withData(
  tensor: Onnx.ITensorProto,
  data: Pick<Onnx.ITensorProto, 'rawData' | 'dataLocation' | 'externalData'>,
): Onnx.ITensorProto {
  return onnx.TensorProto.create({
    name: tensor.name,
    dataType: tensor.dataType,
    dims: tensor.dims,
    docString: tensor.docString,
    ...data,
  });
}
