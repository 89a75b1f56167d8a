export * from './certificates.module';
export * from './certificates.options';
export * from './certificates.schemas';
export * from './certificates.exception';
export { verifyReceipt, expectedProofLength, type VerifyReceiptOptions, type ReceiptVerification } from './receipts/receipt-verifier';
export { signWebhook } from './webhooks/webhook-dispatcher.service';
