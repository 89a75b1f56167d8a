import { AppException } from '@chainloom/core';

export class AuthException extends AppException {
  static unauthenticated() {
    return new AuthException(401, 'unauthenticated', 'Authentication required: send Authorization: Bearer <API key or session token>.');
  }
  static invalidCredentials() {
    return new AuthException(401, 'invalid_credentials', 'The API key or session is invalid, expired or revoked.');
  }
  static suspended() {
    return new AuthException(403, 'tenant_suspended', 'This tenant is suspended; contact the platform administrator.');
  }
  static missingPermission(permission: string, kind: 'api-key' | 'session') {
    return new AuthException(
      403,
      'missing_permission',
      kind === 'api-key' ? `This API key lacks the scope "${permission}".` : `Your role does not allow "${permission}".`,
      { permission },
    );
  }
  static noTenant() {
    return new AuthException(403, 'no_tenant', 'This session acts for no tenant; log in to a tenant first.');
  }
  static platformAdminOnly() {
    return new AuthException(403, 'platform_admin_only', 'Only platform administrators may do this.');
  }
  static rateLimited(limit: number) {
    return new AuthException(429, 'rate_limited', `More than ${limit} requests per second with this key.`, {
      limit: 'requestsPerSecondPerKey',
      value: limit,
    });
  }
}
