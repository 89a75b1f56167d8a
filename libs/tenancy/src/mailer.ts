import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@chainloom/core';
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. Swap the provider for SMTP or a mail API in production. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
export const MAILER = Symbol('MAILER');

/**
 * The default mailer writes mail to the log, so no mail server is needed to try Chainloom. The
 * mail body can hold a single-use invitation link: acceptable in a development log, which is
 * why production installs configure a real mailer.
 */
@Injectable()
export class LogMailer implements Mailer {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}
  async send(mail: Mail) {
    // Outside development the body (with its single-use link) is not logged: logs travel further
    // than mail should. Configure a real mailer for production.
    const text = this.config.NODE_ENV === 'production' ? '[not logged in production: configure a mailer]' : mail.text;
    this.logger.info({ component: 'mailer', mail: { to: mail.to, subject: mail.subject, text } }, 'mail (log mailer)');
  }
}
