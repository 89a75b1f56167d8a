import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { LogMailer, MAILER, type Mailer } from './mailer';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { PlatformAdminBootstrap } from './platform-admin.bootstrap';
import { TenantController } from './tenant.controller';
import { TenantService } from './tenant.service';

/** Tenants, users, roles, API keys, plans and quotas, verification, metering, audit log. */
@Module({
  controllers: [AccountController, TenantController, MembersController, ApiKeysController, AdminController],
  providers: [
    AccountService,
    TenantService,
    MembersService,
    ApiKeysService,
    AdminService,
    PlatformAdminBootstrap,
    { provide: MAILER, useClass: LogMailer },
  ],
})
export class TenancyModule {
  /** The same module with another mailer (SMTP in production, a capturing one in tests). */
  static withMailer(mailer: Type<Mailer>): DynamicModule {
    return { module: TenancyModule, providers: [{ provide: MAILER, useClass: mailer }] };
  }
}
