import { randomUUID } from 'node:crypto';
import {
  ContractFactory,
  Contract,
  Interface,
  isError,
  randomBytes,
  hexlify,
  ZeroHash,
  type BaseContract,
  type HDNodeWallet,
  type JsonRpcProvider,
} from 'ethers';
import { ZERO_HASH, buildTree, certificateLeaf, metadataDigest } from '@chainloom/merkle';
import { AnvilNode } from './testing/anvil-node';
import {
  AnchorRegistryArtifact,
  PointsTokenArtifact,
  anchorRegistryAt,
  parseAnchoredLogs,
  parseAnchorRegistryError,
  tenantKey,
  type AnchorRegistryContract,
  type ContractArtifact,
} from './index';

const tokenInterface = new Interface(PointsTokenArtifact.abi);
const randomHash = () => hexlify(randomBytes(32));
// Each test anchors under its own tenant, so tests share a registry without sharing a history.
const newTenant = () => tenantKey(`ten_${randomUUID()}`);

async function deploy(artifact: ContractArtifact, signer: HDNodeWallet, ...args: unknown[]): Promise<string> {
  const contract: BaseContract = await new ContractFactory(artifact.abi, artifact.bytecode, signer).deploy(
    ...args,
  );
  await contract.waitForDeployment();
  return contract.getAddress();
}

/** Awaits `call` and expects it to revert with the custom error `name` (and `args`, if given). */
async function expectRevert(call: Promise<unknown>, name: string, args?: unknown[]): Promise<void> {
  const error = await call.then(
    () => new Error(`expected a revert with ${name}, but the call succeeded`),
    (reason: unknown) => reason,
  );
  // PointsToken's errors are decoded with its own ABI; the registry's with the library's helper.
  const token = isError(error, 'CALL_EXCEPTION') && error.data ? tokenInterface.parseError(error.data) : null;
  const decoded =
    parseAnchorRegistryError(error) ?? (token && { name: token.name, args: Array.from(token.args) });
  if (!decoded) throw error;
  expect(decoded.name).toBe(name);
  if (args) expect(decoded.args).toEqual(args);
}

