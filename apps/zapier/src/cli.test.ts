import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const appRoot = new URL('..', import.meta.url).pathname;

// The CLI's offline check: it builds the app (`_zapier-build`), loads the built entry the way
// Zapier does (package.json `exports`), and validates the definition, with no account or network.
it('passes `zapier-platform validate --without-style`', { timeout: 60_000 }, async () => {
  const home = await mkdtemp(join(tmpdir(), 'zapier-cli-'));
  try {
    const { stdout } = await run(
      join(appRoot, 'node_modules/.bin/zapier-platform'),
      ['validate', '--without-style'],
      {
        cwd: appRoot,
        env: {
          ...process.env,
          DISABLE_ZAPIER_ANALYTICS: '1',
          NO_UPDATE_NOTIFIER: '1',
          ZAPIER_AUTH_LOCATION: join(home, 'zapierrc'),
        },
      },
    );
    expect(stdout).toContain('This project is structurally sound!');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
