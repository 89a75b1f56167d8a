export * from './receipt.schema';
export { verifyReceipt, expectedProofLength, type VerifyReceiptOptions, type ReceiptVerification } from './receipt-verifier';
