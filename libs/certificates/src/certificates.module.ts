import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@chainloom/core';
import { AnchorTargetsController } from './anchoring/anchor-targets.controller';
import { AnchorTargetsService } from './anchoring/anchor-targets.service';
import { AnchoringService } from './anchoring/anchoring.service';
import { CertificateQueryService } from './certificate-query.service';
import { CertificatesController } from './certificates.controller';
import { CERTIFICATES_JOBS, certificatesJobs } from './certificates.jobs';
import { CERTIFICATES_OPTIONS, DEFAULT_CERTIFICATES_OPTIONS, certificatesOptionsFromEnv, type CertificatesOptions } from './certificates.options';
import { CertificateIngestService } from './ingest/certificate-ingest.service';
import { CertificateQuotaService } from './ingest/certificate-quota.service';
import { CertificateWriter } from './ingest/certificate-writer';
import { CertificatesHttpSetup } from './ingest/certificates-http.setup';
import { CertificatesPg } from './ingest/certificates-pg';
import { IdempotencyService } from './ingest/idempotency.service';
import { CertificatePdfService } from './receipts/certificate-pdf.service';
import { ProofService } from './receipts/proof.service';
import { IngestionAuditor } from './sealing/ingestion-auditor.service';
import { SealerService } from './sealing/sealer.service';
import { VerificationController } from './verification/verification.controller';
import { VerificationService } from './verification/verification.service';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.service';
import { WebhookEventsService } from './webhooks/webhook-events.service';
import { WebhookSecretsService } from './webhooks/webhook-secrets.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** Defaults, then the environment, then code-level overrides (tests, benchmarks). */
const optionProviders = (overrides: Partial<CertificatesOptions>): Provider[] => [
  {
    provide: CERTIFICATES_OPTIONS,
    useFactory: (config: AppConfig): CertificatesOptions => ({ ...DEFAULT_CERTIFICATES_OPTIONS, ...certificatesOptionsFromEnv(config), ...overrides }),
    inject: [APP_CONFIG],
  },
  { provide: CERTIFICATES_JOBS, useFactory: certificatesJobs, inject: [CERTIFICATES_OPTIONS] },
];

const controllers = [CertificatesController, AnchorTargetsController, VerificationController, WebhooksController];
const providers: Provider[] = [
  CertificatesHttpSetup,
  CertificatesPg,
  CertificateWriter,
  CertificateQuotaService,
  IdempotencyService,
  CertificateIngestService,
  CertificateQueryService,
  ProofService,
  CertificatePdfService,
  IngestionAuditor,
  AnchorTargetsService,
  SealerService,
  AnchoringService,
  VerificationService,
  WebhookSecretsService,
  WebhookEventsService,
  WebhooksService,
  WebhookDispatcher,
];

/**
 * Certificates, Merkle batches, anchors, receipts, verification, and the webhooks that report
 * on them. Anchoring reaches networks through CHAIN_GATEWAY (provided by the chain-service's
 * ChainAccessModule); without it the API still certifies and seals, and anchors wait.
 */
@Module({ controllers, providers: [...optionProviders({}), ...providers] })
export class CertificatesModule {
  /** The module with some options changed (tests, benchmarks). */
  static forRoot(options: Partial<CertificatesOptions> = {}): DynamicModule {
    return {
      module: CertificatesModule,
      controllers,
      providers: [...optionProviders(options), ...providers],
    };
  }
}
