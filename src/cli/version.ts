/** enlighten's release: `--version`, the SARIF tool driver, `package.json` (a test holds them equal). */
export const VERSION = '0.1.0';
