#include "modchain/crypto/merkle.hpp"

#include <vector>

#include "modchain/crypto/hash.hpp"

namespace modchain::crypto {
namespace {

// Fast path for sha2-256: fixed-size digests, no per-node allocation.
Multihash sha256_root(std::span<const Multihash> leaves) {
  if (leaves.empty()) return empty_multihash(hash_code::sha2_256);
  if (leaves.size() == 1) return leaves.front();

  // First level straight from the leaves (their digests may have any length).
  std::vector<Digest256> level;
  level.reserve((leaves.size() + 1) / 2);
  size_t i = 0;
  for (; i + 1 < leaves.size(); i += 2) level.push_back(sha256(leaves[i].digest, leaves[i + 1].digest));
  if (i < leaves.size()) {
    // An odd last leaf is carried up unchanged. If it is not 32 bytes it cannot join the fixed-size
    // levels, so finish with the general algorithm (never the case for protocol data).
    if (leaves[i].digest.size() != 32) {
      std::vector<Multihash> rest;
      rest.reserve(level.size() + 1);
      for (const auto& d : level) rest.push_back({hash_code::sha2_256, {d.begin(), d.end()}});
      rest.push_back(leaves[i]);
      return merkle_root(hash_code::sha2_256, rest).value();
    }
    Digest256 carried{};
    std::copy(leaves[i].digest.begin(), leaves[i].digest.end(), carried.begin());
    level.push_back(carried);
  }
  while (level.size() > 1) {
    size_t out = 0;
    size_t j = 0;
    for (; j + 1 < level.size(); j += 2) level[out++] = sha256(level[j], level[j + 1]);
    if (j < level.size()) level[out++] = level[j];
    level.resize(out);
  }
  // With >= 2 leaves the root is a computed parent, so its code is sha2-256 whatever the leaves carried.
  return Multihash{hash_code::sha2_256, {level[0].begin(), level[0].end()}};
}

}  // namespace

Multihash merkle_root(std::span<const Multihash> leaves) { return sha256_root(leaves); }

util::Result<Multihash> merkle_root(uint64_t code, std::span<const Multihash> leaves) {
  if (code == hash_code::sha2_256) {
    // Recursion guard: sha256_root only calls back here for a non-32-byte odd leaf, handled below.
    bool all_32 = true;
    for (const auto& leaf : leaves) all_32 = all_32 && leaf.digest.size() == 32;
    if (all_32) return sha256_root(leaves);
  }
  if (leaves.empty()) return multihash(code, {});
  std::vector<Multihash> level(leaves.begin(), leaves.end());
  util::Bytes joined;
  while (level.size() > 1) {
    size_t out = 0;
    size_t j = 0;
    for (; j + 1 < level.size(); j += 2) {
      joined.assign(level[j].digest.begin(), level[j].digest.end());
      joined.insert(joined.end(), level[j + 1].digest.begin(), level[j + 1].digest.end());
      auto parent = multihash(code, joined);
      if (!parent) return parent.error();
      level[out++] = std::move(parent).value();
    }
    if (j < level.size()) level[out++] = std::move(level[j]);
    level.resize(out);
  }
  return std::move(level[0]);
}

bool verify_merkle_root(const Multihash& root, std::span<const Multihash> leaves) {
  for (const auto& leaf : leaves) {
    if (leaf.code != root.code || leaf.digest.size() != root.digest.size()) return false;
  }
  auto computed = merkle_root(root.code, leaves);
  return computed.ok() && computed.value() == root;
}

}  // namespace modchain::crypto
