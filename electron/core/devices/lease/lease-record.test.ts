import { describe, expect, it } from 'vitest';
import { leaseVerdict, parseLeaseRecord } from './lease-record';

describe('lease records', () => {
  it('parses a holder file and refuses anything else', () => {
    expect(parseLeaseRecord('{"owner":"ci","token":"t","expiresAt":5}')).toEqual({
      owner: 'ci',
      token: 't',
      expiresAt: 5,
    });
    expect(parseLeaseRecord('{"owner":"ci"')).toBeNull();
    expect(parseLeaseRecord('')).toBeNull();
  });

  it('breaks only an expired lease', () => {
    const record = { owner: 'a', token: 't', expiresAt: 100 };
    expect(leaseVerdict(record, 99)).toBe('held');
    expect(leaseVerdict(record, 101)).toBe('free-to-break');
    expect(leaseVerdict(null, 0)).toBe('being-taken');
  });
});
