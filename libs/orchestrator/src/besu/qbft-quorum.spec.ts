import { checkQbftValidatorCount, checkValidatorChange, qbftFaultTolerance, qbftQuorum, qbftVoteMajority } from './qbft-quorum';

describe('QBFT quorum rules', () => {
  it('needs ceil(2n/3) validators and tolerates floor((n-1)/3) faults', () => {
    const table = [1, 2, 3, 4, 5, 6, 7, 10, 16].map((n) => [n, qbftQuorum(n), qbftFaultTolerance(n)]);
    expect(table).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 2, 0],
      [4, 3, 1],
      [5, 4, 1],
      [6, 4, 1],
      [7, 5, 2],
      [10, 7, 3],
      [16, 11, 5],
    ]);
    // The chain survives exactly f(n) validators down.
    for (let n = 1; n <= 30; n++) expect(n - qbftQuorum(n)).toBeGreaterThanOrEqual(qbftFaultTolerance(n));
    expect([1, 2, 3, 4, 5].map(qbftVoteMajority)).toEqual([1, 2, 2, 3, 3]);
  });

  it('wants 4 validators at creation; fewer only with the flag, with a warning', () => {
    expect(checkQbftValidatorCount(4)).toEqual({ allowed: true, warnings: [] });
    expect(checkQbftValidatorCount(3)).toMatchObject({ allowed: false, reason: expect.stringContaining('at least 4 validators') });
    const unsafe = checkQbftValidatorCount(1, { allowUnsafeValidatorCount: true });
    expect(unsafe).toMatchObject({ allowed: true, warnings: [expect.stringContaining('tolerates no failure')] });
    expect(checkQbftValidatorCount(0, { allowUnsafeValidatorCount: true }).allowed).toBe(false);
  });

  it('refuses a removal that leaves fewer than 4, or fewer up than the new quorum', () => {
    expect(checkValidatorChange({ kind: 'remove', validators: 5, online: 5, targetOnline: true })).toEqual({ allowed: true, warnings: [] });
    expect(checkValidatorChange({ kind: 'remove', validators: 4, online: 4, targetOnline: true })).toMatchObject({ allowed: false, reason: expect.stringContaining('leave 3') });
    expect(checkValidatorChange({ kind: 'remove', validators: 4, online: 4, targetOnline: true, allowUnsafe: true }).allowed).toBe(true);
    // 7 validators, 2 down, removing an up one: 4 of 6 up, quorum 4: fine. With 3 down: 3 < 4.
    expect(checkValidatorChange({ kind: 'remove', validators: 7, online: 5, targetOnline: true }).allowed).toBe(true);
    expect(checkValidatorChange({ kind: 'remove', validators: 7, online: 4, targetOnline: true })).toMatchObject({ allowed: false, reason: expect.stringContaining('needs 5 to mine') });
    // Removing a validator that is down does not cost the quorum anything.
    expect(checkValidatorChange({ kind: 'remove', validators: 5, online: 4, targetOnline: false }).allowed).toBe(true);
    expect(checkValidatorChange({ kind: 'remove', validators: 1, online: 1, targetOnline: true, allowUnsafe: true })).toMatchObject({ allowed: false });
  });

  it('refuses an addition the current set cannot mine', () => {
    expect(checkValidatorChange({ kind: 'add', validators: 4, online: 4 }).allowed).toBe(true);
    expect(checkValidatorChange({ kind: 'add', validators: 4, online: 2 })).toMatchObject({ allowed: false });
    expect(checkValidatorChange({ kind: 'add', validators: 2, online: 2 })).toMatchObject({ allowed: true, warnings: [expect.stringContaining('3 validators')] });
  });

  it('refuses a restart that would pause block production unless accepted', () => {
    expect(checkValidatorChange({ kind: 'restart', validators: 4, online: 4, targetOnline: true }).allowed).toBe(true);
    expect(checkValidatorChange({ kind: 'restart', validators: 4, online: 3, targetOnline: true })).toMatchObject({ allowed: false });
    expect(checkValidatorChange({ kind: 'restart', validators: 1, online: 1, targetOnline: true, allowUnsafe: true })).toMatchObject({
      allowed: true,
      warnings: [expect.stringContaining('pauses')],
    });
  });
});
