export * from './secret-box';
export * from './dev-master-key';
export * from './signer-vault';
export * from './rpc-provider';
export * from './nonce-manager';
export * from './chain-gateway';
