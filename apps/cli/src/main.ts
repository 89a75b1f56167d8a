#!/usr/bin/env node
// The `chainloom` command (package.json "bin"). Everything is in cli.ts so tests run it in-process.
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chainloom: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
