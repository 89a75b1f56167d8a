import type { TFunction } from 'i18next';
import type { FieldIssue } from '@chainloom/sdk';
import { en } from './i18n/en';

type ErrorCode = keyof typeof en.errors;
const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(en.errors, code);

/** The parts of an ApiError the console reads (duck-typed: works across bundle copies and in tests). */
interface ProblemLike {
  status: number;
  code: string;
  detail?: string;
  problem: Record<string, unknown>;
}
const isProblemLike = (error: unknown): error is ProblemLike =>
  error instanceof Error && typeof (error as Partial<ProblemLike>).code === 'string' && typeof (error as Partial<ProblemLike>).status === 'number';

/**
 * What to tell the user about a failed request, in their language: a translation of the
 * problem's code where the console knows it (with the problem's members as values, e.g.
 * {{limit}}), else the server's own `detail` (English), else a generic message.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isProblemLike(error)) {
    const code = error.code;
    if (isErrorCode(code)) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(error.problem)) if (typeof v === 'string' || typeof v === 'number') values[k] = String(v);
      const limit = error.problem['limit'];
      if (typeof limit === 'string' && Object.prototype.hasOwnProperty.call(en.quota, limit)) values['limit'] = t(`quota.${limit as keyof typeof en.quota}`);
      // Which values a message interpolates differs per code; the problem's members cover them.
      const translate = t as unknown as (key: `errors.${ErrorCode}`, options: Record<string, string>) => string;
      return translate(`errors.${code}`, values);
    }
    if (error.detail) return error.detail;
    if (error.status >= 500) return t('errors.server', { status: error.status });
  }
  return t('errors.unknown');
}

/** A form field's message for a zod issue, translated from its code and limits. */
export function issueMessage(t: TFunction, issue: FieldIssue): string {
  const min = issue.minimum ?? 0;
  const max = issue.maximum ?? 0;
  switch (issue.code) {
    case 'too_small':
      if (issue.kind === 'string') return min <= 1 ? t('validation.required') : t('validation.tooShort', { minimum: min });
      if (issue.kind === 'array' || issue.kind === 'set') return t('validation.chooseAtLeast', { minimum: min });
      return t('validation.tooSmall', { minimum: min });
    case 'too_big':
      if (issue.kind === 'string') return t('validation.tooLong', { maximum: max });
      if (issue.kind === 'array' || issue.kind === 'set') return t('validation.chooseAtMost', { maximum: max });
      return t('validation.tooBig', { maximum: max });
    case 'invalid_format':
      if (issue.kind === 'email') return t('validation.email');
      if (issue.kind === 'url') return t('validation.url');
      return t('validation.format');
    case 'invalid_value':
      return t('validation.oneOf', { values: (issue.values ?? []).join(', ') });
    case 'invalid_type':
      return issue.message.includes('undefined') ? t('validation.required') : issue.kind === 'int' || /int/.test(issue.message) ? t('validation.integer') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}
