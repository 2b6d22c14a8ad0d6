import { describe, expect, it } from 'vitest';
import { normalizeAnswer, scoreAnswer, tokenF1 } from './task-scores';

describe('task scores', () => {
  it('normalise like SQuAD', () => {
    expect(normalizeAnswer('The  Pass-key is: 48213!')).toBe('pass key is 48213');
  });

  it('give exact match and F1 of 1 for the same answer, 0 for a different one', () => {
    expect(scoreAnswer('48213', 'the 48213.')).toEqual({ exactMatch: 1, f1: 1, rougeL: 1 });
    expect(scoreAnswer('11111', '48213')).toMatchObject({ exactMatch: 0, f1: 0 });
  });

  it('give partial credit by token overlap and longest common subsequence', () => {
    expect(tokenF1('alpha beta gamma', 'alpha gamma delta')).toBeCloseTo(2 / 3, 9);
    const scores = scoreAnswer('alpha beta gamma', 'alpha gamma delta');
    expect(scores.rougeL).toBeGreaterThan(0.5);
    expect(scores.rougeL).toBeLessThan(1);
  });
});
