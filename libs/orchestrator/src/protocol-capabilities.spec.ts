import { PROTOCOL_CAPABILITIES, checkNetworkShape, checkOperation, isChainProtocol } from './index';
import { KeyedMutex } from './keyed-mutex';

describe('protocol capabilities', () => {
  it('allows a dev network of one node with instant or interval blocks on the local driver', () => {
    expect(checkNetworkShape('dev', { nodeCount: 1, blockTimeSeconds: 0, driver: 'local' })).toEqual({ allowed: true });
    expect(checkNetworkShape('dev', { nodeCount: 1, blockTimeSeconds: 5 })).toEqual({ allowed: true });
  });

  it('explains why a network shape is refused', () => {
    expect(checkNetworkShape('dev', { nodeCount: 4, blockTimeSeconds: 0 })).toEqual({
      allowed: false,
      code: 'node_count_out_of_range',
      reason: 'A "dev" network has exactly 1 node.',
    });
    expect(checkNetworkShape('besu-qbft', { nodeCount: 4, blockTimeSeconds: 0 })).toMatchObject({
      allowed: false,
      code: 'block_time_unsupported',
      reason: expect.stringContaining('cannot mine a block per transaction'),
    });
    expect(checkNetworkShape('dev', { nodeCount: 1, blockTimeSeconds: 1.5 })).toMatchObject({ code: 'block_time_unsupported' });
    expect(checkNetworkShape('besu-qbft', { nodeCount: 4, blockTimeSeconds: 2, driver: 'local' })).toMatchObject({
      code: 'driver_unsupported',
      reason: 'Protocol "besu-qbft" does not run on the local driver; it needs kubernetes.',
    });
    expect(checkNetworkShape('fabric', { nodeCount: 1, blockTimeSeconds: 1 })).toMatchObject({
      code: 'protocol_unsupported',
      reason: expect.stringContaining('dev, besu-qbft'),
    });
    expect(isChainProtocol('toString')).toBe(false);
  });

  it('refuses adding or removing nodes of a dev network, naming why', () => {
    expect(checkOperation('dev', 'add-node', { nodeCount: 1 })).toEqual({
      allowed: false,
      code: 'operation_unsupported',
      reason: 'A "dev" network runs exactly 1 node; nodes cannot be added.',
    });
    expect(checkOperation('dev', 'remove-node', { nodeCount: 1 })).toMatchObject({ allowed: false, code: 'operation_unsupported' });
    for (const op of ['create', 'stop', 'start', 'delete'] as const) expect(checkOperation('dev', op, { nodeCount: 1 }).allowed).toBe(true);
  });

  it('bounds besu-qbft node changes by the node count limits', () => {
    const { minNodes, maxNodes } = PROTOCOL_CAPABILITIES['besu-qbft'];
    expect(checkOperation('besu-qbft', 'add-node', { nodeCount: 4 }).allowed).toBe(true);
    expect(checkOperation('besu-qbft', 'add-node', { nodeCount: maxNodes })).toMatchObject({ code: 'node_count_out_of_range' });
    expect(checkOperation('besu-qbft', 'remove-node', { nodeCount: minNodes })).toMatchObject({ code: 'node_count_out_of_range' });
  });
});

describe('KeyedMutex', () => {
  it('runs tasks of one key in order, other keys concurrently, and survives a failing task', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      mutex.run('a', task('a1', 30, true)),
      mutex.run('a', task('a2', 1)),
      mutex.run('b', task('b1', 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
