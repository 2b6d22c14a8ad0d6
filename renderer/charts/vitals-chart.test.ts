import { describe, expect, it } from 'vitest';
import { sampleVitals } from '../../shared/testing/sample-devices';
import { vitalsPoints } from './vitals-chart';

describe('vitals points', () => {
  it('puts seconds since the first sample on x, the hottest sensor and the battery on y', () => {
    const samples = [sampleVitals('k', 2), sampleVitals('k', 4)];
    samples[1]!.sample.thermal!.sensors.push({ name: 'skin', type: 3, celsius: 60 });
    expect(vitalsPoints(samples)).toEqual([
      { seconds: 0, battery: 30.5, hottest: 41, level: 80 },
      { seconds: 2, battery: 31, hottest: 60, level: 80 },
    ]);
  });

  it('leaves gaps where a reading is missing', () => {
    const sample = sampleVitals('k', 0);
    sample.sample.thermal = null;
    sample.sample.battery = null;
    expect(vitalsPoints([sample])).toEqual([
      { seconds: 0, battery: null, hottest: null, level: null },
    ]);
  });
});
