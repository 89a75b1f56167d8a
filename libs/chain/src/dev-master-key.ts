import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMasterKey, type MasterKey } from './secret-box';

export interface DevMasterKey {
  readonly key: MasterKey;
  readonly path: string;
  /** True when this call generated the key: the caller should log a warning saying where. */
  readonly created: boolean;
}

/**
 * For a laptop or a test run without a configured master key: reads `<dataDir>/master.key`, or
 * creates it (mode 0600). Whoever can read the data directory can decrypt every secret, which is
 * why the caller must refuse this in production and only warn elsewhere.
 */
export async function loadOrCreateDevMasterKey(dataDir: string): Promise<DevMasterKey> {
  const path = join(dataDir, 'master.key');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' creates exclusively: of two processes starting together, one creates, one reads.
    await writeFile(path, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    return { key: parseMasterKey(await readFile(path, 'utf8'), path), path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'EEXIST') throw error;
  }
  // Written by another process moments ago, it may still be empty: wait briefly for its content.
  for (let attempt = 0; ; attempt++) {
    const text = await readFile(path, 'utf8');
    if (text.trim() !== '' || attempt >= 20) return { key: parseMasterKey(text, path), path, created: false };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
