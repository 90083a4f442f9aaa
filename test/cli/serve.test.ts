// `enlighten serve` refuses what would make it more than a loopback server of the page; the browser
// test (test/web/page.real.test.ts) runs it and loads the page from it.
import { describe, expect, it } from 'vitest';
import { runCapture } from '../support/run-cli.js';

describe('enlighten serve', () => {
  it.each([['0.0.0.0'], ['192.168.1.10'], ['::'], ['example.org']])(
    'refuses --host %s (loopback only)',
    async (host) => {
      const r = await runCapture(['serve', '--host', host]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--host ${host}: serve listens on the loopback interface only`);
      expect(r.stderr).toContain('publish dist/web on any static host instead');
    },
  );

  it.each([['99999'], ['-1'], ['http'], ['80.5']])('refuses --port %s', async (port) => {
    const r = await runCapture(['serve', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--port ${port}: expected a port number from 0 to 65535`);
  });
});