describe('AnchorRegistry on anvil', () => {
  let anvil: AnvilNode;
  let provider: JsonRpcProvider;
  let deployer: HDNodeWallet;
  let signer: HDNodeWallet;
  let outsider: HDNodeWallet;
  let registry: AnchorRegistryContract;
  let asSigner: AnchorRegistryContract;

  beforeAll(async () => {
    anvil = await AnvilNode.start();
    provider = anvil.provider();
    [deployer, signer, outsider] = [0, 1, 2].map((i) => AnvilNode.account(i, provider));
    const address = await deploy(AnchorRegistryArtifact, deployer);
    registry = anchorRegistryAt(address, deployer);
    asSigner = anchorRegistryAt(address, signer);
    await (await registry.authorize(signer.address, true)).wait();
  });

  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it('is owned by its deployer, who alone authorises signers', async () => {
    expect(await registry.owner()).toBe(deployer.address);
    expect(await registry.authorized(deployer.address)).toBe(true);
    expect(await registry.authorized(signer.address)).toBe(true);
    expect(await registry.authorized(outsider.address)).toBe(false);
    await expectRevert(asSigner.authorize(outsider.address, true), 'NotOwner', [signer.address]);
  });

  it('anchors a root, records it, and chains the next root of the tenant to it', async () => {
    const tenant = newTenant();
    const [first, second] = [randomHash(), randomHash()];

    const receipt = await (await asSigner.anchor(tenant, 1n, first, 3)).wait();
    if (!receipt) throw new Error('no receipt');
    const block = await provider.getBlock(receipt.blockNumber);
    const [event] = parseAnchoredLogs(receipt.logs);
    expect(event).toEqual({
      tenant,
      batchSeq: 1n,
      root: first,
      previousRoot: ZeroHash,
      leafCount: 3,
      timestamp: BigInt(block?.timestamp ?? -1),
      contract: await registry.getAddress(),
      transactionHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      blockHash: receipt.blockHash,
      logIndex: 0,
    });
    expect(await registry.anchorOf(first)).toEqual([
      tenant,
      1n,
      BigInt(receipt.blockNumber),
      event.timestamp,
    ]);
    expect(await registry.lastAnchor(tenant)).toEqual([first, 1n]);

    // Gaps are allowed: an abandoned batch must not block the next one.
    const next = await (await asSigner.anchor(tenant, 3n, second, 1000)).wait();
    const [chained] = parseAnchoredLogs(next?.logs ?? []);
    expect(chained).toMatchObject({
      tenant,
      batchSeq: 3n,
      root: second,
      previousRoot: first,
      leafCount: 1000,
    });
    expect(await registry.lastAnchor(tenant)).toEqual([second, 3n]);
    console.log(
      `anchor() gas: ${receipt.gasUsed} for a tenant's first batch, ${next?.gasUsed} for a later one`,
    );
  });

  it('reports nothing for a root or a tenant it has never seen', async () => {
    expect(await registry.anchorOf(randomHash())).toEqual([ZeroHash, 0n, 0n, 0n]);
    expect(await registry.lastAnchor(newTenant())).toEqual([ZeroHash, 0n]);
  });

  it('rejects a zero root, an empty batch and an unauthorised sender', async () => {
    const tenant = newTenant();
    await expectRevert(asSigner.anchor(tenant, 1n, ZeroHash, 1), 'ZeroRoot', []);
    await expectRevert(asSigner.anchor(tenant, 1n, randomHash(), 0), 'EmptyBatch', []);
    const asOutsider = anchorRegistryAt(await registry.getAddress(), outsider);
    await expectRevert(asOutsider.anchor(tenant, 1n, randomHash(), 1), 'NotAuthorized', [outsider.address]);
    expect(await registry.lastAnchor(tenant)).toEqual([ZeroHash, 0n]);
  });

  it('rejects a root anchored before, by this tenant or any other', async () => {
    const [tenant, other] = [newTenant(), newTenant()];
    const root = randomHash();
    await (await asSigner.anchor(tenant, 1n, root, 1)).wait();
    await expectRevert(asSigner.anchor(tenant, 2n, root, 1), 'RootAlreadyAnchored', [root]);
    await expectRevert(registry.anchor(other, 1n, root, 1), 'RootAlreadyAnchored', [root]);
  });

  it('rejects a batch sequence number that does not increase', async () => {
    const tenant = newTenant();
    await (await asSigner.anchor(tenant, 5n, randomHash(), 1)).wait();
    await expectRevert(asSigner.anchor(tenant, 5n, randomHash(), 1), 'BatchSeqNotIncreasing', [
      tenant,
      5n,
      5n,
    ]);
    await expectRevert(asSigner.anchor(tenant, 4n, randomHash(), 1), 'BatchSeqNotIncreasing', [
      tenant,
      4n,
      5n,
    ]);
    // Sequences are per tenant: another tenant starts where it likes.
    await (await asSigner.anchor(newTenant(), 1n, randomHash(), 1)).wait();
  });

  it('stops accepting a signer once the owner revokes it', async () => {
    const address = await deploy(AnchorRegistryArtifact, deployer);
    const own = anchorRegistryAt(address, deployer);
    await (await own.authorize(outsider.address, true)).wait();
    await (await anchorRegistryAt(address, outsider).anchor(newTenant(), 1n, randomHash(), 1)).wait();
    await (await own.authorize(outsider.address, false)).wait();
    await expectRevert(
      anchorRegistryAt(address, outsider).anchor(newTenant(), 1n, randomHash(), 1),
      'NotAuthorized',
    );
    await expectRevert(own.authorize('0x0000000000000000000000000000000000000000', true), 'ZeroAddress', []);
  });

  it('computes the same certificate leaf as libs/merkle', async () => {
    const input = {
      contentHash: randomHash(),
      metadataDigest: metadataDigest({ title: 'deed' }),
      salt: randomHash(),
    };
    expect(await registry.certificateLeaf(input.contentHash, input.metadataDigest, input.salt)).toBe(
      certificateLeaf(input),
    );
    expect(await registry.certificateLeaf(input.contentHash, ZERO_HASH, ZERO_HASH)).toBe(
      certificateLeaf({ contentHash: input.contentHash, metadataDigest: ZERO_HASH, salt: ZERO_HASH }),
    );
  });

  it.each([1, 2, 3, 7, 1000])('accepts every libs/merkle proof of a %i-leaf tree', async (count) => {
    const leaves = Array.from({ length: count }, () =>
      certificateLeaf({ contentHash: randomHash(), metadataDigest: ZERO_HASH, salt: ZERO_HASH }),
    );
    const tree = buildTree(leaves);
    // ethers batches these concurrent calls into a few JSON-RPC requests.
    const verdicts = await Promise.all(
      leaves.map((leaf, i) => registry.verify(tree.proof(i), tree.root, leaf)),
    );
    expect(verdicts.every(Boolean)).toBe(true);

    const last = leaves.length - 1;
    expect(await registry.verifyAnchored(tree.proof(last), tree.root, leaves[last])).toBe(false);
    await (await asSigner.anchor(newTenant(), 1n, tree.root, count)).wait();
    expect(await registry.verifyAnchored(tree.proof(last), tree.root, leaves[last])).toBe(true);
  });

  it('rejects a wrong leaf and a tampered proof', async () => {
    const leaves = Array.from({ length: 7 }, randomHash);
    const tree = buildTree(leaves);
    await (await asSigner.anchor(newTenant(), 1n, tree.root, 7)).wait();
    const proof = tree.proof(2);
    expect(await registry.verify(proof, tree.root, leaves[2])).toBe(true);
    expect(await registry.verify(proof, tree.root, leaves[3])).toBe(false);
    expect(await registry.verify([proof[0], randomHash(), proof[2]], tree.root, leaves[2])).toBe(false);
    expect(await registry.verify(proof.slice(0, 2), tree.root, leaves[2])).toBe(false);
    expect(await registry.verifyAnchored(proof, tree.root, leaves[3])).toBe(false);
    // A one-leaf tree's root is its leaf: the empty proof verifies it and nothing else.
    expect(await registry.verify([], leaves[0], leaves[0])).toBe(true);
    expect(await registry.verify([], leaves[0], leaves[1])).toBe(false);
  });
});

