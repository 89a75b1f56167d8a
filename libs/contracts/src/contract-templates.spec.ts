import { keccak256, toUtf8Bytes } from 'ethers';
import { ContractTemplates, tenantKey } from './index';

describe('ContractTemplates', () => {
  it.each(Object.values(ContractTemplates))(
    'describes the constructor of $id as its ABI declares it',
    (template) => {
      const constructor = template.artifact.abi.find((fragment) => fragment.type === 'constructor');
      const inputs = (constructor?.inputs ?? []).map(({ name, type }) => ({ name, type }));
      expect(template.constructorArgs.map(({ name, type }) => ({ name, type }))).toEqual(inputs);
    },
  );

  it('is keyed by each template id', () => {
    for (const [id, template] of Object.entries(ContractTemplates)) expect(template.id).toBe(id);
  });
});

describe('tenantKey', () => {
  it('is keccak256 of the UTF-8 tenant id', () => {
    expect(tenantKey('ten_01J9Z')).toBe(keccak256(toUtf8Bytes('ten_01J9Z')));
    expect(tenantKey('ten_01J9Z')).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('tells tenants apart by case', () => {
    expect(tenantKey('ten_a')).not.toBe(tenantKey('ten_A'));
  });

  it.each(['', ' ten_a', 'ten_a\n'])('refuses %j', (id) => {
    expect(() => tenantKey(id)).toThrow(TypeError);
  });
});
