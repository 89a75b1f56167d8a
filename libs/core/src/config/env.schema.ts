import { z } from 'zod';

/** Which half of a service this process runs: the HTTP API, the queue workers, or both. */
export const ProcessRole = z.enum(['api', 'worker', 'all']);
export type ProcessRole = z.infer<typeof ProcessRole>;

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every environment variable Chainloom reads, in one place. Parsed once at start-up; nothing else
 * reads process.env. Defaults let the platform start on a laptop with nothing set.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1').describe('interface the HTTP server binds'),
  PORT: port.default(3000).describe('HTTP port (0 picks a free one)'),
  CHAINLOOM_ROLE: ProcessRole.default('all').describe('api, worker or all'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgresql://postgres@127.0.0.1:5432/chainloom')
    .describe('PostgreSQL connection URL, e.g. postgresql://user:pass@host:5432/chainloom'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_CREATE: bool.default(true).describe('create the database at start-up if it is missing'),
  DATABASE_MIGRATE: bool.default(true).describe('apply pending migrations at start-up (true/false)'),
  MIGRATIONS_DIR: z.string().min(1).default('./prisma/migrations'),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .default('redis://127.0.0.1:6379')
    .describe('Redis connection URL, e.g. redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:-]{1,64}$/)
    .default('chainloom')
    .describe('prefix of every Redis key (lets several installs or test runs share one Redis)'),
  DATA_DIR: z.string().min(1).default('./.data').describe('directory for local state (chain data, dev keys)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(25_000),
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(12),
  INVITATION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(72),
  PLATFORM_ADMIN_EMAIL: z.email().optional().describe('creates this platform admin at start-up if missing'),
  PLATFORM_ADMIN_PASSWORD: z.string().min(12).optional().describe('at least 12 characters'),
  MASTER_KEY: z
    .string()
    .optional()
    .describe('32-byte key (base64 or hex) that encrypts secrets at rest; required in production'),
  MASTER_KEYS_PREVIOUS: z
    .string()
    .optional()
    .describe('comma-separated older master keys, still accepted for decryption during a rotation'),
  NOTARY_NETWORK: z
    .enum(['auto', 'off'])
    .default('auto')
    .describe('auto: create the shared notary network on the local driver at start-up if there is none; off: do not'),
  EXTERNAL_RPC_ALLOW_PRIVATE: bool
    .default(false)
    .describe('let tenants register external networks on loopback/private addresses (only for a single-user laptop)'),
  NODE_HEALTH_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(2_000),
  RPC_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
  CERTIFICATES_SEAL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(3_600_000)
    .default(1_000)
    .describe("a tenant's pending certificates are sealed into a Merkle batch at most this long after they arrive"),
  CERTIFICATES_MAX_BATCH_LEAVES: z.coerce.number().int().min(1).max(100_000).default(10_000).describe('most certificates in one batch (one anchor transaction)'),
  CERTIFICATES_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024 * 1024 * 1024)
    .describe('largest file POST /v1/certificates/file hashes (streamed, never stored)'),
  PUBLIC_VERIFY_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(20)
    .describe('requests per second one client address may make to the unauthenticated POST /v1/public/verify'),
  CORS_ORIGINS: z
    .string()
    .optional()
    .describe('comma-separated origins allowed to call the API from a browser (the console is same-origin and needs none)'),
  CONSOLE_DIR: z.string().min(1).default('./dist/apps/console').describe('the built web console, served at / when present'),
  KUBERNETES_DRIVER: bool
    .default(false)
    .describe('true: run besu-qbft networks on Kubernetes (in-cluster service account, or the cluster in KUBECONFIG)'),
  KUBECONFIG: z
    .string()
    .optional()
    .describe('kubeconfig file for the kubernetes driver (its current context); unset: the in-cluster service account'),
  KUBERNETES_PLATFORM_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a namespace name')
    .default('chainloom')
    .describe("the platform's own namespace: the only one whose pods may call nodes' JSON-RPC"),
  KUBERNETES_BESU_IMAGE: z
    .string()
    .regex(/^[\w.\-/:@]+$/, 'an image reference')
    .optional()
    .describe('Besu image for nodes (default: the pinned hyperledger/besu version the driver is tested with)'),
  KUBERNETES_CLUSTER_DOMAIN: z.string().min(1).default('cluster.local').describe("the cluster's DNS domain"),
  KUBERNETES_STORAGE_CLASS: z.string().min(1).optional().describe("StorageClass of node volumes (default: the cluster's default)"),
  KUBERNETES_METRICS_NAMESPACES: z
    .string()
    .optional()
    .describe('comma-separated namespaces allowed to scrape node metrics, e.g. monitoring'),
  KUBERNETES_NODE_RPC_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'an http(s) URL template')
    .refine((t) => /\{(nodeId|service)\}/.test(t), 'must contain {nodeId} or {service}, so each node has its own URL')
    .optional()
    .describe("unset: nodes' in-cluster Service DNS names (the platform runs in the cluster); else a URL template with {namespace}, {service}, {networkId}, {nodeId} for installs that route to nodes their own way"),
  KUBERNETES_POLL_INTERVAL_MS: z.coerce.number().int().min(5).max(60_000).default(2_000).describe('how often the driver polls pods and nodes while it waits'),
  KUBERNETES_START_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(300_000).describe('how long a node may take to be ready (image pull, JVM start)'),
  TRUST_PROXY: z
    .string()
    .regex(/^[\w.:/, -]+$/)
    .optional()
    .describe('proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (e.g. the ingress subnet); unset: none'),
  PUBLIC_URL: z.url().optional().describe('URL clients use to reach the API (defaults to http://HOST:PORT)'),
});

export type AppConfig = z.infer<typeof EnvSchema>;

/** Rules that involve more than one variable. */
const crossChecks = (config: AppConfig) => {
  const issues: { variable: string; problem: string; hint?: string }[] = [];
  if (config.NODE_ENV === 'production' && !config.MASTER_KEY) {
    issues.push({
      variable: 'MASTER_KEY',
      problem: 'required when NODE_ENV=production (secrets would otherwise be encrypted under a generated key)',
      hint: '32 random bytes, e.g. `openssl rand -base64 32`',
    });
  }
  return issues;
};

/** Thrown when the environment is wrong; its message names every bad variable and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; problem: string; hint?: string }[]) {
    super(
      'Invalid configuration:\n' +
        issues
          .map((i) => `  - ${i.variable}: ${i.problem}${i.hint ? ` (expected: ${i.hint})` : ''}`)
          .join('\n') +
        '\nSet or fix these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, as shells and .env files often produce them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) {
    const issues = crossChecks(result.data);
    if (issues.length) throw new ConfigError(issues);
    return result.data;
  }
  const shape = EnvSchema.shape as Record<string, z.ZodType>;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      return { variable, problem: issue.message, hint: shape[variable]?.description };
    }),
  );
}
