import { describe, expect, it } from 'vitest';
import {
  encodeDent,
  encodeFail,
  encodeStat,
  parseSendTarget,
  SyncRequestParser,
} from './sync-protocol';

function request(id: string, payload: Buffer | number): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(typeof payload === 'number' ? payload : payload.length, 4);
  return typeof payload === 'number' ? header : Buffer.concat([header, payload]);
}

describe('sync protocol', () => {
  it('parses SEND, DATA, DONE(mtime) and QUIT across chunk boundaries', () => {
    const bytes = Buffer.concat([
      request('SEND', Buffer.from('/data/local/tmp/a,33188')),
      request('DATA', Buffer.from('hello')),
      request('DONE', 1_700_000_000),
      request('QUIT', 0),
    ]);
    const parser = new SyncRequestParser();
    const requests = [...parser.push(bytes.subarray(0, 13)), ...parser.push(bytes.subarray(13))];
    expect(requests.map((r) => r.id)).toEqual(['SEND', 'DATA', 'DONE', 'QUIT']);
    expect(requests[1]!.payload.toString()).toBe('hello');
    expect(requests[2]!.value).toBe(1_700_000_000);
  });

  it('rejects unknown ids and DATA over 64 KiB', () => {
    const parser = new SyncRequestParser();
    parser.push(request('DATA', 70_000));
    expect(parser.error).toMatch(/too long/);
    const other = new SyncRequestParser();
    other.push(request('NOPE', 0));
    expect(other.error).toMatch(/unknown/);
  });

  it('splits SEND targets at the last comma', () => {
    expect(parseSendTarget('/data/local/tmp/a,b,33261')).toEqual({
      path: '/data/local/tmp/a,b',
      mode: 33261,
    });
    expect(parseSendTarget('/x')).toEqual({ path: '/x', mode: 0o100644 });
  });

  it('encodes STAT, DENT and FAIL', () => {
    expect(encodeStat(null)).toEqual(Buffer.concat([Buffer.from('STAT'), Buffer.alloc(12)]));
    const dent = encodeDent('ab', { mode: 1, size: 2, mtime: 3 });
    expect(dent.length).toBe(22);
    expect(dent.readUInt32LE(16)).toBe(2);
    expect(encodeFail('no').toString('latin1')).toBe('FAIL\u0002\u0000\u0000\u0000no');
  });
});
