// A tiny domain used only by the queue tests: rows in `demo_work` say which work is due, a job
// does it, and a reconciler finds due rows. It shows the pattern every real queue follows.
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@chainloom/db';
import { z } from 'zod';
import { ReconcilerService, WorkerHost, defineJob, QueueName, RetryPolicies } from '@chainloom/queue';

export const DEMO_TABLE_SQL = `CREATE TABLE IF NOT EXISTS demo_work (
  id text PRIMARY KEY, status text NOT NULL DEFAULT 'due', runs int NOT NULL DEFAULT 0,
  work_ms int NOT NULL DEFAULT 0, started_at timestamptz)`;

export const DemoJob = defineJob({
  queue: QueueName.webhooks,
  name: 'demo.work',
  payload: z.object({ workId: z.string() }),
  jobId: (p) => `demo.${p.workId}`,
  retry: RetryPolicies.standard,
});

@Injectable()
export class DemoWork implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly workers: WorkerHost,
    private readonly reconciler: ReconcilerService,
  ) {}

  onModuleInit() {
    this.workers.register(DemoJob, async ({ workId }) => {
      await this.prisma.$executeRaw`UPDATE demo_work SET started_at = now() WHERE id = ${workId}`;
      // The row lock makes a concurrent duplicate wait, then see the work done and skip it.
      return this.prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ status: string; work_ms: number }[]>`
          SELECT status, work_ms FROM demo_work WHERE id = ${workId} FOR UPDATE`;
        if (!row || row.status === 'done') return { status: 'skipped' as const };
        await new Promise((r) => setTimeout(r, row.work_ms));
        await tx.$executeRaw`UPDATE demo_work SET runs = runs + 1, status = 'done' WHERE id = ${workId}`;
        return { status: 'done' as const };
      }, { timeout: 60_000 });
    });
    this.reconciler.register({
      name: 'demo',
      findDue: async () => {
        const rows = await this.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM demo_work WHERE status = 'due'`;
        return rows.map((r) => ({ job: DemoJob, payload: { workId: r.id } }));
      },
    });
  }
}

@Module({ providers: [DemoWork] })
export class DemoWorkModule {}
