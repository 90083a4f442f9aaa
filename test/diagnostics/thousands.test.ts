import fc from 'fast-check';
import { expect, it } from 'vitest';
import { withThousands } from '../../src/diagnostics/group.js';

it("groups digits as toLocaleString('en-US') does", () => {
  fc.assert(
    fc.property(fc.nat(), (n) => {
      expect(withThousands(n)).toBe(n.toLocaleString('en-US'));
    }),
  );
  expect(withThousands(1234567)).toBe('1,234,567');
});
