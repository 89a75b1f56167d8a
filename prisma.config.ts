import { defineConfig } from 'prisma/config';

// The Prisma CLI is used only for `prisma generate` here: migrations are created and applied by
// tools/prisma (the WebAssembly schema engine), because the native engine cannot be downloaded.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/chainloom' },
});
