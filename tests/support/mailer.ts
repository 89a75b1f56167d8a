import { Injectable } from '@nestjs/common';
import type { Mail, Mailer } from '@chainloom/tenancy';

/** Keeps mail in memory so that a suite can follow an invitation link. */
@Injectable()
export class CapturingMailer implements Mailer {
  static readonly sent: Mail[] = [];
  async send(mail: Mail) {
    CapturingMailer.sent.push(mail);
  }

  /** The invitation token mailed to `email` (the last one). */
  static invitationToken(email: string): string {
    const mail = [...CapturingMailer.sent].reverse().find((m) => m.to === email);
    const token = /token=(cli_[\w-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no invitation mail to ${email}`);
    return token;
  }
}
