import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '@chainloom/db';
import { TEMPLATE_DATABASE, TEST_POSTGRES_URL } from './test-env';

/**
 * A database of this test file's own, copied from the migrated template (fast, and no test sees
 * another's rows). Call drop() in afterAll.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = withDatabase(TEST_POSTGRES_URL, `chainloom_t_${randomBytes(6).toString('hex')}`);
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(url, TEMPLATE_DATABASE);
      break;
    } catch (error) {
      // 55006: the template is briefly in use by another file's copy; try again.
      if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return { url, drop: () => dropDatabase(url) };
}
