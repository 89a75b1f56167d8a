import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { CredentialService } from './credential.service';
import { RateLimiterService } from './rate-limiter.service';

/**
 * Authentication for every route of the process: the service runtime installs AuthGuard as the
 * first global guard (before request validation). Import once per app.
 */
@Global()
@Module({
  providers: [CredentialService, RateLimiterService, AuthGuard],
  exports: [CredentialService, RateLimiterService, AuthGuard],
})
export class AuthModule {}
