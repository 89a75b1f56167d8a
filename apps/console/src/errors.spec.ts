import i18next, { type TFunction } from 'i18next';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';
import { errorMessage, issueMessage } from './errors';

/** Stands in for the SDK's ApiError (errors.ts reads it structurally). */
class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

describe('problem+json to a message in the user language', () => {
  let t: TFunction;
  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', contextSeparator: '|', pluralSeparator: '|', interpolation: { escapeValue: false } });
    t = instance.t;
  });

  it('translates known codes, filling values from the problem', () => {
    expect(errorMessage(t, new FakeApiError(401, 'invalid_login', 'The email or password is wrong.'))).toBe('邮箱或密码错误。');
    expect(errorMessage(t, new FakeApiError(403, 'quota_exceeded', 'Your plan allows 1 networks.', { limit: 'networks', value: 1 }))).toBe(
      '您的套餐最多允许 1（网络数）。请升级套餐或完成企业认证。',
    );
    expect(errorMessage(t, new FakeApiError(429, 'too_many_login_attempts', '…', { retryAfter: 30 }))).toContain('30 秒');
    expect(errorMessage(t, new FakeApiError(0, 'network_error', 'fetch failed'))).toBe('无法连接服务器，请检查网络。');
  });

  it('falls back to the server detail for codes it does not know, then to a generic message', () => {
    expect(errorMessage(t, new FakeApiError(409, 'brand_new_code', 'A brand new rule said no.'))).toBe('A brand new rule said no.');
    expect(errorMessage(t, new FakeApiError(502, 'http_502', undefined))).toBe('服务器出现问题（502），请稍后重试。');
    expect(errorMessage(t, new Error('boom'))).toBe('出错了，请重试。');
  });

  it('turns zod issue codes into field messages', () => {
    expect(issueMessage(t, { code: 'too_small', kind: 'string', minimum: 12, message: '' })).toBe('至少 12 个字符。');
    expect(issueMessage(t, { code: 'too_small', kind: 'string', minimum: 1, message: '' })).toBe('必填。');
    expect(issueMessage(t, { code: 'invalid_format', kind: 'email', message: '' })).toBe('请输入邮箱地址。');
    expect(issueMessage(t, { code: 'too_small', kind: 'array', minimum: 1, message: '' })).toBe('请至少选择 1 项。');
    expect(issueMessage(t, { code: 'too_big', kind: 'number', maximum: 64, message: '' })).toBe('不能大于 64。');
  });
});
