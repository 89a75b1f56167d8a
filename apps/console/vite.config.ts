// Vite config of the web console. Dev: `npx nx serve console` (or `vite --config
// apps/console/vite.config.ts`) proxies the API paths to CHAINLOOM_API_URL (default
// http://127.0.0.1:3000), so the session cookie stays same-origin. Build: dist/apps/console.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = __dirname;
const workspace = resolve(root, '../..');
const api = process.env['CHAINLOOM_API_URL'] ?? 'http://127.0.0.1:3000';
const proxied = ['/v1', '/rpc', '/health', '/docs', '/metrics'];

/**
 * Writes .br and .gz beside each text asset, so the platform serves them precompressed (see
 * serve/console-static.module.ts) without compressing on every request.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  return {
    name: 'chainloom-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

const outDir = resolve(workspace, 'dist/apps/console');

export default defineConfig({
  root,
  plugins: [react({}), precompress(outDir)],
  resolve: {
    // Until tsconfig.base.json maps @chainloom/sdk (see docs/console.md).
    alias: { '@chainloom/sdk': resolve(workspace, 'libs/sdk/src/index.ts') },
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])),
  },
  preview: { port: 4300 },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
});
