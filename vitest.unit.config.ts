// `npm run test:unit`: every test that needs no external tool (no QEMU, libvirt or virt-xml).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

process.env['ENLIGHTEN_TESTS'] = 'unit';

export default mergeConfig(
  base,
  defineConfig({
    test: { exclude: ['**/node_modules/**', 'test/**/*.real.test.ts'] },
  }),
);
