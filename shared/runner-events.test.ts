import { describe, expect, it } from 'vitest';
import { parseRunnerLine } from './runner-events';

describe('runner lines', () => {
  it('parses every event of the contract', () => {
    const lines = [
      '{"ev":"hello","runner":"edge-runner","version":"1","pid":42,"runtime":"onnxruntime","ort":"1.30.0","ep":"cpu","threads":2}',
      '{"ev":"load","ms":181.3}',
      '{"ev":"load","ms":181.3,"weights_bytes":42467328}',
      '{"ev":"held","rep":0,"warmup":true,"ms":2400.5}',
      '{"ev":"held","rep":3,"ms":20.1}',
      '{"ev":"chunk","rep":0,"warmup":true,"i":0,"tokens":16,"compute_ms":7.8,"state_ms":0.05}',
      '{"ev":"first_token","rep":1,"warmup":true,"ttft_ms":13.4}',
      '{"ev":"token","rep":1,"warmup":true,"i":0,"ms":1.3}',
      '{"ev":"chunk","rep":0,"i":0,"tokens":16,"compute_ms":7.8,"state_ms":0.05}',
      '{"ev":"first_token","rep":0,"ttft_ms":13.4}',
      '{"ev":"token","rep":0,"i":0,"ms":1.3}',
      '{"ev":"mem","t_ms":197,"rss_kb":64520,"hwm_kb":64520}',
      '{"ev":"output","rep":0,"tokens":[111,52],"logits_file":"out/logits-0.f32","rows":43,"vocab":260}',
      '{"ev":"done"}',
      '{"ev":"error","code":"graph-mismatch","message":"no input tokens"}',
      '{"ev":"ep-unavailable","ep":"qnn","fallback":"cpu"}',
    ];
    for (const line of lines) expect(parseRunnerLine(line), line).toMatchObject({ ok: true });
  });

  it('refuses what is not a contract event', () => {
    for (const line of [
      'Segmentation fault',
      '{"ev":"chunk","rep":0}',
      '{"ev":"error","code":"made-up","message":""}',
      '{"ev":"hello","runner":"x","version":"2","pid":1,"runtime":"r","ort":"1","ep":"cpu","threads":1}',
      '{"ev":"warp"}',
      '{"ev":"chunk","rep":0,"warmup":false,"i":0,"tokens":16,"compute_ms":7.8,"state_ms":0.05}',
      '{"ev":"load","ms":1,"weights_bytes":-1}',
      '{"ev":"load","ms":1,"weights_bytes":1.5}',
      '{"ev":"held","rep":0}',
    ])
      expect(parseRunnerLine(line), line).toMatchObject({
        ok: false,
        error: { code: 'invalid-frame' },
      });
  });
});
