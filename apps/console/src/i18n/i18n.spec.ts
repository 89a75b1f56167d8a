import { en } from './en';
import { zhCN } from './zh-CN';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('console messages', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN as Tree);

  it('have the same keys in English and Simplified Chinese', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(400);
  });

  it('have no empty value in either language', () => {
    const empty = [...english, ...chinese].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('interpolate the same values in both languages', () => {
    const differ = [...english].filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(chinese.get(k) ?? ''))).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('are really translated: Chinese text differs from English except names and codes', () => {
    // Product names, protocol names and units may stay as they are; everything else has Han characters.
    const untranslated = [...chinese].filter(([k, v]) => v === english.get(k) && !/^(Chainloom|Kubernetes|Webhook|dev|\{\{[^}]+\}\} \/ \{\{[^}]+\}\})$/.test(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('use no i18next plural suffixes (Chinese has one form; they would break key parity)', () => {
    expect([...english.keys()].filter((k) => /_(zero|one|two|few|many|other)$/.test(k))).toEqual([]);
  });
});
