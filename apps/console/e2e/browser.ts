// Starts Debian's Chromium for the console's end-to-end tests, headless and off the network
// (no background updates, sync or component downloads). playwright-core gives each launch a fresh
// temporary profile (it refuses --user-data-dir on launch(); launchPersistentContext is the way to
// choose one), so no state leaks between runs.
import { chromium, type Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../..');
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

/**
 * The Chromium executable, installed by deploy/scripts/ensure-chromium.sh if missing (it uses
 * apt-get when run as root). Throws with the script's explanation otherwise: the e2e test must
 * fail, never pass, without a browser.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const script = join(WORKSPACE, 'deploy/scripts/ensure-chromium.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH } });
  if (run.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} and could not be installed:\n${run.stderr || run.stdout}`);
  }
  return CHROMIUM_PATH;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Builds the console with Vite into dist/apps/console (a few seconds). */
export function buildConsole(): string {
  const vite = join(WORKSPACE, 'node_modules/.bin/vite');
  const run = spawnSync(vite, ['build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    // Jest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  return join(WORKSPACE, 'dist/apps/console');
}
