-- DropIndex
DROP INDEX "certificates_content_hash_idx";

-- CreateIndex
CREATE INDEX "certificates_content_hash_idx" ON "certificates" USING HASH ("content_hash");
