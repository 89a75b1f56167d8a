// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/**
 * @title AnchorRegistry
 * @notice Chainloom's certificate anchoring calendar. Each certificate batch is sealed off-chain
 *         into a Merkle tree; one transaction per batch records its root here. Every tenant's
 *         roots form an append-only chain (each Anchored event names the tenant's previous root),
 *         so a receipt's anchor can be placed in the tenant's history and a missing or reordered
 *         batch is visible to anyone reading the logs.
 *
 * @dev Trust model. The platform runs one registry per network and signs anchors with one key
 *      per tenant (on a tenant's own network and on the shared notary network alike). Rather than
 *      one registry per tenant (a deployment, and an address to track, per tenant per network),
 *      the registry keys everything by a `tenant` bytes32 (keccak256 of the Chainloom tenant id,
 *      see tenantKey() in libs/contracts), and the owner (the deployer, i.e. the platform)
 *      authorises the tenants' signers. An authorised signer can anchor under any tenant key: the
 *      registry trusts the platform, which holds the keys, to pick the right one. The price: a
 *      leaked signer key could write into another tenant's calendar, or wedge it by anchoring
 *      batchSeq type(uint64).max; the owner then revokes it with authorize(account, false), and
 *      the Anchored logs show which account wrote what. Nothing here is a secret; the registry is
 *      a public, tamper-evident timestamp, not an access-control list.
 *
 *      Merkle proofs use OpenZeppelin's MerkleProof algorithm (sorted-pair keccak256), so any
 *      contract that already uses OpenZeppelin can check our proofs, and ours can check theirs.
 *      Leaves must be domain-separated from inner nodes by the caller: Chainloom's certificate
 *      leaf is keccak256(bytes.concat(keccak256(abi.encode(contentHash, metadataDigest, salt)))),
 *      which certificateLeaf() below computes.
 *
 *      No imports, so the contract compiles offline from this one file.
 */
contract AnchorRegistry {
    /// @dev Where and when a root was anchored. Two storage slots: `tenant`, then the three
    ///      64-bit fields packed together. 64 bits are ample for block numbers and timestamps.
    struct Anchor {
        bytes32 tenant;
        uint64 batchSeq;
        uint64 blockNumber;
        uint64 timestamp;
    }

    /// @notice The account that may authorise anchoring signers: the deployer, until transferred.
    address public owner;

    /// @notice Accounts that may call anchor().
    mapping(address account => bool allowed) public authorized;

    mapping(bytes32 root => Anchor) private _anchors;
    /// @dev The head of each tenant's chain. Only the root: its batch sequence number is in
    ///      _anchors, and one slot per tenant instead of two saves 22,100 gas on a first anchor.
    mapping(bytes32 tenant => bytes32 root) private _lastRoots;

    /// @notice A batch root was anchored. `previousRoot` is the tenant's previous root (zero for
    ///         its first batch), chaining the tenant's batches; `timestamp` is the block time.
    event Anchored(
        bytes32 indexed tenant,
        uint64 indexed batchSeq,
        bytes32 indexed root,
        bytes32 previousRoot,
        uint32 leafCount,
        uint256 timestamp
    );
    event AuthorizationChanged(address indexed account, bool allowed);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error NotAuthorized(address caller);
    error ZeroRoot();
    error EmptyBatch();
    error RootAlreadyAnchored(bytes32 root);
    error BatchSeqNotIncreasing(bytes32 tenant, uint64 batchSeq, uint64 lastBatchSeq);
    error ZeroAddress();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @dev The deployer owns the registry and is authorised at once, so that a tenant signer that
    ///      deploys the registry on its own network can anchor without a second transaction.
    constructor() {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
        authorized[msg.sender] = true;
        emit AuthorizationChanged(msg.sender, true);
    }

    /// @notice Allows or forbids `account` to anchor.
    function authorize(address account, bool allowed) external onlyOwner {
        if (account == address(0)) revert ZeroAddress();
        authorized[account] = allowed;
        emit AuthorizationChanged(account, allowed);
    }

    /// @notice Hands the registry to `newOwner` (for a platform key rotation). Authorisations are
    ///         kept; the new owner revokes what it does not want.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /**
     * @notice Anchors the Merkle `root` of batch `batchSeq` of `tenant`, which holds `leafCount`
     *         certificates, and chains it to the tenant's previous root.
     * @dev Reverts with ZeroRoot, EmptyBatch, RootAlreadyAnchored (whoever anchored it: a root
     *      identifies one batch forever), or BatchSeqNotIncreasing (so a batch is never anchored
     *      twice, and batches are anchored in order; gaps are allowed, so a batch abandoned
     *      off-chain never blocks the next). A tenant's first batch may have any sequence number.
     *      An anchoring job that retries after a lost receipt sees RootAlreadyAnchored and should
     *      read anchorOf(root) to recognise its own earlier transaction.
     */
    function anchor(bytes32 tenant, uint64 batchSeq, bytes32 root, uint32 leafCount) external {
        if (!authorized[msg.sender]) revert NotAuthorized(msg.sender);
        if (root == bytes32(0)) revert ZeroRoot();
        if (leafCount == 0) revert EmptyBatch();
        // A stored block number is never zero (block 0 is the genesis block, which runs no
        // transactions), so it doubles as the "anchored" flag.
        if (_anchors[root].blockNumber != 0) revert RootAlreadyAnchored(root);

        bytes32 previousRoot = _lastRoots[tenant];
        if (previousRoot != bytes32(0)) {
            uint64 lastBatchSeq = _anchors[previousRoot].batchSeq;
            if (batchSeq <= lastBatchSeq) revert BatchSeqNotIncreasing(tenant, batchSeq, lastBatchSeq);
        }

        _anchors[root] = Anchor({
            tenant: tenant,
            batchSeq: batchSeq,
            blockNumber: uint64(block.number),
            timestamp: uint64(block.timestamp)
        });
        _lastRoots[tenant] = root;

        emit Anchored(tenant, batchSeq, root, previousRoot, leafCount, block.timestamp);
    }

    /// @notice Where `root` was anchored; all zero when it never was.
    function anchorOf(
        bytes32 root
    ) external view returns (bytes32 tenant, uint64 batchSeq, uint64 blockNumber, uint64 timestamp) {
        Anchor storage a = _anchors[root];
        return (a.tenant, a.batchSeq, a.blockNumber, a.timestamp);
    }

    /// @notice The tenant's latest root and its batch sequence number; zero when it has none.
    function lastAnchor(bytes32 tenant) external view returns (bytes32 root, uint64 batchSeq) {
        root = _lastRoots[tenant];
        batchSeq = _anchors[root].batchSeq;
    }

    /// @notice Whether `leaf` is in the tree of `root`, exactly as OpenZeppelin's
    ///         MerkleProof.verify decides it. Says nothing about whether `root` is anchored.
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external pure returns (bool) {
        return _processProof(proof, leaf) == root;
    }

    /// @notice verify(), and `root` is anchored here. False (not a revert) when it is not, so that
    ///         callers get one yes/no answer; anchorOf() tells the two failures apart.
    function verifyAnchored(bytes32[] calldata proof, bytes32 root, bytes32 leaf) external view returns (bool) {
        return _anchors[root].blockNumber != 0 && _processProof(proof, leaf) == root;
    }

    /// @notice Chainloom's certificate leaf, so that a contract can check a certificate from its
    ///         content hash: keccak256(bytes.concat(keccak256(abi.encode(contentHash,
    ///         metadataDigest, salt)))). The double hash keeps a leaf from ever being taken for
    ///         an inner node (whose preimage is 64 bytes), as in OpenZeppelin's StandardMerkleTree.
    function certificateLeaf(bytes32 contentHash, bytes32 metadataDigest, bytes32 salt) external pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(contentHash, metadataDigest, salt))));
    }

    /// @dev OpenZeppelin MerkleProof.processProof: fold the proof into the leaf, hashing each pair
    ///      smaller-first (Hashes.commutativeKeccak256) so that proofs need no left/right flags.
    function _processProof(bytes32[] calldata proof, bytes32 leaf) private pure returns (bytes32 computed) {
        computed = leaf;
        for (uint256 i = 0; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            computed = computed < sibling ? _hashPair(computed, sibling) : _hashPair(sibling, computed);
        }
    }

    /// @dev keccak256(abi.encode(a, b)) in scratch space, without allocating memory: the same as
    ///      OpenZeppelin's Hashes.efficientKeccak256.
    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32 value) {
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, b)
            value := keccak256(0x00, 0x40)
        }
    }
}
