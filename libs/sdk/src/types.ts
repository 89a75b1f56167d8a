import type { components, paths } from './openapi';

/** The API's named schemas: Schemas['Network'], Schemas['Certificate']… */
export type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type Me = Schemas['Me'];
export type User = Schemas['User'];
export type Tenant = Schemas['Tenant'];
export type TenantRole = NonNullable<Me['role']>;
export type Permission = Me['permissions'][number];
export type Network = Schemas['Network'];
export type NetworkStatus = Network['status'];
export type NetworkNode = Schemas['Node'];
export type Operation = Schemas['Operation'];
export type OperationStep = Operation['steps'][number];
export type ContractTemplate = Schemas['ContractTemplate'];
export type Contract = Schemas['Contract'];
export type Transaction = Schemas['Transaction'];
export type Certificate = Schemas['Certificate'];
export type CertificateStatus = Certificate['status'];
export type CertificateSummary = Schemas['CertificateSummary'];
export type Receipt = Schemas['Receipt'];
export type PublicVerifyResult = Schemas['PublicVerifyResult'];
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyScope = NonNullable<paths['/v1/api-keys']['post']['requestBody']>['content']['application/json']['scopes'][number];
export type Member = Schemas['Member'];
export type Invitation = Schemas['Invitation'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditChainCheck = Schemas['AuditChainCheck'];
export type VerificationRequest = Schemas['VerificationRequest'];
export type Usage = Schemas['Usage'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEvent = Schemas['CreateWebhookRequest']['events'][number];
export type Plan = Tenant['plan'];
export type QuotaName = keyof Tenant['limits'];
export type QueuesHealth = Schemas['QueuesHealth'];
export type NetworksByStatus = Schemas['NetworksByStatus'];

// The routes below declare no response schema in the API contract yet, so openapi.d.ts types
// their answers as unknown. These mirror what the services return (explorer.service.ts,
// admin.service.ts); read them with `as` after unwrap(). Replace them once the contracts say so.

/** GET /v1/networks/{id}/blocks */
export interface BlockPage {
  items: { number: number; hash: string | null; timestamp: number; transactions: number; gasUsed: string }[];
  nextCursor: string | null;
}
/** GET /v1/networks/{id}/blocks/{number} */
export interface BlockDetail {
  number: number;
  hash: string | null;
  parentHash: string;
  timestamp: number;
  miner: string;
  gasUsed: string;
  gasLimit: string;
  baseFeePerGas: string | null;
  transactions: string[];
}
/** GET /v1/networks/{id}/transactions/{hash} */
export interface ExplorerTransaction {
  hash: string;
  from: string;
  to: string | null;
  nonce: number;
  value: string;
  data: string;
  blockNumber: number | null;
  receipt: { status: number | null; gasUsed: string; contractAddress: string | null; blockHash: string } | null;
  events: {
    address: string;
    logIndex: number;
    contract: string | null;
    event: string | null;
    args: Record<string, unknown> | null;
    topics: string[];
    data: string;
  }[];
}
/** GET /v1/admin/usage */
export interface AdminUsage {
  day: string;
  items: { tenantId: string; metric: string; count: number }[];
}
