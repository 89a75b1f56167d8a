// Runs once before the integration tests: a fresh template database holding every migration,
// which each test file then copies (see src/test-database.ts). Jest runs globalSetup outside its
// module system, so this is plain JavaScript and applies migrations with the project's own
// script, exactly as `npm start` does.
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');
const { Client } = require('pg');

const WORKSPACE = resolve(__dirname, '../..');
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// One template per checkout, so test runs in two worktrees never drop each other's template
// (src/test-env.ts derives the same name).
const TEMPLATE = `chainloom_test_template_${require('node:crypto').createHash('sha1').update(WORKSPACE).digest('hex').slice(0, 8)}`;

module.exports = async function globalSetup() {
  // Scratch space for tests (chain data, logs); git ignores it, so a fresh clone lacks it.
  require('node:fs').mkdirSync(resolve(WORKSPACE, 'tmp'), { recursive: true });
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = '/' + TEMPLATE;
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/prisma/migrate-deploy.ts'], {
    cwd: WORKSPACE,
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url.toString(), SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrating the test template failed:\n${result.stdout}\n${result.stderr}`);
};