describe('the compiled contracts on a London-era EVM (what an older Besu genesis gives)', () => {
  it('deploy and run: the bytecode uses no opcode newer than paris', async () => {
    const anvil = await AnvilNode.start(['--hardfork', 'london']);
    const provider = anvil.provider();
    try {
      const deployer = AnvilNode.account(0, provider);
      const registry = anchorRegistryAt(await deploy(AnchorRegistryArtifact, deployer), deployer);
      const root = randomHash();
      await (await registry.anchor(newTenant(), 1n, root, 1)).wait();
      expect((await registry.anchorOf(root))[1]).toBe(1n);
      const token = new Contract(
        await deploy(PointsTokenArtifact, deployer, 'P', 'P'),
        PointsTokenArtifact.abi,
        deployer,
      );
      await (await token.getFunction('mint')(deployer.address, 1n)).wait();
    } finally {
      provider.destroy();
      await anvil.stop();
    }
  });
});

describe('PointsToken on anvil', () => {
  let anvil: AnvilNode;
  let provider: JsonRpcProvider;
  let owner: HDNodeWallet;
  let alice: HDNodeWallet;
  let bob: HDNodeWallet;
  let token: Contract;
  // ethers' Contract methods are untyped; these pin down the few the tests use.
  const balanceOf = async (account: string): Promise<bigint> =>
    BigInt(await token.getFunction('balanceOf')(account));
  const as = (wallet: HDNodeWallet) => token.connect(wallet) as Contract;
  const send = async (wallet: HDNodeWallet, method: string, ...args: unknown[]) =>
    (
      await as(wallet)
        .getFunction(method)
        .send(...args)
    ).wait();

  beforeAll(async () => {
    anvil = await AnvilNode.start();
    provider = anvil.provider();
    [owner, alice, bob] = [0, 1, 2].map((i) => AnvilNode.account(i, provider));
    token = new Contract(
      await deploy(PointsTokenArtifact, owner, 'Acme Points', 'ACME'),
      PointsTokenArtifact.abi,
      owner,
    );
  });

  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it('describes itself as an 18-decimal ERC-20 owned by its deployer', async () => {
    expect(await token.getFunction('name')()).toBe('Acme Points');
    expect(await token.getFunction('symbol')()).toBe('ACME');
    expect(await token.getFunction('decimals')()).toBe(18n);
    expect(await token.getFunction('totalSupply')()).toBe(0n);
    expect(await token.getFunction('owner')()).toBe(owner.address);
  });

  it('lets the owner mint, and no one else', async () => {
    const receipt = await send(owner, 'mint', alice.address, 1000n);
    const transfer = receipt?.logs
      .map((log) => token.interface.parseLog(log))
      .find((e) => e?.name === 'Transfer');
    expect(transfer?.args.toArray()).toEqual([
      '0x0000000000000000000000000000000000000000',
      alice.address,
      1000n,
    ]);
    expect(await balanceOf(alice.address)).toBe(1000n);
    expect(await token.getFunction('totalSupply')()).toBe(1000n);
    await expectRevert(as(alice).getFunction('mint').send(alice.address, 1n), 'NotOwner', [alice.address]);
  });

  it('transfers, and refuses to overdraw', async () => {
    await send(owner, 'mint', alice.address, 100n);
    const before = await balanceOf(bob.address);
    await send(alice, 'transfer', bob.address, 40n);
    expect(await balanceOf(bob.address)).toBe(before + 40n);
    const balance = await balanceOf(alice.address);
    await expectRevert(
      as(alice)
        .getFunction('transfer')
        .send(bob.address, balance + 1n),
      'ERC20InsufficientBalance',
      [alice.address, balance, balance + 1n],
    );
  });

  it('spends an allowance with transferFrom, and no more than it', async () => {
    await send(owner, 'mint', alice.address, 100n);
    await send(alice, 'approve', bob.address, 30n);
    expect(await token.getFunction('allowance')(alice.address, bob.address)).toBe(30n);
    const before = await balanceOf(owner.address);
    await send(bob, 'transferFrom', alice.address, owner.address, 20n);
    expect(await balanceOf(owner.address)).toBe(before + 20n);
    expect(await token.getFunction('allowance')(alice.address, bob.address)).toBe(10n);
    await expectRevert(
      as(bob).getFunction('transferFrom').send(alice.address, owner.address, 11n),
      'ERC20InsufficientAllowance',
      [bob.address, 10n, 11n],
    );
  });
});
