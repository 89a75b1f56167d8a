/**
 * What each protocol allows, for the create wizard. Mirrors libs/orchestrator's
 * PROTOCOL_CAPABILITIES (the API refuses anything else with a 400 that names the rule); the
 * console keeps a copy because that library runs on the server only.
 */
export interface ProtocolOption {
  protocol: 'dev' | 'besu-qbft' | 'external';
  drivers: ('local' | 'kubernetes')[];
  minNodes: number;
  maxNodes: number;
  recommendedMinNodes: number;
  instantBlocks: boolean;
  minBlockTimeSeconds: number;
  maxBlockTimeSeconds: number;
  defaultBlockTimeSeconds: number;
}

export const PROTOCOLS: ProtocolOption[] = [
  { protocol: 'dev', drivers: ['local'], minNodes: 1, maxNodes: 1, recommendedMinNodes: 1, instantBlocks: true, minBlockTimeSeconds: 0, maxBlockTimeSeconds: 3600, defaultBlockTimeSeconds: 0 },
  { protocol: 'besu-qbft', drivers: ['kubernetes'], minNodes: 1, maxNodes: 16, recommendedMinNodes: 4, instantBlocks: false, minBlockTimeSeconds: 1, maxBlockTimeSeconds: 60, defaultBlockTimeSeconds: 2 },
  { protocol: 'external', drivers: [], minNodes: 0, maxNodes: 0, recommendedMinNodes: 0, instantBlocks: false, minBlockTimeSeconds: 0, maxBlockTimeSeconds: 0, defaultBlockTimeSeconds: 0 },
];

const DEV = PROTOCOLS[0] as ProtocolOption;
export const protocolOption = (protocol: string): ProtocolOption => PROTOCOLS.find((p) => p.protocol === protocol) ?? DEV;
