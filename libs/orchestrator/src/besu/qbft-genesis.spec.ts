import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { randomBytes } from 'node:crypto';
import { planBesuNetwork, qbftSettingsFor } from './besu-network';
import { openBesuNodeKey } from './besu-node-key';
import { decodeQbftExtraData } from './qbft-extra-data';
import { buildQbftGenesis, genesisSha256, serializeGenesis, staticNodes } from './qbft-genesis';

const VALIDATORS = ['0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de', '0x06e23768a0f59cf365e18c2e0c89e151bcdedc70', '0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb', '0xab5e7f4061c605820d3744227eed91ff8e2c8908'];

const input = {
  chainId: 4242,
  blockTimeSeconds: 2,
  qbft: qbftSettingsFor(2),
  validators: VALIDATORS,
  alloc: { '0x00000000000000000000000000000000000000AA': '1000000000000000000000' },
  evmFork: 'shanghai' as const,
};

describe('QBFT genesis', () => {
  it('has the QBFT settings, the BFT constants and the sorted validators in extraData', () => {
    const genesis = buildQbftGenesis(input);
    expect(genesis.config).toEqual({
      chainId: 4242,
      berlinBlock: 0,
      londonBlock: 0,
      shanghaiTime: 0,
      zeroBaseFee: true,
      qbft: { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 },
    });
    expect(genesis).toMatchObject({ difficulty: '0x1', mixHash: '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365', nonce: '0x0' });
    expect(decodeQbftExtraData(genesis.extraData).validators.map((v) => v.toLowerCase())).toEqual([...VALIDATORS].sort());
    expect(genesis.alloc).toEqual({ '0x00000000000000000000000000000000000000aa': { balance: '0x3635c9adc5dea00000' } });
  });

  it('is deterministic: the same input gives the same bytes and hash, another input another hash', () => {
    const a = serializeGenesis(buildQbftGenesis(input));
    const b = serializeGenesis(buildQbftGenesis({ ...input, validators: [...VALIDATORS].reverse() }));
    expect(a).toBe(b);
    expect(genesisSha256(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(genesisSha256(serializeGenesis(buildQbftGenesis({ ...input, chainId: 4243 })))).not.toBe(genesisSha256(a));
    expect(buildQbftGenesis({ ...input, evmFork: 'london' }).config).not.toHaveProperty('shanghaiTime');
  });

  it('refuses what Besu would reject or what would fork the chain silently', () => {
    expect(() => buildQbftGenesis({ ...input, blockTimeSeconds: 0 })).toThrow(/at least 1/);
    expect(() => buildQbftGenesis({ ...input, validators: [] })).toThrow(/at least one validator/);
    expect(() => buildQbftGenesis({ ...input, alloc: { [VALIDATORS[0]]: '-1' } })).toThrow(/wei/);
  });

  it('lists every member in static-nodes at its DNS name', () => {
    const box = new SecretBox([parseMasterKey(randomBytes(32).toString('hex'))]);
    const plan = planBesuNetwork(box, [
      { nodeId: 'b', role: 'validator' },
      { nodeId: 'a', role: 'validator' },
      { nodeId: 'c', role: 'validator' },
      { nodeId: 'd', role: 'validator' },
      { nodeId: 'r', role: 'rpc' },
    ]);
    const list = staticNodes(plan.nodes, (id) => `besu-${id}.ns.svc.cluster.local`);
    expect(list).toHaveLength(5);
    expect(list[0]).toBe(`enode://${plan.nodes[1].publicKey}@besu-a.ns.svc.cluster.local:30303`);
    expect(plan.genesisValidators).toEqual([...plan.genesisValidators].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())));
    expect(plan.genesisValidators).toHaveLength(4);
    expect(openBesuNodeKey(box, 'a', plan.nodes[1].sealedNodeKey).address).toBe(plan.nodes[1].address);
  });

  it('plans at least 4 validators unless told otherwise', () => {
    const box = new SecretBox([parseMasterKey(randomBytes(32).toString('hex'))]);
    expect(() => planBesuNetwork(box, [{ nodeId: 'a', role: 'validator' }])).toThrow(/at least 4 validators/);
    const unsafe = planBesuNetwork(box, [{ nodeId: 'a', role: 'validator' }], { allowUnsafeValidatorCount: true });
    expect(unsafe.warnings).toEqual([expect.stringContaining('tolerates no failure')]);
  });
});
