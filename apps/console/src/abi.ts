/** A contract function as a form: built from the ABI the API returns with each contract. */
export interface AbiParam {
  name: string;
  type: string;
}
export interface AbiFunction {
  /** What the API is sent: the name, or the full signature when the name is overloaded. */
  key: string;
  name: string;
  signature: string;
  inputs: AbiParam[];
  outputs: AbiParam[];
  read: boolean;
  payable: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function params(value: unknown): AbiParam[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((p, i) => ({
    name: typeof p['name'] === 'string' && p['name'] ? p['name'] : `arg${i}`,
    type: canonicalType(p),
  }));
}

/** tuple types spelled out, as in a signature: tuple(uint256,address)[] → (uint256,address)[] */
function canonicalType(param: Record<string, unknown>): string {
  const type = typeof param['type'] === 'string' ? param['type'] : 'unknown';
  if (!type.startsWith('tuple')) return type;
  const inner = Array.isArray(param['components']) ? param['components'].filter(isRecord).map(canonicalType).join(',') : '';
  return `(${inner})${type.slice('tuple'.length)}`;
}

export function abiFunctions(abi: readonly unknown[]): AbiFunction[] {
  const fns = abi.filter(isRecord).filter((item) => item['type'] === 'function' && typeof item['name'] === 'string');
  const counts = new Map<string, number>();
  for (const f of fns) counts.set(String(f['name']), (counts.get(String(f['name'])) ?? 0) + 1);
  return fns
    .map((f) => {
      const name = String(f['name']);
      const inputs = params(f['inputs']);
      const signature = `${name}(${inputs.map((i) => i.type).join(',')})`;
      const mutability = typeof f['stateMutability'] === 'string' ? f['stateMutability'] : f['constant'] === true ? 'view' : 'nonpayable';
      return {
        key: (counts.get(name) ?? 0) > 1 ? signature : name,
        name,
        signature,
        inputs,
        outputs: params(f['outputs']),
        read: mutability === 'view' || mutability === 'pure',
        payable: mutability === 'payable',
      };
    })
    .sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
}

export type ArgError = 'required' | 'address' | 'integer' | 'unsigned' | 'bool' | 'bytes' | 'json';
export type ParsedArg = { ok: true; value: unknown } | { ok: false; error: ArgError };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;

/**
 * Turns what the user typed into the JSON the API expects for this ABI type: big integers as
 * decimal strings (never numbers: they would lose precision), booleans, hex bytes, and arrays or
 * tuples as JSON.
 */
export function parseArg(type: string, raw: string): ParsedArg {
  const text = raw.trim();
  if (type.endsWith(']') || type.startsWith('(')) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, error: 'json' };
    }
  }
  if (type === 'string') return { ok: true, value: raw };
  if (text === '') return { ok: false, error: 'required' };
  if (type === 'address') return ADDRESS.test(text) ? { ok: true, value: text } : { ok: false, error: 'address' };
  if (type === 'bool') return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, error: 'bool' };
  if (type.startsWith('uint')) return /^\d+$/.test(text) ? { ok: true, value: text } : { ok: false, error: 'unsigned' };
  if (type.startsWith('int')) return /^-?\d+$/.test(text) ? { ok: true, value: text } : { ok: false, error: 'integer' };
  if (type.startsWith('bytes')) {
    const size = Number(type.slice(5));
    const ok = HEX.test(text) && (!size || text.length === 2 + size * 2);
    return ok ? { ok: true, value: text } : { ok: false, error: 'bytes' };
  }
  return { ok: true, value: text };
}

/** A placeholder that shows the expected form of a value of this type. */
export function placeholderFor(type: string): string {
  if (type.endsWith(']')) return '["…"]';
  if (type.startsWith('(')) return '["…", "…"]';
  if (type === 'address') return '0x…';
  if (type === 'bool') return 'true / false';
  if (type.startsWith('uint') || type.startsWith('int')) return '1000';
  if (type.startsWith('bytes')) return '0x…';
  return '';
}

/** The API's result as text a person can read (big integers already arrive as strings). */
export function formatResult(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
