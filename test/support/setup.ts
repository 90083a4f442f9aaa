// Loaded before every test file (vitest.config.ts setupFiles): one seed for every property test.
import fc from 'fast-check';
import { SEED } from './seed.js';

fc.configureGlobal({ seed: SEED });
