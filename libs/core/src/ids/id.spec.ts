import { idPattern, newId, newIds } from './id';

describe('newId', () => {
  it('gives well-formed, distinct ids across many refills of the random pool', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('cert'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(idPattern('cert'));
  });

  it('sorts by creation time', () => {
    const earlier = newId('ten', 1_700_000_000_000);
    const later = newId('ten', 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
});

describe('newIds', () => {
  it('gives distinct, well-formed ids that sort in the order given, across carries', () => {
    const ids = newIds('cert', 5_000, 1_700_000_000_000);
    expect(new Set(ids).size).toBe(5_000);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(idPattern('cert'));
    expect(ids[0].slice(0, 15)).toBe(newId('cert', 1_700_000_000_000).slice(0, 15)); // prefix and time
  });
});
