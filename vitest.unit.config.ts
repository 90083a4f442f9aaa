// `npm run test:unit`: the tests that need no external tool (no QEMU, libvirt or virt-xml) and run
// in under a minute: *.real.test.ts (real tools) and *.slow.test.ts (minutes of pure work, such as the
// linear-cost tests on 1 MB inputs) are left to `npm test`. Both cores are used.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

process.env['ENLIGHTEN_TESTS'] = 'unit';

export default mergeConfig(
  base,
  defineConfig({
    test: { exclude: ['**/node_modules/**', 'test/**/*.real.test.ts', 'test/**/*.slow.test.ts'], maxWorkers: 2 },
  }),
);
