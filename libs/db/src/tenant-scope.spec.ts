import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TENANT_OWNED_MODELS, TENANT_REFERENCING_MODELS } from './tenant-scope';

describe('TENANT_OWNED_MODELS', () => {
  it('lists exactly the models of schema.prisma that have a tenantId', () => {
    const schema = readFileSync(resolve(__dirname, '../../../prisma/schema.prisma'), 'utf8');
    const owned = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+tenantId\s/m.test(body))
      .map(([, name]) => name)
      .filter((name) => !TENANT_REFERENCING_MODELS.has(name))
      .sort();
    expect([...TENANT_OWNED_MODELS].sort()).toEqual(owned);
  });
});
