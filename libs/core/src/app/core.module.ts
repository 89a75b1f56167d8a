import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import { ConfigModule } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { HealthController } from '../health/health.controller';
import { HealthRegistry } from '../health/health.registry';
import { SecretRotationRegistry } from '../secrets/secret-rotation.registry';
import { ContractGuard } from '../http/contract.guard';
import { LoggerModule } from '../logging/logger.module';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsService } from '../metrics/metrics.service';
import { LifecycleService } from './lifecycle.service';
import { OpenApiController } from '../openapi/openapi.controller';
import { OpenApiService } from '../openapi/openapi.service';

/**
 * What every service has: configuration, logging, health, metrics, request validation and the
 * OpenAPI document. Imported once, by the app's root module.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggerModule.forRoot(logger), DiscoveryModule],
      controllers: [HealthController, MetricsController, OpenApiController],
      providers: [
        HealthRegistry,
        SecretRotationRegistry,
        MetricsService,
        LifecycleService,
        OpenApiService,
        ContractGuard,
      ],
      exports: [HealthRegistry, SecretRotationRegistry, MetricsService, LifecycleService, ContractGuard, ConfigModule, LoggerModule],
    };
  }
}
