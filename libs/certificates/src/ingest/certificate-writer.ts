import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@chainloom/auth';
import { MetricsService, ROOT_LOGGER, newId } from '@chainloom/core';
import { UsageMeter } from '@chainloom/db';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { CertificatesPg, prismaRawExecutor } from './certificates-pg';

/** A certificate row as the writer inserts it; hashes as 0x-prefixed lowercase hex. */
export interface NewCertificate {
  id: string;
  contentHash: string;
  hashAlgorithm: string;
  /** JSON text of the metadata, or null. */
  metadataJson: string | null;
  metadataDigest: string;
  salt: string | null;
  externalId: string | null;
  createdAt: Date;
}

/** The answer stored under an Idempotency-Key, written in the same transaction as the rows. */
export interface IdempotentAnswer {
  key: string;
  operation: string;
  requestHash: Buffer;
  statusCode: number;
  response: unknown;
  expiresAt: Date;
}

export type WriteOutcome = 'written' | 'duplicate';

interface Submission {
  tenantId: string;
  actor: Actor;
  rows: NewCertificate[];
  idempotency: IdempotentAnswer | null;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: Error) => void;
}

/** One certificate_ingestions row: rows of one tenant and caller, in arrival order. */
interface Ingestion {
  id: string;
  tenantId: string;
  actor: Actor;
  rows: NewCertificate[];
  /** The smallest and largest id among the rows: the range the sealer reads them from. */
  firstId: string;
  lastId: string;
}

/** Called after a flush commits, with the tenants that got rows (to schedule their sealing). */
export type CommitListener = (committed: ReadonlyMap<string, number>) => void;

// COPY's text format: \N is NULL; backslash, newline, carriage return and tab are escaped; a
// bytea is written as \\x<hex> (the doubled backslash reaches PostgreSQL as bytea's \x prefix).
const NULL = '\\N';
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const copyText = (value: string | null) =>
  value === null ? NULL : COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : value;
/** A 0x-prefixed hex string as a COPY bytea. */
const copyBytea = (hex: string) => `\\\\x${hex.slice(2)}`;

// COPY rather than INSERT … SELECT FROM unnest(arrays): PostgreSQL parses no arrays and pg escapes
// no array literals; measured about 1.7× the rows per second on this machine (docs/benchmarks).
const COPY_CERTIFICATES =
  'COPY certificates (tenant_id, id, content_hash, hash_algorithm, metadata, metadata_digest, salt, external_id, ingestion_id, ingest_index, created_at) FROM STDIN';

/** Rows per chunk written to the COPY stream. */
const COPY_CHUNK_ROWS = 1_000;

const INSERT_IDEMPOTENCY = `
  INSERT INTO idempotency_records (tenant_id, key, operation, request_hash, status_code, response, expires_at, created_at, updated_at)
  SELECT tenant_id, key, operation, decode(request_hash, 'hex'), status_code, response::jsonb, expires_at,
         now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamp[])
    AS u(tenant_id, key, operation, request_hash, status_code, response, expires_at)
  ON CONFLICT (tenant_id, key) DO UPDATE SET
    operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code,
    response = EXCLUDED.response, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
  -- a live key keeps its answer (the submission becomes a replay); an expired one is reused
  WHERE idempotency_records.expires_at < now() AT TIME ZONE 'utc'
  RETURNING tenant_id, key`;

const INSERT_INGESTIONS = `
  INSERT INTO certificate_ingestions (id, tenant_id, count, first_id, last_id, actor_type, actor_id, source_ip, created_at, updated_at)
  SELECT id, tenant_id, count, first_id, last_id, actor_type, actor_id, source_ip, now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
    AS u(id, tenant_id, count, first_id, last_id, actor_type, actor_id, source_ip)`;

/** Dates as the UTC wall-clock text that Prisma's timestamp(3) columns hold. */
const utc = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Group commit for certificate ingestion. Requests hand their rows to `write` and wait; the
 * writer gathers whatever is waiting into ONE transaction with ONE multi-row INSERT (unnest
 * arrays over a plain pg connection), and resolves every waiter only after COMMIT, so an
 * acknowledged certificate is durable. A flush starts at once when nothing is in flight, or
 * when `groupCommitMaxRows` rows wait, or after `groupCommitMaxDelayMs`; up to
 * `groupCommitMaxInFlight` flushes overlap. Under load, each flush carries the requests that
 * arrived while the previous one was committing: durability costs one fsync per flush, not one
 * per certificate.
 *
 * In the same transaction: the Idempotency-Key answers (a key already taken makes its
 * submission a 'duplicate' and its rows are not written), the usage count ('certificates', via
 * UsageMeter), and one certificate_ingestions row per tenant and caller. Audit: a flush becomes
 * ONE audit entry per tenant and caller (not one per certificate), appended from that row by the
 * sealer (IngestionAuditor), because AuditLog needs a Prisma transaction and this path must not
 * pay for one; the row commits with the certificates, so no flush goes unaudited. The same row
 * is the unit of sealing: each certificate names its ingestion and its position in it, and the
 * sealer claims whole ingestions, so a certificate row is written once and never updated.
 */
