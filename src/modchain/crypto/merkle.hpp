#pragma once
/// Koinos merkle roots (koinos-protocol.md §3; koinos-crypto `merkle_tree`, koilib identical).
///
/// Leaves are given multihashes (not re-hashed). Each level pairs nodes (0,1), (2,3), …; a parent is
/// `hash(code, left.digest || right.digest)` over the raw digests (no multihash prefixes, no domain byte);
/// an odd last node is carried up unchanged. Zero leaves give the hash of the empty string.
/// Used for operation_merkle_root, transaction_merkle_root and the per-block state merkle root.

#include <cstdint>
#include <span>

#include "modchain/crypto/multihash.hpp"
#include "modchain/util/error.hpp"

namespace modchain::crypto {

/// The sha2-256 merkle root of `leaves` (the mainnet block hash code). Leaf codes are not inspected:
/// only the digests enter the tree, as in the reference. A single leaf is its own root (unchanged).
Multihash merkle_root(std::span<const Multihash> leaves);

/// The merkle root with parents hashed by `code` (the chain's block hash code). Unknown code →
/// `unknown_hash_code`.
util::Result<Multihash> merkle_root(uint64_t code, std::span<const Multihash> leaves);

/// The reference's verify_merkle_root: true iff every leaf has the root's code and the root's digest size,
/// and the root computed with the root's code equals `root` (code and digest).
bool verify_merkle_root(const Multihash& root, std::span<const Multihash> leaves);

}  // namespace modchain::crypto
