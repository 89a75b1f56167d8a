// Memory figures for leak checks: RSS, and the V8 heap after a full garbage collection (which
// a leak grows and ordinary churn does not).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Runs a full GC (enabling --expose-gc at run time if the process was started without it). */
export function fullGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

export interface MemorySample {
  rssMb: number;
  heapMb: number;
}

export function sampleMemory(): MemorySample {
  fullGc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
}
