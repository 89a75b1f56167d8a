import { ApiError } from './problem';
import { applyNetworkEvent, parseNetworkEvent } from './events';
import { fieldIssues, requestSchema } from './forms';
import type { Network } from './types';

describe('request schemas rebuilt from the API document', () => {
  it('check lengths, patterns, enums and integer ranges as the API does', () => {
    const network = requestSchema('POST /v1/networks');
    expect(network.safeParse({ name: 'dev', protocol: 'dev', nodeCount: 1, blockTimeSeconds: 0 }).success).toBe(true);
    const bad = network.safeParse({ name: '', protocol: 'bitcoin', nodeCount: 1.5 });
    expect(bad.success).toBe(false);
    const issues = bad.success ? {} : fieldIssues(bad.error);
    expect(Object.keys(issues).sort()).toEqual(['name', 'nodeCount', 'protocol']);
    expect(issues['name']).toMatchObject({ code: 'too_small', minimum: 1 });

    const cert = requestSchema('POST /v1/certificates');
    expect(cert.safeParse({ contentHash: '0x' + 'ab'.repeat(32) }).success).toBe(true);
    expect(cert.safeParse({ contentHash: '0x1234' }).success).toBe(false);
    expect(requestSchema('POST /v1/api-keys').safeParse({ name: 'ci', scopes: [] }).success).toBe(false);
  });
});

describe('ApiError', () => {
  it('keeps the problem+json detail and code, and strips body. from field names', () => {
    const e = new ApiError(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'validation_failed',
      detail: 'Some fields are invalid.',
      errors: [{ field: 'body.email', message: 'Invalid email' }],
    });
    expect(e.message).toBe('Some fields are invalid.');
    expect(e.fieldErrors()).toEqual({ email: 'Invalid email' });
  });
  it('stands in for a body that is not problem+json', () => {
    const e = new ApiError(502, '<html>bad gateway</html>');
    expect(e.code).toBe('http_502');
  });
});

describe('network event stream', () => {
  const network = { id: 'net_1', status: 'PROVISIONING', statusReason: null, nodes: [{ id: 'nod_1', status: 'STARTING' }] } as unknown as Network;
  it('applies status and node changes and ignores unknown types', () => {
    const status = parseNetworkEvent('network', JSON.stringify({ status: 'RUNNING', statusReason: null, registryAddress: '0xabc' }));
    const node = parseNetworkEvent('node', JSON.stringify({ id: 'nod_1', status: 'UP' }));
    expect(parseNetworkEvent('ping', '{}')).toBeUndefined();
    if (!status || !node) throw new Error('known event types must parse');
    const next = applyNetworkEvent(applyNetworkEvent(network, status), node);
    expect(next.status).toBe('RUNNING');
    expect(next.registryAddress).toBe('0xabc');
    expect(next.nodes[0]?.status).toBe('UP');
  });
});
