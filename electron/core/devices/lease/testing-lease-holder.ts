// A second process for the lease test: takes the lease of one phone, says "held", and releases
// it on SIGTERM. Usage: tsx testing-lease-holder.ts ADB_PORT SERIAL OWNER
import { createAdbClient } from '../adbkit';
import { acquireLease } from './device-lease';

const [port, serial, owner] = process.argv.slice(2);
const device = createAdbClient({ host: '127.0.0.1', port: Number(port) }).getDevice(serial!);
const lease = await acquireLease(device, { owner: owner!, ttlMs: 3000 });
if (!lease.ok) {
  console.log(`refused ${lease.error.message}`);
  process.exit(1);
}
console.log('held');
process.once('SIGTERM', () => {
  void lease.value.release().then(() => process.exit(0));
});
setInterval(() => undefined, 1000);
