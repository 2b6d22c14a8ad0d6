import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/read-fixture';
import { parseGetprop, productProperty } from './getprop';

/** How many properties a capture holds: one `[name]: [` at the start of a line each. */
const entries = (text: string) => text.match(/^\[[^\]\r\n]+\]: \[/gm)?.length ?? 0;

describe('getprop on real captures (fixtures/SOURCES.md)', () => {
  it.each([
    ['getprop-galaxy-s25plus.txt', 'SM-S936B', 'samsung', 'SM8750', '16'],
    ['getprop-poco-f6.txt', '24069PC21I', 'Xiaomi', 'SM8635', '15'],
    ['getprop-oneplus-nord-n10.txt', 'BE2028', 'OnePlus', undefined, '11'],
    ['getprop-infinix-x670.txt', 'Infinix X670', 'INFINIX', 'MT6781V/CDZAMB-H', '13'],
    ['getprop-huawei-g700.txt', 'G700-U20', 'Xiaomi', undefined, '4.4.2'],
    ['getprop-hammerhead.txt', undefined, undefined, undefined, undefined],
  ])('%s: every property, model %s', (name, model, manufacturer, soc, release) => {
    const text = fixture(name);
    const properties = parseGetprop(text);
    expect(Object.keys(properties)).toHaveLength(entries(text));
    expect(properties['ro.product.model']).toBe(model);
    expect(properties['ro.product.manufacturer']).toBe(manufacturer);
    expect(properties['ro.soc.model']).toBe(soc);
    expect(properties['ro.build.version.release']).toBe(release);
  });

  it('keeps a value that spans lines, and reads the property after it', () => {
    const properties = parseGetprop(fixture('getprop-poco-f6.txt'));
    expect(properties['persist.sys.boot.reason.history']).toBe(
      'reboot,,1745935181\nshutdown,userrequested,1745815614\nreboot,,1745768086\nreboot,,1745686927',
    );
    expect(properties['persist.sys.compact_heads_up_notification.always_show']).toBe('false');
  });

  it('reads CRLF captures (adb on Windows) without a stray \\r, inside values too', () => {
    const properties = parseGetprop(fixture('getprop-galaxy-s25plus.txt'));
    expect(properties['ro.build.version.release']).toBe('16');
    expect(properties['persist.sys.boot.reason.history']).toBe(
      'reboot,1784638255\nreboot,userrequested,1784637108\nreboot,lpm,1784545284',
    );
    expect(properties['persist.sys.csc_status']).toBe('normal');
  });

  it('leaves out a line after the last value that starts no property (a prompt)', () => {
    expect(parseGetprop('[ro.product.model]: [Moto Z]\ngriffin:/ $ \n')).toEqual({
      'ro.product.model': 'Moto Z',
    });
  });

  it('keeps empty values', () => {
    expect(parseGetprop(fixture('getprop-infinix-x670.txt'))['ro.product.system.model']).toBe('');
  });
});

describe('ro.product.* as Android resolves it (init property_initialize_ro_product_props)', () => {
  it('falls back through the partitions when ro.product.model is missing (a GSI on a Moto Z)', () => {
    const properties = parseGetprop(fixture('getprop-moto-z-gsi.txt'));
    expect(properties['ro.product.model']).toBeUndefined();
    // Default order product, odm, vendor, system_ext, system: the vendor's name wins over the GSI's.
    expect(productProperty(properties, 'model')).toBe('Moto Z');
  });

  it('follows ro.product.property_source_order, and ignores an invalid one', () => {
    const gsi = parseGetprop(fixture('getprop-moto-z-gsi.txt'));
    const ordered = { ...gsi, 'ro.product.property_source_order': 'system,vendor' };
    expect(productProperty(ordered, 'model')).toBe('Phh-Treble with GApps');
    const invalid = { ...gsi, 'ro.product.property_source_order': 'system,bogus' };
    expect(productProperty(invalid, 'model')).toBe('Moto Z');
  });

  it('skips empty partition values, and prefers ro.product.X when it is set', () => {
    const infinix = parseGetprop(fixture('getprop-infinix-x670.txt'));
    const withoutModel = Object.fromEntries(
      Object.entries(infinix).filter(([key]) => key !== 'ro.product.model'),
    );
    expect(productProperty(infinix, 'model')).toBe('Infinix X670');
    expect(productProperty(withoutModel, 'model')).toBe('Infinix X670');
    expect(productProperty({}, 'brand')).toBeNull();
  });

  it('reads brand, manufacturer, device and name the same way', () => {
    const oneplus = parseGetprop(fixture('getprop-oneplus-nord-n10.txt'));
    const partitionsOnly = Object.fromEntries(
      Object.entries(oneplus).filter(([key]) => !/^ro\.product\.[a-z]+$/.test(key)),
    );
    expect(productProperty(partitionsOnly, 'brand')).toBe('OnePlus');
    expect(productProperty(partitionsOnly, 'manufacturer')).toBe('OnePlus');
    expect(productProperty(partitionsOnly, 'device')).toBe('OnePlusN10TMO');
    expect(productProperty(partitionsOnly, 'name')).toBe('OnePlusN10TMO');
  });
});
