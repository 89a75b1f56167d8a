import { Command, InvalidArgumentError } from 'commander';
import { EXIT, runVerify, type Io } from './verify-command';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
};
const collect = (value: string, previous: string[]) => [...previous, value];

/** The `chainloom` command line; returns the exit code instead of exiting, so tests can run it in-process. */
export async function runCli(argv: string[], io: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') }): Promise<number> {
  let code: number = EXIT.valid;
  const program = new Command()
    .name('chainloom')
    .description('Chainloom command line: offline proof verification')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  program
    .command('verify')
    .description('check a certificate receipt against a node of the anchoring chain, without Chainloom')
    .argument('<receipt>', 'receipt JSON file (GET /v1/certificates/{id}/proof)')
    .requiredOption('--rpc <url>', 'JSON-RPC URL of a node of the anchoring chain (repeat for several chains)', collect, [])
    .option('--file <path>', 'the evidence: checks that its hash is the receipt contentHash')
    .option('--metadata <path>', "the certificate's metadata (JSON): checks it against metadataDigest")
    .option('--min-confirmations <n>', 'blocks an anchor needs, its own included, to count as CONFIRMED', positiveInt, 1)
    .option('--json', 'print the result as JSON', false)
    .action(async (receipt: string, options: { rpc: string[]; file?: string; metadata?: string; minConfirmations: number; json: boolean }) => {
      code = await runVerify(receipt, options, io);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    // --help and --version end through exitOverride with code 0.
    return exitCode === 0 ? EXIT.valid : EXIT.error;
  }
  return code;
}
