import { AppException } from '@chainloom/core';

export class TenancyException extends AppException {
  static emailTaken() {
    return new TenancyException(409, 'email_taken', 'An account with this email already exists; log in instead.');
  }
  static badLogin() {
    return new TenancyException(401, 'invalid_login', 'The email or password is wrong.');
  }
  static tooManyLogins(retryAfterSeconds: number) {
    return new TenancyException(429, 'too_many_login_attempts', `Too many failed logins; try again in ${retryAfterSeconds} s.`, {
      retryAfter: retryAfterSeconds,
    });
  }
  static notMember() {
    return new TenancyException(403, 'not_a_member', 'You are not a member of that tenant.');
  }
  static sessionOnly() {
    return new TenancyException(400, 'session_required', 'Only a console session can switch tenants; an API key belongs to one tenant.');
  }
  static invitationInvalid() {
    return new TenancyException(400, 'invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
  }
  static invitationEmailMismatch() {
    return new TenancyException(400, 'invitation_email_mismatch', 'Log in with the account the invitation was sent to.');
  }
  static quotaExceeded(limit: string, value: number) {
    return new TenancyException(403, 'quota_exceeded', `Your plan allows ${value} ${limit}.`, { limit, value });
  }
  static lastOwner() {
    return new TenancyException(409, 'last_owner', 'A tenant must keep at least one owner.');
  }
  static ownerOnly() {
    return new TenancyException(403, 'owner_only', 'Only an owner may grant or remove the owner role.');
  }
  static alreadyMember() {
    return new TenancyException(409, 'already_member', 'That person is already a member of this tenant.');
  }
  static verificationPending() {
    return new TenancyException(409, 'verification_pending', 'A verification request is already waiting for a decision.');
  }
  static alreadyVerified() {
    return new TenancyException(409, 'already_verified', 'This tenant is already verified.');
  }
  static notPending() {
    return new TenancyException(409, 'not_pending', 'This request was already decided.');
  }
  static expiryInPast() {
    return new TenancyException(400, 'expiry_in_past', 'expiresAt must be in the future.');
  }
}
