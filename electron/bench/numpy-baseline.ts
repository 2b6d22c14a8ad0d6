import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

/**
 * numpy_quantize.py kept running (`serve`), so one pass of numpy can be timed right after one of
 * the studio's: both sides of a pair see the same machine. Needs Debian's python3-numpy, which
 * `npm run bench` installs; `start` says why when it cannot be had.
 */
export class NumpyBaseline {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: Interface,
  ) {}

  static async start(k: number, n: number, count: number): Promise<NumpyBaseline> {
    const script = join(import.meta.dirname, 'numpy_quantize.py');
    const child = spawn('/usr/bin/python3', [script, `${k}`, `${n}`, `${count}`, 'serve']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout });
    const baseline = new NumpyBaseline(child, lines);
    const ready = await baseline.next().catch((error: unknown) => error);
    if (ready !== 'ready') {
      const reason =
        stderr.trim().split('\n').at(-1) || (ready instanceof Error ? ready.message : `${ready}`);
      throw new Error(`${reason} (Debian: apt-get install -y python3-numpy)`);
    }
    return baseline;
  }

  /** MB/s of one numpy pass of `kernel` over the matrices. */
  async sample(kernel: string): Promise<number> {
    this.child.stdin.write(`${kernel}\n`);
    return Number(await this.next());
  }

  close(): void {
    this.lines.close();
    this.child.stdin.end();
    this.child.kill();
  }

  private next(): Promise<string> {
    return new Promise((resolve, reject) => {
      const onLine = (line: string) => {
        cleanup();
        resolve(line);
      };
      const onEnd = () => {
        cleanup();
        reject(new Error('numpy_quantize.py exited'));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        this.lines.off('line', onLine);
        this.lines.off('close', onEnd);
        this.child.off('error', onError);
      };
      this.lines.once('line', onLine);
      this.lines.once('close', onEnd);
      this.child.once('error', onError);
    });
  }
}
