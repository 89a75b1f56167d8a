/**
 * How many QBFT validators must be up for blocks to be produced, and which validator-set changes
 * are therefore safe.
 *
 * The rule, as Besu implements it (BftHelpers.calculateRequiredValidatorQuorum):
 *
 *   a block needs commit seals from a quorum of q(n) = ceil(2n / 3) of the n validators.
 *
 * Byzantine agreement needs n ≥ 3f + 1 to tolerate f faulty validators, so n validators tolerate
 * f(n) = floor((n - 1) / 3) faults. The two agree: n - q(n) ≥ f(n) for every n, so the chain keeps
 * producing blocks while at most f(n) validators are down.
 *
 *   n      1  2  3  4  5  6  7  10  16
 *   q(n)   1  2  2  3  4  4  5   7  11
 *   f(n)   0  0  0  1  1  1  2   3   5
 *
 * Consequences we enforce:
 * - Four validators is the smallest set that survives one failure (f = 1). 1–3 validators run, but
 *   any single failure (or a restart) stops the chain; allowed only with an explicit flag, warned.
 *   Two is strictly worse than one: q(2) = 2, so either node stops the chain.
 * - A change to the validator set is itself decided by blocks: the votes must be mined, so at least
 *   q(n) validators must be up BEFORE the change, and at least q(n') of the new set n' AFTER it,
 *   or the chain stops the moment the change lands (and no later vote can undo it, because votes
 *   need blocks too).
 * - Votes to add or remove need "more than 50%" of the current validators (Besu's vote tally),
 *   i.e. floor(n / 2) + 1 proposals.
 */

/** Validators whose commit seals a block needs. */
export const qbftQuorum = (validators: number): number => Math.ceil((2 * validators) / 3);

/** Validators that may be down (or faulty) while blocks keep coming. */
export const qbftFaultTolerance = (validators: number): number => Math.max(0, Math.floor((validators - 1) / 3));

/** Proposals of `qbft_proposeValidatorVote` that carry a vote: more than half the validators. */
export const qbftVoteMajority = (validators: number): number => Math.floor(validators / 2) + 1;

/** The smallest validator set that tolerates one fault. */
export const MIN_FAULT_TOLERANT_VALIDATORS = 4;

export type ValidatorCheck =
  | { readonly allowed: true; readonly warnings: readonly string[] }
  | { readonly allowed: false; readonly reason: string };

const allow = (warnings: string[] = []): ValidatorCheck => ({ allowed: true, warnings });
const refuse = (reason: string): ValidatorCheck => ({ allowed: false, reason });

function smallSetWarning(count: number): string {
  return (
    `${count} validator${count === 1 ? '' : 's'} tolerate${count === 1 ? 's' : ''} no failure: ` +
    `QBFT needs ${qbftQuorum(count)} of ${count} up, so one node down or restarting stops block production. ` +
    `Use ${MIN_FAULT_TOLERANT_VALIDATORS} or more for a network that must stay up.`
  );
}

/** The validator count of a new network: 4 or more, or fewer with `allowUnsafeValidatorCount`. */
export function checkQbftValidatorCount(count: number, options: { readonly allowUnsafeValidatorCount?: boolean } = {}): ValidatorCheck {
  if (!Number.isInteger(count) || count < 1) return refuse('A QBFT network needs at least 1 validator.');
  if (count >= MIN_FAULT_TOLERANT_VALIDATORS) return allow();
  if (!options.allowUnsafeValidatorCount) {
    return refuse(
      `A QBFT network needs at least ${MIN_FAULT_TOLERANT_VALIDATORS} validators to tolerate one failing node; ` +
        `${count} would stop producing blocks when any node fails. Pass allowUnsafeValidatorCount to create it anyway.`,
    );
  }
  return allow([smallSetWarning(count)]);
}

export interface ValidatorChange {
  readonly kind: 'add' | 'remove' | 'restart';
  /** Validators in the current set. */
  readonly validators: number;
  /** Of those, how many answer and are in sync right now (the target included if it does). */
  readonly online: number;
  /** For `remove` and `restart`: whether the target validator is among the online ones. */
  readonly targetOnline?: boolean;
  /** Accept ending below 4 validators (remove) or a pause of block production (restart). */
  readonly allowUnsafe?: boolean;
}

/** Whether a validator-set change (or taking one validator down for a restart) keeps the chain alive. */
export function checkValidatorChange(change: ValidatorChange): ValidatorCheck {
  const { validators: n, online } = change;
  const before = qbftQuorum(n);
  switch (change.kind) {
    case 'add': {
      if (online < before) {
        return refuse(`Only ${online} of ${n} validators are up; QBFT needs ${before} to mine the votes that add a validator.`);
      }
      // The new validator is up (the caller waited for it), so it counts toward the new quorum.
      const after = qbftQuorum(n + 1);
      if (online + 1 < after) {
        return refuse(`After adding, ${online + 1} of ${n + 1} validators would be up; QBFT needs ${after}, so the chain would stop.`);
      }
      return allow(n + 1 < MIN_FAULT_TOLERANT_VALIDATORS ? [smallSetWarning(n + 1)] : []);
    }
    case 'remove': {
      if (n <= 1) return refuse('The last validator cannot be removed: a QBFT chain without validators produces no blocks, ever.');
      if (online < before) {
        return refuse(`Only ${online} of ${n} validators are up; QBFT needs ${before} to mine the votes that remove a validator.`);
      }
      const remainingOnline = online - (change.targetOnline ? 1 : 0);
      const after = qbftQuorum(n - 1);
      if (remainingOnline < after) {
        return refuse(
          `After removing, ${remainingOnline} of ${n - 1} validators would be up; QBFT needs ${after}, so the chain would stop.`,
        );
      }
      if (n - 1 < MIN_FAULT_TOLERANT_VALIDATORS) {
        if (!change.allowUnsafe) {
          return refuse(
            `Removing a validator would leave ${n - 1}, fewer than the ${MIN_FAULT_TOLERANT_VALIDATORS} that tolerate one failure. ` +
              'Add a validator first, or pass allowUnsafe to accept a network that stops when any node fails.',
          );
        }
        return allow([smallSetWarning(n - 1)]);
      }
      return allow();
    }
    case 'restart': {
      // A restarting validator is down for a while; the others must carry the quorum meanwhile.
      const during = online - (change.targetOnline ? 1 : 0);
      if (during < before) {
        if (!change.allowUnsafe) {
          return refuse(
            `While this validator restarts only ${during} of ${n} would be up; QBFT needs ${before}, so block production would pause. ` +
              'Pass allowUnsafe to accept the pause.',
          );
        }
        return allow([`Block production pauses while this validator restarts (${during} of ${n} up, ${before} needed).`]);
      }
      return allow();
    }
  }
}
