// Boots the all-in-one platform (every domain apps/platform runs) for a suite: in this process
// (fuzzing, isolation) or as a child process running apps/platform/src/main.ts (secrets, chaos),
// and makes sure no anvil node it started outlives the suite.
import { CertificatesModule, type CertificatesOptions } from '@chainloom/certificates';
import { dropDatabase, withDatabase } from '@chainloom/db';
import { ProvisioningModule } from '@chainloom/provisioning';
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule, type Mailer } from '@chainloom/tenancy';
import type { Type } from '@nestjs/common';
import {
  TEMPLATE_DATABASE,
  TEST_POSTGRES_URL,
  TestClient,
  createTestDatabase,
  testConfig,
} from '@chainloom/testing';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const WORKSPACE = resolve(__dirname, '../..');
export const PASSWORD = 'correct horse battery staple';
export const ADMIN_PASSWORD = 'admin password that is long';

export interface PlatformOptions {
  name?: string;
  config?: Record<string, string>;
  certificates?: Partial<CertificatesOptions>;
  logger?: Logger;
  /** Replaces the log mailer (e.g. with CapturingMailer, to follow invitation links). */
  mailer?: Type<Mailer>;
}

export interface TestPlatform {
  service: RunningService;
  url: string;
  api: TestClient;
  databaseUrl: string;
  pg: Client;
  dataDir: string;
  adminEmail: string;
  stop(): Promise<void>;
}

/** A directory under tmp/ of the workspace (never /tmp: anvil state and keys stay findable). */
export function workDir(prefix: string): string {
  const dir = resolve(WORKSPACE, 'tmp', `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A database of the suite's own: a copy of the migrated test template when Jest's global setup
 * made one, otherwise (scripts) an empty one the platform migrates at start-up.
 */
export async function suiteDatabase(): Promise<{ url: string; migrate: boolean; drop: () => Promise<void> }> {
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
  await admin.end();
  if (rowCount) return { ...(await createTestDatabase()), migrate: false };
  const url = withDatabase(TEST_POSTGRES_URL, `chainloom_s_${randomBytes(6).toString('hex')}`);
  return { url, migrate: true, drop: () => dropDatabase(url) };
}

/** The platform in this process, on its own database, Redis prefix and data directory. */
export async function startPlatform(options: PlatformOptions = {}): Promise<TestPlatform> {
  const db = await suiteDatabase();
  const dataDir = workDir('suite-data');
  const adminEmail = `admin-${randomBytes(4).toString('hex')}@example.test`;
  let service: RunningService;
  try {
    service = await startService(
      {
        name: options.name ?? 'platform-suite',
        domains: [
          options.mailer ? TenancyModule.withMailer(options.mailer) : TenancyModule,
          ProvisioningModule,
          options.certificates ? CertificatesModule.forRoot(options.certificates) : CertificatesModule,
        ],
      },
      testConfig(db.url, {
        DATA_DIR: dataDir,
        DATABASE_CREATE: String(db.migrate),
        DATABASE_MIGRATE: String(db.migrate),
        PLATFORM_ADMIN_EMAIL: adminEmail,
        PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
        NOTARY_NETWORK: 'off',
        ...options.config,
      }),
      options.logger,
    );
  } catch (error) {
    await db.drop().catch(() => undefined);
    throw error;
  }
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  let stopped: Promise<void> | undefined;
  return {
    service,
    url: service.url,
    api: new TestClient(service.url),
    databaseUrl: db.url,
    pg,
    dataDir,
    adminEmail,
    stop() {
      stopped ??= (async () => {
        await pg.end().catch(() => undefined);
        await service.stop();
        killNodeProcesses(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
        await db.drop();
      })();
      return stopped;
    },
  };
}

/**
 * Pids of the anvil processes whose command line names `dataDir` (their --state path lives
 * there), read from /proc. The local driver starts nodes detached so that they survive a
 * platform restart; a suite must stop them itself.
 */
export function nodeProcesses(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const args = cmdline.split('\0');
    if (args[0]?.endsWith('anvil') && args.some((a) => a.startsWith(dataDir + '/'))) pids.push(Number(entry));
  }
  return pids;
}

/** SIGKILLs, by pid, every anvil node under `dataDir`; returns how many there were. */
export function killNodeProcesses(dataDir: string): number {
  const pids = nodeProcesses(dataDir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}
