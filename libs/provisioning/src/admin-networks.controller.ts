import { Controller, Get } from '@nestjs/common';
import { PlatformAdminOnly } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import { AdminNetworksService } from './admin-networks.service';
import { NetworksByStatusView } from './provisioning.schemas';

@PlatformAdminOnly()
@Controller('v1/admin/networks')
export class AdminNetworksController {
  constructor(private readonly networks: AdminNetworksService) {}

  @Get('by-status')
  @Contract({
    summary: 'Networks and nodes across all tenants, counted by status',
    tags: ['Platform admin'],
    security: ['session'],
    responses: { 200: { description: 'counts', schema: NetworksByStatusView } },
  })
  byStatus() {
    return this.networks.byStatus();
  }
}
