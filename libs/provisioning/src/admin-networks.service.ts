import { Injectable } from '@nestjs/common';
import { PrismaService } from '@chainloom/db';
import type { z } from 'zod';
import { NETWORK_STATUSES, type NetworksByStatusView } from './provisioning.schemas';

/** Counts across every tenant, for the platform admin's health page. Reads only; no tenant's names or ids. */
@Injectable()
export class AdminNetworksService {
  constructor(private readonly prisma: PrismaService) {}

  async byStatus(): Promise<z.infer<typeof NetworksByStatusView>> {
    const [networks, nodes, drivers] = await Promise.all([
      this.prisma.network.groupBy({ by: ['status'], _count: { _all: true } }),
      this.prisma.node.groupBy({ by: ['status'], where: { network: { status: { not: 'DELETED' } } }, _count: { _all: true }, orderBy: { status: 'asc' } }),
      this.prisma.network.groupBy({ by: ['driver', 'protocol'], where: { status: { not: 'DELETED' } }, _count: { _all: true }, orderBy: [{ driver: 'asc' }, { protocol: 'asc' }] }),
    ]);
    const counted = new Map(networks.map((n) => [n.status, n._count._all]));
    return {
      networks: NETWORK_STATUSES.map((status) => ({ status, count: counted.get(status) ?? 0 })),
      nodes: nodes.map((n) => ({ status: n.status, count: n._count._all })),
      byDriver: drivers.map((d) => ({ driver: d.driver, protocol: d.protocol, count: d._count._all })),
    };
  }
}
