import { SESSION_COOKIE } from '@chainloom/auth';
import type { FastifyReply } from 'fastify';

/** The console's session cookie: httpOnly (no script can read it), SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean) {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`,
  );
}

export const clearSessionCookie = (reply: FastifyReply) =>
  void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
