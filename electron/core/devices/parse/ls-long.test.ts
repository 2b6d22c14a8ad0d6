import { describe, expect, it } from 'vitest';
import { parseLsLong } from './ls-long';

describe('parseLsLong', () => {
  it('reads the size of each regular file listed, by its name', () => {
    const text = [
      '-rw-rw-rw- 1 shell shell 1234567 2024-05-10 10:20 /data/local/tmp/edge-studio/cache/ab',
      '-rwxr-xr-x 1 shell shell       0 2024-05-10 10:21 /data/local/tmp/x',
      'drwxrwx--x 2 shell shell    3452 2024-05-10 10:21 /data/local/tmp/dir',
      'lrwxrwxrwx 1 root root 7 2024-05-10 10:21 /data/local/tmp/link -> /system',
      'ls: /data/local/tmp/gone: No such file or directory',
      '',
    ].join('\r\n');
    expect([...parseLsLong(text)]).toEqual([
      ['/data/local/tmp/edge-studio/cache/ab', 1234567],
      ['/data/local/tmp/x', 0],
    ]);
  });
});
