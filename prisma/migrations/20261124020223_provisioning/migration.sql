-- CreateEnum
CREATE TYPE "NetworkStatus" AS ENUM ('PENDING', 'PROVISIONING', 'RUNNING', 'DEGRADED', 'STOPPED', 'DELETED', 'FAILED');

-- CreateEnum
CREATE TYPE "OperationKind" AS ENUM ('CREATE', 'ADD_NODE', 'REMOVE_NODE', 'STOP', 'START', 'DELETE');

-- CreateEnum
CREATE TYPE "OperationStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "networks" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_time_seconds" INTEGER NOT NULL DEFAULT 0,
    "confirmations" INTEGER NOT NULL DEFAULT 1,
    "genesis_alloc" JSONB NOT NULL DEFAULT '{}',
    "external_rpc" TEXT,
    "status" "NetworkStatus" NOT NULL DEFAULT 'PENDING',
    "status_reason" TEXT,
    "registry_address" TEXT,
    "is_notary" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "networks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nodes" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'validator',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "rpc_url" TEXT,
    "runtime" JSONB NOT NULL DEFAULT '{}',
    "block_number" BIGINT,
    "last_seen_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "nodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operations" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "kind" "OperationKind" NOT NULL,
    "status" "OperationStatus" NOT NULL DEFAULT 'QUEUED',
    "params" JSONB NOT NULL DEFAULT '{}',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signers" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "encrypted_key" TEXT NOT NULL,
    "rotated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "signers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contracts" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "template" TEXT,
    "address" TEXT NOT NULL,
    "abi" JSONB NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "system" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contracts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_transactions" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "network_id" TEXT NOT NULL,
    "contract_id" TEXT,
    "method" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "block_number" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "chain_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "networks_tenant_id_created_at_idx" ON "networks"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "networks_status_idx" ON "networks"("status");

-- CreateIndex
CREATE INDEX "networks_chain_id_idx" ON "networks"("chain_id");

-- CreateIndex
CREATE INDEX "nodes_network_id_idx" ON "nodes"("network_id");

-- CreateIndex
CREATE INDEX "nodes_tenant_id_idx" ON "nodes"("tenant_id");

-- CreateIndex
CREATE INDEX "operations_network_id_created_at_idx" ON "operations"("network_id", "created_at");

-- CreateIndex
CREATE INDEX "operations_tenant_id_created_at_idx" ON "operations"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "operations_status_idx" ON "operations"("status");

-- CreateIndex
CREATE INDEX "signers_tenant_id_idx" ON "signers"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "signers_network_id_tenant_id_key" ON "signers"("network_id", "tenant_id");

-- CreateIndex
CREATE INDEX "contracts_network_id_idx" ON "contracts"("network_id");

-- CreateIndex
CREATE INDEX "contracts_tenant_id_created_at_idx" ON "contracts"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "chain_transactions_tenant_id_created_at_idx" ON "chain_transactions"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "chain_transactions_network_id_idx" ON "chain_transactions"("network_id");

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signers" ADD CONSTRAINT "signers_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
