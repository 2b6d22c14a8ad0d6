import { EmulatedPhone } from '../electron/emulator/emulated-phone';
import { findPreset } from '../electron/emulator/phone-presets';
import { expect, test } from './fixtures';
import { DevicesPage } from './pages/devices-page';
import { useEmulatedHost } from './emulated-host';

const farm = useEmulatedHost(3);

test('the Devices page lists 3 emulated phones; one goes offline and comes back', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  await page.goto(`${farm.host.url}#/devices`);
  const devices = new DevicesPage(page);
  await expect(devices.rows).toHaveCount(3);
  await expect(devices.emulatedBadges).toHaveCount(3);
  const first = devices.row('SM-S928B');
  await expect(first).toHaveAttribute('data-state', 'device');
  await page.screenshot({ path: 'test-results/screenshots/devices-emulated.png', fullPage: true });
  farm.host.signal('SIGUSR1');
  await expect(first).toHaveAttribute('data-state', 'offline');
  farm.host.signal('SIGUSR1');
  await expect(first).toHaveAttribute('data-state', 'device', { timeout: 30_000 });
  await first.click();
  await expect(page.getByTestId('device-details')).toContainText('QNN (Qualcomm HTP)');
  await expect(devices.vitalsLatest).toContainText(/Thermal status \w+, battery \d+% at [\d.]+ °C/);
  await expect(devices.vitalsLatest).toContainText(/\((2|3|4|5|6|7|8|9)\d* samples\)/);
  await expect(devices.vitalsLines).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screenshots/devices-vitals.png', fullPage: true });
});

test('a phone saved as an adb connect endpoint joins the farm, and leaves once removed', async ({
  page,
  pageErrors,
}) => {
  void pageErrors;
  // Listening but attached to no adb server: only the endpoint brings it into the farm.
  const phone = new EmulatedPhone({ preset: findPreset('tensorg3')!, identity: 'endpoint' });
  await phone.start();
  try {
    await page.goto(`${farm.host.url}#/devices`);
    const devices = new DevicesPage(page);
    await expect(devices.rows).toHaveCount(3);
    const field = page.getByLabel('Add endpoint');
    await field.fill(phone.address);
    await field.press('Enter');
    const endpoint = page.getByTestId('farm-endpoint');
    await expect(endpoint).toHaveAttribute('data-status', 'connected');
    await expect(devices.rows).toHaveCount(4);
    await expect(devices.row(phone.preset.model)).toHaveAttribute('data-state', 'device');
    await page.screenshot({
      path: 'test-results/screenshots/devices-endpoint.png',
      fullPage: true,
    });
    await page.getByRole('button', { name: `Remove ${phone.address}` }).click();
    await expect(endpoint).toHaveCount(0);
    await expect(devices.rows).toHaveCount(3);
  } finally {
    await phone.stop();
  }
});
