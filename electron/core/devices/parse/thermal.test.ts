import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/read-fixture';
import { parseThermalService, type ThermalReading } from './thermal';

const hottest = (thermal: ThermalReading | null) =>
  thermal?.sensors.reduce((top, sensor) => (sensor.celsius > top.celsius ? sensor : top));

describe('dumpsys thermalservice on real captures (fixtures/SOURCES.md)', () => {
  it.each([
    // file, status, hottest temperature sensor of the live HAL section, how many temperatures
    [
      'thermalservice-pixel3a.txt',
      'none',
      { name: 'cpu1-silver-usr', type: 0, celsius: 34.100002 },
      13,
    ],
    [
      'thermalservice-pixel-maxfg.txt',
      'none',
      { name: 'cpu0-silver-usr', type: 0, celsius: 32.300003 },
      13,
    ],
    ['thermalservice-pixel6.txt', 'none', { name: 'LITTLE', type: 0, celsius: 27.000002 }, 10],
    ['thermalservice-snapdragon-npu.txt', 'none', { name: 'CPU1', type: 0, celsius: 36.2 }, 12],
    [
      'thermalservice-qualcomm-moderate.txt',
      'moderate',
      { name: 'CPU6', type: 0, celsius: 48.2 },
      11,
    ],
    ['thermalservice-samsung-aidl.txt', 'none', { name: 'AP', type: 0, celsius: 34.6 }, 6],
    ['thermalservice-galaxy-a52.txt', 'none', { name: 'PA', type: 5, celsius: 25.7 }, 9],
    ['thermalservice-s20.txt', 'none', { name: 'TYPE_SKIN', type: 4, celsius: 25.3 }, 4],
    [
      'thermalservice-emulator.txt',
      'none',
      { name: 'test temperature sensor', type: 3, celsius: 30.8 },
      1,
    ],
    ['thermalservice-shield.txt', 'none', { name: 'CPU0', type: 0, celsius: 37 }, 5],
  ] as const)('%s', (name, status, top, count) => {
    const thermal = parseThermalService(fixture(name));
    expect(thermal?.status).toBe(status);
    expect(hottest(thermal)).toEqual(top);
    expect(thermal?.sensors).toHaveLength(count);
  });

  it('keeps a Tensor phone battery-limit currents and voltages apart from its temperatures', () => {
    const thermal = parseThermalService(fixture('thermalservice-pixel6.txt'));
    expect(thermal?.sensors.every((sensor) => sensor.celsius < 100)).toBe(true);
    expect(thermal?.otherSensors).toContainEqual({
      name: 'ocp_gpu',
      type: 7,
      kind: 'current',
      value: 11900,
    });
    expect(thermal?.otherSensors).toContainEqual({
      name: 'vdroop1',
      type: 6,
      kind: 'voltage',
      value: 1050,
    });
    // mType=-1: the HAL leaves the unit open (USB2-MINUS-QI is a difference of two readings).
    expect(thermal?.otherSensors).toContainEqual({
      name: 'USB2-MINUS-QI',
      type: -1,
      kind: 'unknown',
      value: -0.82000005,
    });
  });

  it('keeps a Snapdragon battery voltage and charge out of the temperatures', () => {
    const thermal = parseThermalService(fixture('thermalservice-snapdragon-npu.txt'));
    expect(thermal?.sensors.map((sensor) => sensor.name)).not.toContain('vbat');
    expect(thermal?.otherSensors).toEqual([
      { name: 'socd', type: 8, kind: 'percent', value: 11 },
      { name: 'vbat', type: 6, kind: 'voltage', value: 4.384 },
    ]);
    expect(thermal?.sensors.find((sensor) => sensor.name === 'nsp1')).toEqual({
      name: 'nsp1',
      type: 9,
      celsius: 34.7,
    });
  });

  it('drops the HAL not-available values (NaN, -FLT_MAX) instead of reporting them as °C', () => {
    const text = [
      'Thermal Status: 1',
      'Current temperatures from HAL:',
      '\tTemperature{mValue=-3.4028235E38, mType=1, mName=GPU, mStatus=0}',
      '\tTemperature{mValue=NaN, mType=0, mName=CPU, mStatus=0}',
      '\tTemperature{mValue=31.1, mType=2, mName=BAT, mStatus=1}',
    ].join('\n');
    expect(parseThermalService(text)).toEqual({
      status: 'light',
      sensors: [{ name: 'BAT', type: 2, celsius: 31.1 }],
      otherSensors: [],
    });
  });
});
