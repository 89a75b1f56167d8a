import { AppException } from '@chainloom/core';

/** Errors of the certificates and webhooks API; `code` is stable: clients switch on it. */
export class CertificatesException extends AppException {
  static override notFound(what: string) {
    return new CertificatesException(404, 'not_found', `${what} not found`);
  }
  static quotaExceeded(limit: number, used: number) {
    return new CertificatesException(403, 'quota_exceeded', `Your plan allows ${limit} certificatesPerMonth; ${used} are used this month.`, {
      limit: 'certificatesPerMonth',
      value: limit,
      used,
    });
  }
  static idempotencyKeyReused() {
    return new CertificatesException(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used with a different request; use a new key for a new request.',
    );
  }
  static fileTooLarge(limit: number) {
    return new CertificatesException(413, 'payload_too_large', `The file is larger than the ${limit} bytes allowed.`, { limit });
  }
  static emptyFile() {
    return new CertificatesException(400, 'empty_file', 'The body is empty: send the file as application/octet-stream.');
  }
  static badMetadata(detail: string) {
    return new CertificatesException(400, 'validation_failed', 'The request is not valid; see errors for each field.', {
      errors: [{ field: 'query.metadata', message: detail }],
    });
  }
  static unknownNetwork(networkId: string) {
    return new CertificatesException(400, 'unknown_network', `Network ${networkId} does not exist or is not yours.`, { networkId });
  }
  static noChainAccess() {
    return new CertificatesException(503, 'chain_access_unavailable', 'This service has no access to networks; anchoring is not configured.');
  }
  static proofNotReady() {
    return new CertificatesException(409, 'proof_not_ready', 'The certificate is not sealed into a batch yet; try again in a few seconds.');
  }
  static webhookTargetForbidden() {
    return new CertificatesException(400, 'webhook_target_forbidden', 'Webhook URLs must not point at loopback or private addresses.');
  }
  static notRedeliverable() {
    return new CertificatesException(409, 'delivery_pending', 'The delivery is still being tried; redeliver it after it succeeds or is dead-lettered.');
  }
  static invalidReceipt(errors: { field: string; message: string }[]) {
    return new CertificatesException(400, 'invalid_receipt', 'The receipt is not a version 1 Chainloom receipt.', { errors });
  }
  static publicVerifyRateLimited(limit: number) {
    return new CertificatesException(429, 'rate_limited', `More than ${limit} public verifications per second from this address; retry in a second.`, {
      limit: 'publicVerifyPerSecond',
      value: limit,
    });
  }
}
