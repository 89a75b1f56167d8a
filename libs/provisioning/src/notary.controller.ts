import { Body, Controller, Get, Put } from '@nestjs/common';
import { PlatformAdminOnly } from '@chainloom/auth';
import { Contract, idPattern } from '@chainloom/core';
import { z } from 'zod';
import { NotaryService } from './notary.service';

const NotaryView = z
  .object({ networkId: z.string().nullable(), tenantId: z.string().nullable(), status: z.string().nullable(), chainId: z.number().nullable() })
  .meta({ id: 'NotaryNetwork' });
const PointBody = z.object({ networkId: z.string().regex(idPattern('net')) }).strict();

@PlatformAdminOnly()
@Controller('v1/admin/notary')
export class NotaryController {
  constructor(private readonly notary: NotaryService) {}

  @Get()
  @Contract({ summary: 'The shared notary network', tags: ['Platform admin'], security: ['session'], responses: { 200: { description: 'notary', schema: NotaryView } } })
  get() {
    return this.notary.current();
  }

  @Put()
  @Contract({ summary: 'Point the shared notary at another network (an external one included)', tags: ['Platform admin'], security: ['session'], body: PointBody, responses: { 200: { description: 'notary', schema: NotaryView } } })
  put(@Body() body: z.infer<typeof PointBody>) {
    return this.notary.pointTo(body.networkId);
  }
}
