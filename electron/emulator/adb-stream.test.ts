import { describe, expect, it } from 'vitest';
import { AdbStream, type StreamLink } from './adb-stream';
import { choosePresets } from './phone-farm';

function recordingLink(maxData: number) {
  const sent: { kind: 'WRTE' | 'CLSE'; data?: Buffer }[] = [];
  const link: StreamLink = {
    maxData,
    sendWrite: (_local, _remote, data) => void sent.push({ kind: 'WRTE', data }),
    sendClose: () => void sent.push({ kind: 'CLSE' }),
  };
  return { link, sent };
}

describe('AdbStream flow control', () => {
  it('keeps one WRTE in flight until the host OKAYs it', async () => {
    const { link, sent } = recordingLink(4);
    const stream = new AdbStream(1, 9, link);
    await stream.write('abcdef');
    await stream.write('gh');
    expect(sent.map((packet) => packet.data?.toString())).toEqual(['abcd']);
    stream.acknowledged();
    expect(sent.map((packet) => packet.data?.toString())).toEqual(['abcd', 'efgh']);
    stream.end();
    expect(sent).toHaveLength(2);
    stream.acknowledged();
    expect(sent.at(-1)).toEqual({ kind: 'CLSE' });
    expect(stream.closed).toBe(true);
  });

  it('holds writers above the high-water mark until acknowledgements drain it', async () => {
    const { link } = recordingLink(1024 * 1024);
    const stream = new AdbStream(1, 9, link);
    let released = false;
    const pending = stream.write(Buffer.alloc(6 * 1024 * 1024)).then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    for (let i = 0; i < 3; i++) stream.acknowledged();
    await pending;
    expect(released).toBe(true);
  });

  it('releases writers and runs close handlers when the peer closes', async () => {
    const { link } = recordingLink(16);
    const stream = new AdbStream(1, 9, link);
    let closed = 0;
    stream.onClose(() => closed++);
    const pending = stream.write(Buffer.alloc(8 * 1024 * 1024));
    stream.closedByPeer();
    await pending;
    expect(closed).toBe(1);
  });
});

describe('choosePresets', () => {
  it('cycles the named presets, or all of them', () => {
    const named = choosePresets(3, ['tensorg3', 'midrange']);
    expect(named.ok && named.value.map((preset) => preset.name)).toEqual([
      'tensorg3',
      'midrange',
      'tensorg3',
    ]);
    const all = choosePresets(6, []);
    expect(all.ok && all.value.map((preset) => preset.name)).toEqual([
      'sd8gen3',
      'sd8elite',
      'dimensity9300',
      'tensorg3',
      'midrange',
      'sd8gen3',
    ]);
    expect(choosePresets(1, ['pixel9000']).ok).toBe(false);
  });
});