@Injectable()
export class CertificateWriter implements BeforeApplicationShutdown {
  private queue: Submission[] = [];
  private queuedRows = 0;
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;
  private readonly listeners: CommitListener[] = [];
  private readonly logger: Logger;
  private readonly flushRows: Histogram;
  private readonly flushSeconds: Histogram;
  private idle?: () => void;

  constructor(
    private readonly pg: CertificatesPg,
    private readonly usage: UsageMeter,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
    @Inject(ROOT_LOGGER) logger: Logger,
    metrics: MetricsService,
  ) {
    this.logger = logger.child({ component: 'certificate-writer' });
    this.flushRows = new Histogram({
      name: 'certificates_flush_rows',
      help: 'Certificates per group-commit flush',
      buckets: [1, 10, 50, 100, 500, 1000, 5000, 10000, 50000],
      registers: [metrics.registry],
    });
    this.flushSeconds = new Histogram({
      name: 'certificates_flush_seconds',
      help: 'Duration of a group-commit flush (BEGIN to COMMIT)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [metrics.registry],
    });
  }

  onCommit(listener: CommitListener) {
    this.listeners.push(listener);
  }

  /** Resolves once the rows are committed ('written'), or the key was already used ('duplicate'). */
  write(tenantId: string, actor: Actor, rows: NewCertificate[], idempotency: IdempotentAnswer | null = null): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.queue.push({ tenantId, actor, rows, idempotency, resolve, reject });
      this.queuedRows += rows.length;
      this.schedule();
    });
  }

  private schedule() {
    if (this.inFlight >= this.options.groupCommitMaxInFlight || this.queue.length === 0) return;
    if (this.queuedRows >= this.options.groupCommitMaxRows || this.inFlight === 0) {
      // Idle: flush on the next turn of the event loop, so requests parsed in this same turn
      // (a burst off one socket read) still share the flush.
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        this.startFlush();
      });
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.startFlush();
    }, this.options.groupCommitMaxDelayMs);
  }

  private startFlush() {
    if (this.inFlight >= this.options.groupCommitMaxInFlight || this.queue.length === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Take whole submissions up to maxRows (at least one, however large).
    let rows = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || rows + this.queue[take].rows.length <= this.options.groupCommitMaxRows)) {
      rows += this.queue[take].rows.length;
      take++;
    }
    const batch = this.queue.slice(0, take);
    this.queue = this.queue.slice(take);
    this.queuedRows -= rows;
    this.inFlight++;
    void this.flush(batch, rows).finally(() => {
      this.inFlight--;
      this.schedule();
      if (this.inFlight === 0 && this.queue.length === 0) this.idle?.();
    });
  }

  private async flush(batch: Submission[], rowCount: number) {
    const started = process.hrtime.bigint();
    let duplicates = new Set<Submission>();
    const committed = new Map<string, number>();
    try {
      await this.pg.transaction(async (client) => {
        duplicates = await this.insertIdempotency(client, batch);
        const writing = batch.filter((s) => !duplicates.has(s));
        const ingestions = this.ingestionsOf(writing);
        await this.insertIngestions(client, ingestions);
        await this.insertCertificates(client, ingestions);
        for (const s of writing) committed.set(s.tenantId, (committed.get(s.tenantId) ?? 0) + s.rows.length);
        const now = new Date();
        const tx = prismaRawExecutor(client);
        for (const [tenantId, count] of committed) await this.usage.add(tenantId, 'certificates', count, tx, now);
      }, this.pg.pool);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, submissions: batch.length, rows: rowCount }, 'group commit failed');
      for (const s of batch) s.reject(error as Error);
      return;
    }
    this.flushRows.observe(rowCount);
    this.flushSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    for (const s of batch) s.resolve(duplicates.has(s) ? 'duplicate' : 'written');
    if (committed.size) for (const listener of this.listeners) listener(committed);
  }

  /** Inserts the keys; returns the submissions whose key was already taken (by a committed or concurrent request). */
  private async insertIdempotency(client: PoolClient, batch: Submission[]): Promise<Set<Submission>> {
    const keyed = batch.filter((s) => s.idempotency);
    const duplicates = new Set<Submission>();
    if (!keyed.length) return duplicates;
    // The same key twice in one flush: the first one wins, the others replay its answer.
    const first = new Map<string, Submission>();
    for (const s of keyed) {
      const k = `${s.tenantId}\u0000${s.idempotency?.key}`;
      if (first.has(k)) duplicates.add(s);
      else first.set(k, s);
    }
    const unique = [...first.values()];
    const answers = unique.map((s) => s.idempotency as IdempotentAnswer);
    const result = await client.query<{ tenant_id: string; key: string }>(INSERT_IDEMPOTENCY, [
      unique.map((s) => s.tenantId),
      answers.map((a) => a.key),
      answers.map((a) => a.operation),
      answers.map((a) => a.requestHash.toString('hex')),
      answers.map((a) => a.statusCode),
      answers.map((a) => JSON.stringify(a.response)),
      answers.map((a) => utc(a.expiresAt)),
    ]);
    const inserted = new Set(result.rows.map((r) => `${r.tenant_id}\u0000${r.key}`));
    for (const [k, s] of first) if (!inserted.has(k)) duplicates.add(s);
    return duplicates;
  }

  /**
   * Groups the flush's rows into ingestions: per tenant and caller (the audit log's unit, see the
   * class comment) and at most maxBatchLeaves rows each (the sealer claims whole ingestions, so
   * none may exceed a batch). Rows are numbered in the order they arrived (each request's ids
   * ascend, see newIds): that is their leaf order once sealed.
   */
  private ingestionsOf(batch: Submission[]): Ingestion[] {
    const groups = new Map<string, { tenantId: string; actor: Actor; rows: NewCertificate[] }>();
    for (const s of batch) {
      const key = `${s.tenantId}\u0000${s.actor.type}\u0000${s.actor.id ?? ''}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { tenantId: s.tenantId, actor: s.actor, rows: [] }));
      for (const row of s.rows) group.rows.push(row);
    }
    const ingestions: Ingestion[] = [];
    const max = this.options.maxBatchLeaves;
    for (const group of groups.values()) {
      for (let start = 0; start < group.rows.length; start += max) {
        const rows = group.rows.slice(start, start + max);
        let firstId = rows[0].id;
        let lastId = firstId;
        for (const row of rows) {
          if (row.id < firstId) firstId = row.id;
          if (row.id > lastId) lastId = row.id;
        }
        ingestions.push({ id: newId('cing'), tenantId: group.tenantId, actor: group.actor, rows, firstId, lastId });
      }
    }
    return ingestions;
  }

  private async insertCertificates(client: PoolClient, ingestions: Ingestion[]) {
    const chunks: string[] = [];
    let lines: string[] = [];
    let lastDate: Date | null = null;
    let createdAt = '';
    for (const g of ingestions) {
      for (let k = 0; k < g.rows.length; k++) {
        const row = g.rows[k];
        // Rows of one request share their Date: format it once.
        if (row.createdAt !== lastDate) {
          lastDate = row.createdAt;
          createdAt = utc(row.createdAt);
        }
        lines.push(
          `${g.tenantId}\t${row.id}\t${copyBytea(row.contentHash)}\t${row.hashAlgorithm}\t${copyText(row.metadataJson)}\t` +
            `${copyBytea(row.metadataDigest)}\t${row.salt === null ? NULL : copyBytea(row.salt)}\t${copyText(row.externalId)}\t${g.id}\t${k}\t${createdAt}\n`,
        );
        if (lines.length === COPY_CHUNK_ROWS) {
          chunks.push(lines.join(''));
          lines = [];
        }
      }
    }
    if (lines.length) chunks.push(lines.join(''));
    if (!chunks.length) return;
    await pipeline(Readable.from(chunks), client.query(copyFrom(COPY_CERTIFICATES)));
  }

  private async insertIngestions(client: PoolClient, ingestions: Ingestion[]) {
    if (!ingestions.length) return;
    await client.query(INSERT_INGESTIONS, [
      ingestions.map((g) => g.id),
      ingestions.map((g) => g.tenantId),
      ingestions.map((g) => g.rows.length),
      ingestions.map((g) => g.firstId),
      ingestions.map((g) => g.lastId),
      ingestions.map((g) => g.actor.type),
      ingestions.map((g) => g.actor.id),
      ingestions.map((g) => g.actor.ip),
    ]);
  }

  /** Lets waiting rows commit before the pool closes (the API answers 503 to new requests by then). */
  async beforeApplicationShutdown() {
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => {
      this.idle = resolve;
      setTimeout(resolve, 10_000).unref();
    });
  }
}
