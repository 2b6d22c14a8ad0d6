import { describe, expect, it } from 'vitest';
import { infeasibleReason, ramBudgetBytes } from './feasibility';
import { matchesSelector, retryPhones, selectPhones } from './phone-selection';
import { testPhone } from './testing-sweep';

const farm = [
  testPhone('h1/b', { model: 'Pixel 8', soc: 'Tensor G3', abi: 'arm64-v8a', emulated: false }),
  testPhone('h1/a', { model: 'Galaxy S24', soc: 'SM8650', abi: 'arm64-v8a', serialno: 'R5CT' }),
  testPhone('h2/c', { model: 'Emu', soc: 'x86', abi: 'x86_64', host: '10.0.0.2:5037' }),
];

describe('selectPhones', () => {
  it('takes every phone for an empty selector, in key order', () => {
    expect(selectPhones(farm, {}).map((p) => p.key)).toEqual(['h1/a', 'h1/b', 'h2/c']);
  });

  it('matches model and SoC by substring, ABI by name, host, emulated, serial', () => {
    const keys = (selector: Parameters<typeof selectPhones>[1]) =>
      selectPhones(farm, selector).map((p) => p.key);
    expect(keys({ model: ['pixel'] })).toEqual(['h1/b']);
    expect(keys({ soc: ['SM86', 'x86'] })).toEqual(['h1/a', 'h2/c']);
    expect(keys({ abi: ['arm64'] })).toEqual([]);
    expect(keys({ abi: ['x86_64'] })).toEqual(['h2/c']);
    expect(keys({ host: ['10.0.0.2:5037'] })).toEqual(['h2/c']);
    expect(keys({ emulated: false })).toEqual(['h1/b']);
    expect(keys({ serial: ['R5CT', 'h2/c'] })).toEqual(['h1/a', 'h2/c']);
    // Every field given must match.
    expect(keys({ abi: ['arm64-v8a'], emulated: true })).toEqual(['h1/a']);
  });

  it('does not match a field the phone does not report', () => {
    expect(matchesSelector(testPhone('x', { soc: null }), { soc: ['SM'] })).toBe(false);
  });
});

describe('retryPhones', () => {
  it('offers the other fitting phones, the same model and SoC first', () => {
    const lost = testPhone('p1');
    const phones = [testPhone('p0', { model: 'Other' }), lost, testPhone('p2'), testPhone('p3')];
    const picked = retryPhones(lost, phones, (phone) => phone.key !== 'p3');
    expect(picked.map((phone) => phone.key)).toEqual(['p2', 'p0']);
  });
});

describe('feasibility', () => {
  const phone = { ramKb: 4 * 2 ** 20 };
  it('uses half the phone RAM as its budget', () => {
    expect(ramBudgetBytes(phone)).toBe(2 * 2 ** 30);
    expect(ramBudgetBytes({ ramKb: null })).toBeNull();
  });

  it('rules out weights + state over the budget, with the numbers', () => {
    const fits = { weightsBytes: 2 ** 30, stateBytes: 2 ** 29 };
    expect(infeasibleReason(fits, phone)).toBeNull();
    const over = { weightsBytes: 2 ** 31, stateBytes: 2 ** 20 };
    expect(infeasibleReason(over, phone)).toBe(
      "weights 2048.0 MiB + state 1.0 MiB = 2049.0 MiB over the phone's RAM budget 2048.0 MiB (50% of 4096.0 MiB)",
    );
    expect(infeasibleReason(over, { ramKb: null })).toBeNull();
  });
});
