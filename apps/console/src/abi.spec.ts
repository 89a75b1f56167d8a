import { abiFunctions, formatResult, parseArg } from './abi';

const ERC20ISH = [
  { type: 'constructor', inputs: [{ name: 'name_', type: 'string' }] },
  { type: 'function', name: 'balanceOf', stateMutability: 'view', inputs: [{ name: 'account', type: 'address' }], outputs: [{ name: '', type: 'uint256' }] },
  { type: 'function', name: 'transfer', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }], outputs: [{ name: '', type: 'bool' }] },
  { type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' }], outputs: [] },
  { type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }], outputs: [] },
  { type: 'function', name: 'deposit', stateMutability: 'payable', inputs: [], outputs: [] },
  { type: 'function', name: 'setPoint', stateMutability: 'nonpayable', inputs: [{ name: 'p', type: 'tuple', components: [{ name: 'x', type: 'int256' }, { name: 'y', type: 'int256' }] }], outputs: [] },
  { type: 'event', name: 'Transfer', inputs: [] },
];

describe('ABI → forms', () => {
  const fns = abiFunctions(ERC20ISH);

  it('lists functions only, splits reads from writes, and uses signatures for overloads', () => {
    expect(fns.map((f) => [f.key, f.read, f.payable])).toEqual([
      ['balanceOf', true, false],
      ['deposit', false, true],
      ['mint(address)', false, false],
      ['mint(address,uint256)', false, false],
      ['setPoint', false, false],
      ['transfer', false, false],
    ]);
    expect(fns.find((f) => f.name === 'setPoint')?.inputs[0]?.type).toBe('(int256,int256)');
  });

  it('turns typed text into what the API expects, refusing what cannot be right', () => {
    const address = '0x' + '1a'.repeat(20);
    expect(parseArg('address', ` ${address} `)).toEqual({ ok: true, value: address });
    expect(parseArg('address', '0x123')).toEqual({ ok: false, error: 'address' });
    // Big integers stay decimal strings: a JavaScript number would lose precision.
    expect(parseArg('uint256', '123456789012345678901234567890')).toEqual({ ok: true, value: '123456789012345678901234567890' });
    expect(parseArg('uint256', '-1')).toEqual({ ok: false, error: 'unsigned' });
    expect(parseArg('int64', '-1')).toEqual({ ok: true, value: '-1' });
    expect(parseArg('uint8', '')).toEqual({ ok: false, error: 'required' });
    expect(parseArg('bool', 'true')).toEqual({ ok: true, value: true });
    expect(parseArg('bool', 'yes')).toEqual({ ok: false, error: 'bool' });
    expect(parseArg('bytes32', '0x' + '00'.repeat(32))).toEqual({ ok: true, value: '0x' + '00'.repeat(32) });
    expect(parseArg('bytes32', '0x00')).toEqual({ ok: false, error: 'bytes' });
    expect(parseArg('address[]', `["${address}"]`)).toEqual({ ok: true, value: [address] });
    expect(parseArg('(int256,int256)', '[1, 2')).toEqual({ ok: false, error: 'json' });
    expect(parseArg('string', '')).toEqual({ ok: true, value: '' });
  });

  it('shows results as text', () => {
    expect(formatResult('5000')).toBe('5000');
    expect(formatResult(['1', true])).toBe('[\n  "1",\n  true\n]');
  });
});
