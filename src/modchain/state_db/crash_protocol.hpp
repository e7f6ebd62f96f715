#pragma once
/// Test-only, shared by the crash helper (child) and the crash test (parent): the key universe the child
/// writes, and a digest of a node's state over that universe. The child announces
///   ready <revision> <digest>
///   committing <revision> <id hex> <merkle root hex> <digest>
///   committed <revision> <id hex> <merkle root hex> <digest>
/// one line each, written with a single write(2) so a SIGKILL never leaves half a line.

#include <cstdint>
#include <string>
#include <vector>

#include "modchain/state_db/state_db.hpp"

namespace modchain::state_db::testing {

/// Every key the crash helper may write: two spaces × 24 keys, serialized.
inline std::vector<util::Bytes> crash_universe() {
  std::vector<util::Bytes> keys;
  const ObjectSpace spaces[] = {{true, {}, 0}, {false, {0x42}, 1}};
  for (const auto& space : spaces) {
    for (int i = 0; i < 24; ++i) {
      keys.push_back(serialize_database_key(space, util::to_bytes("key" + std::to_string(i * 7))));
    }
  }
  return keys;
}

/// FNV-1a over (present, length, value) of every universe key, as read through `node`.
inline util::Result<uint64_t> crash_digest(const StateNode& node) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](uint8_t byte) { hash = (hash ^ byte) * 1099511628211ull; };
  for (const auto& key : crash_universe()) {
    auto value = node.get_raw(key);
    if (!value) return value.error();
    mix(value->has_value() ? 1 : 0);
    if (!value->has_value()) continue;
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<uint8_t>((**value).size() >> shift));
    for (uint8_t c : **value) mix(c);
  }
  return hash;
}

/// FNV-1a of a model state (serialized key → value) in the same way as crash_digest.
template <class Map>
uint64_t crash_digest_of(const Map& state) {
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](uint8_t byte) { hash = (hash ^ byte) * 1099511628211ull; };
  for (const auto& key : crash_universe()) {
    auto it = state.find(key);
    mix(it != state.end() ? 1 : 0);
    if (it == state.end()) continue;
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<uint8_t>(it->second.size() >> shift));
    for (uint8_t c : it->second) mix(c);
  }
  return hash;
}

}  // namespace modchain::state_db::testing
