-- Certificates become immutable: a certificate no longer records its batch, its ingestion (the
-- group-commit flush that wrote it) does, and the sealer claims whole ingestions. Each certificate
-- then costs one insert and two index entries, instead of an insert into five indexes plus an
-- update of every row when it is sealed. Batches keep their Merkle tree, so a proof reads its
-- siblings instead of rebuilding the tree.

-- New columns (the certificates' ones are filled below, then made NOT NULL).
ALTER TABLE "certificates" ADD COLUMN "ingest_index" INTEGER, ADD COLUMN "ingestion_id" TEXT;
ALTER TABLE "certificate_batches" ADD COLUMN "tree" BYTEA;
ALTER TABLE "certificate_ingestions" ADD COLUMN "batch_id" TEXT, ADD COLUMN "leaf_offset" INTEGER;

-- Backfill: one ingestion per existing batch (its certificates keep their leaf index) ...
INSERT INTO "certificate_ingestions" (id, tenant_id, count, first_id, last_id, actor_type, audited_at, batch_id, leaf_offset, created_at, updated_at)
SELECT 'cing_migrated_' || c.batch_id, c.tenant_id, count(*)::int, min(c.id), max(c.id), 'system',
       now() AT TIME ZONE 'utc', c.batch_id, 0, min(c.created_at), now() AT TIME ZONE 'utc'
FROM "certificates" c WHERE c.batch_id IS NOT NULL GROUP BY c.batch_id, c.tenant_id;
UPDATE "certificates" SET ingestion_id = 'cing_migrated_' || batch_id, ingest_index = leaf_index WHERE batch_id IS NOT NULL;
-- ... and one per tenant for its certificates not sealed yet.
INSERT INTO "certificate_ingestions" (id, tenant_id, count, first_id, last_id, actor_type, audited_at, created_at, updated_at)
SELECT 'cing_migrated_pending_' || c.tenant_id, c.tenant_id, count(*)::int, min(c.id), max(c.id), 'system',
       now() AT TIME ZONE 'utc', min(c.created_at), now() AT TIME ZONE 'utc'
FROM "certificates" c WHERE c.batch_id IS NULL GROUP BY c.tenant_id;
UPDATE "certificates" c SET ingestion_id = 'cing_migrated_pending_' || c.tenant_id, ingest_index = n.i
FROM (SELECT id, (row_number() OVER (PARTITION BY tenant_id ORDER BY id) - 1)::int AS i FROM "certificates" WHERE batch_id IS NULL) n
WHERE c.id = n.id;
-- The earlier ingestion rows held no certificate references. Audited ones have done their job,
-- an unaudited one (a crash just before the upgrade) stays for its audit entry, marked with
-- leaf_offset -1 so the sealer never claims it.
DELETE FROM "certificate_ingestions" WHERE audited_at IS NOT NULL AND id NOT LIKE 'cing_migrated_%';
UPDATE "certificate_ingestions" SET leaf_offset = -1 WHERE id NOT LIKE 'cing_migrated_%';

-- DropForeignKey
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_batch_id_fkey";

-- DropIndex
DROP INDEX "certificates_tenant_id_id_idx";

-- DropIndex
DROP INDEX "certificates_tenant_id_batch_id_id_idx";

-- DropIndex
DROP INDEX "certificates_tenant_id_external_id_idx";

-- AlterTable
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_pkey",
DROP COLUMN "batch_id",
DROP COLUMN "leaf_index",
DROP COLUMN "updated_at",
ALTER COLUMN "ingest_index" SET NOT NULL,
ALTER COLUMN "ingestion_id" SET NOT NULL,
ADD CONSTRAINT "certificates_pkey" PRIMARY KEY ("tenant_id", "id");

-- Trees are incompressible hashes: keep them uncompressed and out of line, so substring() reads
-- only the chunks holding a proof's words (Prisma has no attribute for this, it is not drift).
ALTER TABLE "certificate_batches" ALTER COLUMN "tree" SET STORAGE EXTERNAL;

-- CreateIndex
CREATE INDEX "certificates_tenant_id_external_id_idx" ON "certificates"("tenant_id", "external_id") WHERE (external_id IS NOT NULL);

-- CreateIndex
CREATE INDEX "certificate_ingestions_tenant_id_batch_id_id_idx" ON "certificate_ingestions"("tenant_id", "batch_id", "id");

-- CreateIndex
CREATE INDEX "certificate_ingestions_batch_id_created_at_idx" ON "certificate_ingestions"("batch_id", "created_at");

-- AddForeignKey
ALTER TABLE "certificate_ingestions" ADD CONSTRAINT "certificate_ingestions_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "certificate_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;
