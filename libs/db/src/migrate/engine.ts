// Loads Prisma's schema engine compiled to WebAssembly and connects it to PostgreSQL through the
// `@prisma/adapter-pg` driver adapter. The native schema-engine binary cannot be downloaded here,
// so everything migration-related goes through this file.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';

type WasmGlue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// `lib: es2023` has no WebAssembly typings (they come with lib.dom): declare the calls used here.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(
    module: object,
    imports: Record<string, unknown>,
  ): Promise<{ exports: Record<string, unknown> }>;
};

/** No tables/enums are managed outside Prisma (prisma.config.ts has no `tables.external`). */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let engineClass: Promise<typeof SchemaEngine> | undefined;

/**
 * Instantiates the wasm module once per process: wasm-bindgen keeps its instance in module state,
 * and starting it twice breaks it. We read the .wasm shipped in `@prisma/schema-engine-wasm`
 * itself (the loader in `@prisma/internals` looks in its own build folder) so glue and binary
 * always come from the same package version.
 */
function loadEngineClass(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    // The glue is an ES module without top-level await, which Node >= 22 can require().
    const glue = require(gluePath) as WasmGlue;
    const wasmModule = await WebAssembly.compile(
      await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm')),
    );
    // The engine races database calls against timers it never clears (e.g. a 10 s advisory-lock
    // timeout), which would keep the process alive 10 s after a deploy. Unref'd, they still fire
    // if the engine is really waiting (its pending query keeps the process alive meanwhile).
    const helpers: Record<string, unknown> = { ...glue };
    for (const name of Object.keys(helpers).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      helpers[name] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
    }
    // The module imports its JS helpers under the name wasm-bindgen gave the glue file.
    const instance = await WebAssembly.instantiate(wasmModule, { './schema_engine_bg.js': helpers });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

const PG_CHAR_OID = 18; // PostgreSQL's one-byte "char" type (pg_class.relkind, pg_constraint.contype...)
const PG_TEXT_OID = 25;

/**
 * adapter-pg has no column type for "char", so every catalog query the engine makes to describe a
 * live database (introspection, diff from a database) fails with "Column type 'char' could not be
 * deserialized". Relabelling those columns as text in the wire protocol's row description, before
 * pg picks a parser, fixes it without touching any query: the text form of a "char" is its value.
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener('rowDescription', (msg: { fields: Array<{ dataTypeID: number }> }) => {
      for (const field of msg.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    });
  }
}

/**
 * The engine queries the server version when it starts, even for commands that never touch a
 * database (diffs between two datamodels). This adapter answers that single query and refuses
 * everything else, so datamodel diffs are pure functions of their inputs and need no server.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string): never => {
    throw new Error(`offline schema engine: "${what}" needs a database connection`);
  };
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'chainloom-offline',
    queryRaw: async (query: SqlQuery): Promise<SqlResultSet> => {
      if (!query.sql.includes('server_version_num')) return refuse(query.sql);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, 'PostgreSQL 15', 150000]],
      };
    },
    executeRaw: async (query: SqlQuery) => refuse(query.sql),
    executeScript: async () => refuse('executeScript'),
    startTransaction: async () => refuse('startTransaction'),
    dispose: async () => undefined,
  };
  return {
    provider: 'postgres',
    adapterName: 'chainloom-offline',
    connect: async () => adapter,
    connectToShadowDb: async () => refuse('shadow database'),
  };
}

/** Turns the engine's "External error id#N" placeholders back into the driver's error. */
function unwrapError(error: unknown, registry: ErrorRegistry): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const id = /External error id#(\d+)/.exec(error.message)?.[1];
  const original = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  // adapter-pg errors carry the PostgreSQL details in `cause` ({ kind, message, ... }).
  const cause = (original as { cause?: { kind?: string; message?: string; cause?: string } }).cause;
  const detail =
    cause?.message ??
    cause?.cause ??
    (original instanceof Error ? original.message : JSON.stringify(original));
  return new Error(`${cause?.kind ?? 'database error'}: ${detail}`, { cause: original });
}

/** The engine commands used here (others, e.g. shadow-database ones, are not wired up). */
export type Engine = Pick<SchemaEngine, 'applyMigrations' | 'diff'>;

/**
 * Runs `fn` with a schema engine connected to `databaseUrl` (or to no database when null) and
 * always releases the engine and its connections afterwards.
 */
export async function withEngine<T>(
  databaseUrl: string | null,
  fn: (engine: Engine) => Promise<T>,
): Promise<T> {
  const EngineClass = await loadEngineClass();
  // Session-level state such as the engine's own advisory lock must stay on one connection, as it
  // would with the native engine, hence a single-connection pool.
  const pool =
    databaseUrl === null
      ? null
      : new pg.Pool({ connectionString: databaseUrl, Client: CharAsTextClient, max: 1 });
  const factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory = bindMigrationAwareSqlAdapterFactory(
    pool === null ? offlineAdapterFactory() : new PrismaPg(pool),
  );
  const engine = await EngineClass.new({ datamodels: undefined }, () => undefined, factory).catch(
    (error: unknown) => {
      throw unwrapError(error, factory.errorRegistry);
    },
  );
  const guard = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (error) {
      throw unwrapError(error, factory.errorRegistry);
    }
  };
  try {
    // Methods are called on `engine` itself: wasm-bindgen methods lose their `this` when detached.
    return await fn({
      applyMigrations: (input) => guard(() => engine.applyMigrations(input)),
      diff: (input) => guard(() => engine.diff(input)),
    });
  } finally {
    engine.free();
    await pool?.end();
  }
}
