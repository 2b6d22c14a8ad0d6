import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannelNames, invokeChannels } from '../../shared/contract';
import { onWire, payloads } from '../core/testing-arbitraries';
import { tempCore } from '../core/testing';
import { BridgeTestClient, started } from './bridge-test-client';
import { startWebHost, type WebHost } from './web-host';

describe('web bridge under random payloads', () => {
  const core = tempCore();
  let host: WebHost;
  let client: BridgeTestClient;
  let id = 0;

  beforeAll(async () => {
    const rendererDir = join(core.dataDir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    host = started(await startWebHost({ host: '127.0.0.1', port: 0, rendererDir }, core));
    client = await BridgeTestClient.connect(host.port, host.token);
  });
  afterAll(async () => {
    client.close();
    await host.close();
    core.dispose();
  });

  it.each(invokeChannelNames)(
    'rejects every invalid payload to %s with an error value',
    async (channel) => {
      const schema = invokeChannels[channel].args;
      await fc.assert(
        fc.asyncProperty(payloads, async (args) => {
          fc.pre(!schema.safeParse(onWire(args)).success);
          const frame = await client.invoke(++id, channel, args);
          // Refused either as a bad frame (e.g. args missing on the wire) or as an error value.
          if (frame.type === 'error') return frame.error.code === 'invalid-frame';
          return frame.type === 'result' && (frame.result as { ok: boolean }).ok === false;
        }),
        { numRuns: 60 },
      );
      expect(client.isOpen).toBe(true);
    },
  );

  it('answers random frames with error frames and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          fc.pre(!text.includes('"invoke"'));
          client.send(text);
          const frame = await client.waitFor((f) => f.type === 'error');
          return frame.type === 'error' && frame.error.code === 'invalid-frame';
        },
      ),
      { numRuns: 100 },
    );
    const frame = await client.invoke(++id, 'settings:get', { key: 'ui.theme' });
    expect(frame).toMatchObject({ type: 'result', result: { ok: true } });
  });
});
