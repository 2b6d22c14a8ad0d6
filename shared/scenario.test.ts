import { describe, expect, it } from 'vitest';
import { attendedTokens, scenarioLabel, scenarioSchema } from './scenario';

describe('scenarioSchema', () => {
  it('accepts a valid scenario', () => {
    const scenario = scenarioSchema.parse({ chunk: 128, sink: 4, window: 512, memory: 'on' });
    expect(scenarioLabel(scenario)).toBe('c128-s4-w512-mem');
    expect(attendedTokens(scenario)).toBe(644);
  });

  it.each([
    [{ chunk: 0, sink: 4, window: 512, memory: 'on' }, 'chunk'],
    [{ chunk: 64, sink: -1, window: 512, memory: 'on' }, 'sink'],
    [{ chunk: 64, sink: 4, window: 32, memory: 'off' }, 'window'],
    [{ chunk: 1.5, sink: 4, window: 32, memory: 'off' }, 'chunk'],
    [{ chunk: 64, sink: 4, window: 512, memory: 'maybe' }, 'memory'],
  ])('rejects %j naming the field %s', (input, field) => {
    const parsed = scenarioSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('rejects unknown fields', () => {
    const parsed = scenarioSchema.safeParse({
      chunk: 1,
      sink: 0,
      window: 1,
      memory: 'off',
      extra: 1,
    });
    expect(parsed.success).toBe(false);
  });
});
