-- AlterEnum
ALTER TYPE "OperationKind" ADD VALUE 'RESTART';

-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "besu_settings" JSONB;

-- AlterTable
ALTER TABLE "nodes" ADD COLUMN     "address" TEXT,
ADD COLUMN     "key_retained_until" TIMESTAMP(3),
ADD COLUMN     "public_key" TEXT,
ADD COLUMN     "sealed_key" TEXT;

-- CreateIndex
CREATE INDEX "nodes_key_retained_until_idx" ON "nodes"("key_retained_until");
