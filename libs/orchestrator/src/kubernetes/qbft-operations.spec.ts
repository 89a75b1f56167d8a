import { memberAddress } from '../besu/besu-network';
import { namespaceForNetwork, nodePodName } from './kubernetes-names';
import { QbftOperations } from './qbft-operations';
import { createHarness, type Harness } from './test/kubernetes-test-harness';

// Day-2 operations against FakeKubernetesApi and FakeBesuNetwork (fakes of the API server and of
// the nodes' QBFT JSON-RPC); every qbft_* call the operations make is recorded and asserted.

async function running(options: Parameters<typeof createHarness>[0] = {}): Promise<{ h: Harness; ops: QbftOperations }> {
  const h = await createHarness(options);
  for (const node of h.network().members) await h.driver.ensureNode(h.spec(node.nodeId));
  h.besu.autoMine(10);
  return { h, ops: new QbftOperations(h.driver) };
}

function address(h: Harness, nodeId: string): string {
  const node = h.plan.nodes.find((n) => n.nodeId === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return memberAddress(node);
}
const qbftCalls = (h: Harness, method: string) => h.besu.calls.filter((c) => c.method === method);

describe('QBFT day-2 operations', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('adds a validator: starts it, a majority votes it in, it appears in the set and signs a block', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ spareValidators: 1 }));
    const newcomer = address(h, 'nod_v4');
    const progress: string[] = [];
    const result = await ops.addValidator(h.spec('nod_v4', h.network(h.plan.nodes)), { timeoutMs: 10_000, onProgress: (m) => progress.push(m) });

    const votes = qbftCalls(h, 'qbft_proposeValidatorVote');
    expect(votes.every((v) => v.params[0] === newcomer && v.params[1] === true)).toBe(true);
    expect(new Set(votes.map((v) => v.nodeId)).size).toBeGreaterThanOrEqual(3); // more than half of 4
    expect(votes.map((v) => v.nodeId)).not.toContain('nod_v4');
    expect(h.besu.validatorsAt()).toContain(newcomer);
    expect(result).toMatchObject({ address: newcomer, voters: ['nod_v0', 'nod_v1', 'nod_v2', 'nod_v3'] });
    expect(result.proposedBlock).toBeGreaterThanOrEqual(result.addedAtBlock);
    expect(h.besu.validatorsAt(result.addedAtBlock)).toContain(newcomer);
    expect(h.besu.validatorsAt(result.addedAtBlock - 1)).not.toContain(newcomer);
    // Votes are withdrawn once the change has landed.
    expect(qbftCalls(h, 'qbft_discardValidatorVote').map((c) => c.params[0])).toContain(newcomer);
    expect(qbftCalls(h, 'qbft_getValidatorsByBlockNumber').length).toBeGreaterThan(0);
    expect(qbftCalls(h, 'qbft_getSignerMetrics').length).toBeGreaterThan(0);
    expect(progress.join('\n')).toMatch(/proposed block/);

    // Running the step again after it succeeded votes no more.
    const before = qbftCalls(h, 'qbft_proposeValidatorVote').length;
    await ops.addValidator(h.spec('nod_v4', h.network(h.plan.nodes)), { timeoutMs: 10_000 });
    expect(qbftCalls(h, 'qbft_proposeValidatorVote').length).toBe(before);
  });

  it('resumes an addition whose votes were cast but not mined when the step died', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ spareValidators: 1 }));
    h.besu.autoMine(1_000_000); // the chain pauses: votes cannot land
    await expect(ops.addValidator(h.spec('nod_v4', h.network(h.plan.nodes)), { timeoutMs: 150 })).rejects.toMatchObject({ failure: 'validator_change_timeout', retryable: true });
    h.besu.autoMine(10);
    const result = await ops.addValidator(h.spec('nod_v4', h.network(h.plan.nodes)), { timeoutMs: 10_000 });
    expect(h.besu.validatorsAt()).toContain(result.address);
    expect(h.besu.validatorsAt().length).toBe(5);
  });

  it('removes a validator from 5: votes it out, waits for a block without it, then stops it', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 5 }));
    const leaving = address(h, 'nod_v2');
    const result = await ops.removeValidator({ networkId: h.networkId, nodeId: 'nod_v2', network: h.network() }, { timeoutMs: 10_000 });
    expect(qbftCalls(h, 'qbft_proposeValidatorVote').every((v) => v.params[0] === leaving && v.params[1] === false)).toBe(true);
    expect(h.besu.validatorsAt()).not.toContain(leaving);
    expect(h.besu.validatorsAt()).toHaveLength(4);
    expect(h.besu.head).toBeGreaterThan(result.removedAtBlock);
    expect(h.besu.validatorsAt(result.removedAtBlock)).not.toContain(leaving);
    expect(h.besu.validatorsAt(result.removedAtBlock - 1)).toContain(leaving);
    expect(h.api.get('apps/v1', 'StatefulSet', namespaceForNetwork(h.networkId), 'besu-nod-v2')).toBeUndefined();
    expect(h.besu.isOnline('nod_v2')).toBe(false);
  });

  it('refuses to remove a validator from 4 (no fault tolerance left) and casts no vote', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 4 }));
    await expect(ops.removeValidator({ networkId: h.networkId, nodeId: 'nod_v1', network: h.network() })).rejects.toMatchObject({
      failure: 'validator_change_unsafe',
      retryable: false,
      message: expect.stringContaining('fewer than the 4'),
    });
    expect(qbftCalls(h, 'qbft_proposeValidatorVote')).toHaveLength(0);
    expect(h.besu.isOnline('nod_v1')).toBe(true);
  });

  it('refuses a removal that would leave too few validators up to produce blocks', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 7 }));
    // Two of seven are down (the tolerated maximum); removing an up one leaves 4 up of 6: fine.
    // With a third down, the six left would have only 3 up where QBFT needs 4.
    for (const id of ['nod_v0', 'nod_v1', 'nod_v2']) h.besu.setOnline(id, false);
    await expect(ops.removeValidator({ networkId: h.networkId, nodeId: 'nod_v6', network: h.network() })).rejects.toMatchObject({ failure: 'validator_change_unsafe' });
    expect(qbftCalls(h, 'qbft_proposeValidatorVote')).toHaveLength(0);
  });

  it('restarts nodes one at a time, RPC nodes first, each back and following a newer head before the next', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 4, rpcNodes: 1 }));
    const ns = namespaceForNetwork(h.networkId);
    const uids = () => h.network().members.map((m) => (h.api.get('v1', 'Pod', ns, nodePodName(m.nodeId))?.['metadata'] as { uid: string } | undefined)?.uid);
    const before = uids();
    const timeline: string[] = [];
    const previous = h.api.onPodChange;
    h.api.onPodChange = (pod, exists) => {
      previous(pod, exists);
      timeline.push(`${exists ? 'up' : 'down'} ${(pod['metadata'] as { name: string }).name}`);
    };
    const restarted = await ops.rollingRestart(h.networkId, h.network(), { timeoutMs: 10_000 });
    expect(restarted.map((r) => r.nodeId)).toEqual(['nod_r0', 'nod_v0', 'nod_v1', 'nod_v2', 'nod_v3']);
    const after = uids();
    after.forEach((uid, i) => expect(uid).not.toBe(before[i]));
    // Strictly one at a time: every "down" is followed by that pod's "up" before the next "down".
    for (let i = 0; i < timeline.length; i += 2) {
      expect(timeline[i]).toMatch(/^down /);
      expect(timeline[i + 1]).toBe(timeline[i].replace('down', 'up'));
    }
    for (let i = 1; i < restarted.length; i++) expect(restarted[i].headAfter).toBeGreaterThan(restarted[i - 1].headAfter);
  });

  it('resumes a rolling restart: nodes already restarted are skipped, each one reported as it comes back', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 4, rpcNodes: 1 }));
    const ns = namespaceForNetwork(h.networkId);
    const uid = (nodeId: string) => (h.api.get('v1', 'Pod', ns, nodePodName(nodeId))?.['metadata'] as { uid: string }).uid;
    const before = Object.fromEntries(h.network().members.map((m) => [m.nodeId, uid(m.nodeId)]));
    const reported: string[] = [];
    const restarted = await ops.rollingRestart(h.networkId, h.network(), {
      timeoutMs: 10_000,
      skip: new Set(['nod_r0', 'nod_v0']),
      onRestarted: (nodeId) => void reported.push(nodeId),
    });
    expect(restarted.map((r) => r.nodeId)).toEqual(['nod_v1', 'nod_v2', 'nod_v3']);
    expect(reported).toEqual(['nod_v1', 'nod_v2', 'nod_v3']);
    expect(uid('nod_r0')).toBe(before['nod_r0']);
    expect(uid('nod_v0')).toBe(before['nod_v0']);
    expect(uid('nod_v1')).not.toBe(before['nod_v1']);
  });

  it('refuses to restart a validator while the others could not keep the quorum', async () => {
    let ops: QbftOperations;
    ({ h, ops } = await running({ validators: 4 }));
    h.besu.setOnline('nod_v3', false);
    await expect(ops.rollingRestart(h.networkId, h.network(), { timeoutMs: 5_000 })).rejects.toMatchObject({
      failure: 'validator_change_unsafe',
      message: expect.stringContaining('block production would pause'),
    });
  });
});
