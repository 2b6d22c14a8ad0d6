import { describe, expect, it } from 'vitest';
import { hashParam, routeForHash } from './routes';

describe('hash routes', () => {
  it('reads the page before a query and the query parameters after it', () => {
    expect(routeForHash('#/runs?run=r-1').id).toBe('runs');
    expect(routeForHash('#/profiles').id).toBe('profiles');
    expect(routeForHash('#/nowhere?run=x').id).toBe('devices');
    expect(hashParam('#/runs?run=r%2F1', 'run')).toBe('r/1');
    expect(hashParam('#/runs', 'run')).toBeNull();
  });
});
