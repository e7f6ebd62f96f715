#include "modchain/state_db/node_data.hpp"

#include <algorithm>

#include "modchain/crypto/merkle.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db::detail {
namespace {

// 16 filter bits per key, 3 bits in one word: about 1% false positives at capacity.
constexpr size_t k_bits_per_key = 16;
constexpr size_t k_min_bits = 1024;

bool has_prefix(util::ByteView key, util::ByteView prefix) {
  return key.size() >= prefix.size() &&
         (prefix.empty() || std::memcmp(key.data(), prefix.data(), prefix.size()) == 0);
}

// Walks the chain top-down. `visit` returns true to stop. Fails on a node that is no longer alive.
template <class Visit>
util::Status for_each_level(const NodeData& node, Visit&& visit) {
  for (const NodeData* level = &node; level != nullptr; level = level->parent.get()) {
    if (!level->alive) return dead_node_error(*level);
    if (visit(*level)) return {};
  }
  return {};
}

}  // namespace

bool KeyFilter::add(uint64_t hash) {
  if ((m_count + 1) * k_bits_per_key > m_words.size() * 64) return false;
  m_words[(hash >> 32) & m_mask] |= word_bits(hash);
  ++m_count;
  return true;
}

bool KeyFilter::has_room(size_t extra) const noexcept {
  return (m_count + extra) * k_bits_per_key <= m_words.size() * 64;
}

void KeyFilter::reset(size_t expected) {
  size_t bits = k_min_bits;
  while (bits < expected * k_bits_per_key) bits *= 2;
  m_words.assign(bits / 64, 0);
  m_mask = bits / 64 - 1;
  m_count = 0;
}

void NodeData::note_key(util::ByteView key) {
  if (filter.add(key_hash(key))) return;
  filter.reset((filter.size() + 1) * 2);
  for (const auto& [k, v] : puts) filter.add(key_hash(k));
  for (const auto& k : removed) filter.add(key_hash(k));
  filter.add(key_hash(key));
}

void NodeData::clear_delta() {
  puts.clear();
  removed.clear();
  filter = KeyFilter{};
}

namespace {

// The caller sized the filter for these keys, so add() cannot run out of room.
void add_keys(KeyFilter& filter, const NodeData& node) {
  bool fits = true;
  for (const auto& [key, value] : node.puts) fits = filter.add(key_hash(key)) && fits;
  for (const auto& key : node.removed) fits = filter.add(key_hash(key)) && fits;
  MODCHAIN_ASSERT(fits, "chain filter sized too small");
}

}  // namespace

void build_chain_filter(NodeData& node) {
  size_t own = node.puts.size() + node.removed.size();
  size_t live = 0;  // touched keys on the uncommitted path, this node included
  for (const NodeData* level = &node; level && level->kind != NodeKind::root; level = level->parent.get()) {
    live += level->puts.size() + level->removed.size();
  }
  auto filter = std::make_shared<KeyFilter>();
  const NodeData* parent = node.parent.get();
  if (parent && parent->kind == NodeKind::block && parent->chain_filter &&
      parent->chain_filter->size() + own <= 2 * live && parent->chain_filter->has_room(own)) {
    *filter = *parent->chain_filter;
    add_keys(*filter, node);
  } else {
    filter->reset(2 * live + 64);
    for (const NodeData* level = &node; level && level->kind != NodeKind::root; level = level->parent.get()) {
      add_keys(*filter, *level);
    }
  }
  node.chain_filter = std::move(filter);
}

util::Error dead_node_error(const NodeData& node) {
  return util::make_error(util::ErrorCode::unexpected_state,
                          "state node " + util::to_hex(node.info.id) + " at revision " +
                              std::to_string(node.info.height) +
                              " is no longer in the state database (discarded, committed past or closed)");
}

util::Result<std::optional<util::Bytes>> merged_get(const NodeData& node, util::ByteView key) {
  const uint64_t hash = key_hash(key);
  for (const NodeData* level = &node; level != nullptr; level = level->parent.get()) {
    if (!level->alive) return dead_node_error(*level);
    if (level->kind == NodeKind::root) return level->backend->get(key);
    // An alive block node's path to the root is alive, and no delta on it has the key: skip to the backend.
    if (level->chain_filter && !level->chain_filter->may_contain(hash)) return level->backend->get(key);
    if (!level->filter.may_contain(hash)) continue;
    if (auto it = level->puts.find(key); it != level->puts.end()) return std::optional<util::Bytes>{it->second};
    if (level->removed.contains(key)) return std::optional<util::Bytes>{};
  }
  return std::optional<util::Bytes>{};
}

// Merged iteration: each round takes the nearest candidate key beyond the cursor over every level (the
// in-memory puts and the backend), then resolves it through the chain; a candidate hidden by a removal
// becomes the new cursor. The cursor moves strictly, so the loop ends.
util::Result<std::optional<KeyValue>> merged_next(const NodeData& node, util::ByteView start,
                                                  util::ByteView prefix) {
  util::Bytes cursor = util::to_bytes(start);
  BytesLess less;
  while (true) {
    std::optional<util::Bytes> best;
    util::Error failure;
    bool failed = false;
    auto status = for_each_level(node, [&](const NodeData& level) {
      if (level.kind == NodeKind::root) {
        auto entry = level.backend->next(cursor);
        if (!entry) {
          failure = entry.error();
          failed = true;
        } else if (entry->has_value() && (!best || less((*entry)->key, *best))) {
          best = std::move((*entry)->key);
        }
        return true;
      }
      auto it = level.puts.upper_bound(cursor);
      if (it != level.puts.end() && (!best || less(it->first, *best))) best = it->first;
      return false;
    });
    if (!status) return status.error();
    if (failed) return failure;
    if (!best || !has_prefix(*best, prefix)) return std::optional<KeyValue>{};
    auto value = merged_get(node, *best);
    if (!value) return value.error();
    if (value->has_value()) return std::optional<KeyValue>{KeyValue{std::move(*best), std::move(**value)}};
    cursor = std::move(*best);
  }
}

util::Result<std::optional<KeyValue>> merged_prev(const NodeData& node, util::ByteView start,
                                                  util::ByteView prefix) {
  util::Bytes cursor = util::to_bytes(start);
  BytesLess less;
  while (true) {
    std::optional<util::Bytes> best;
    util::Error failure;
    bool failed = false;
    auto status = for_each_level(node, [&](const NodeData& level) {
      if (level.kind == NodeKind::root) {
        auto entry = level.backend->prev(cursor);
        if (!entry) {
          failure = entry.error();
          failed = true;
        } else if (entry->has_value() && (!best || less(*best, (*entry)->key))) {
          best = std::move((*entry)->key);
        }
        return true;
      }
      auto it = level.puts.lower_bound(cursor);
      if (it != level.puts.begin()) {
        --it;
        if (!best || less(*best, it->first)) best = it->first;
      }
      return false;
    });
    if (!status) return status.error();
    if (failed) return failure;
    if (!best || !has_prefix(*best, prefix)) return std::optional<KeyValue>{};
    auto value = merged_get(node, *best);
    if (!value) return value.error();
    if (value->has_value()) return std::optional<KeyValue>{KeyValue{std::move(*best), std::move(**value)}};
    cursor = std::move(*best);
  }
}

void delta_put(NodeData& node, util::ByteView key, util::ByteView value) {
  auto it = node.puts.find(key);
  if (it != node.puts.end()) {
    it->second.assign(value.begin(), value.end());
    return;
  }
  if (!node.removed.contains(key)) node.note_key(key);
  node.puts.emplace(util::to_bytes(key), util::to_bytes(value));
}

util::Status delta_erase(NodeData& node, util::ByteView key) {
  auto existing = merged_get(node, key);
  if (!existing) return existing.error();
  if (!existing->has_value()) return {};
  if (auto it = node.puts.find(key); it != node.puts.end()) {
    node.puts.erase(it);
  } else if (!node.removed.contains(key)) {
    node.note_key(key);
  }
  node.removed.insert(util::to_bytes(key));
  return {};
}

void squash_into_parent(NodeData& node) {
  NodeData& parent = *node.parent;
  for (const auto& key : node.removed) {
    bool touched = parent.removed.contains(key);
    if (auto it = parent.puts.find(key); it != parent.puts.end()) {
      parent.puts.erase(it);
      touched = true;
    }
    if (!touched) parent.note_key(key);
    parent.removed.insert(key);
  }
  for (const auto& [key, value] : node.puts) {
    bool touched = parent.removed.erase(key) > 0;
    auto [it, inserted] = parent.puts.insert_or_assign(key, value);
    if (inserted && !touched) parent.note_key(key);
  }
  node.clear_delta();
}

std::vector<std::pair<const util::Bytes*, const util::Bytes*>> delta_key_list(const NodeData& node) {
  std::vector<std::pair<const util::Bytes*, const util::Bytes*>> keys;
  keys.reserve(node.puts.size() + node.removed.size());
  BytesLess less;
  auto put = node.puts.begin();
  auto rem = node.removed.begin();
  // Merge of two sorted sequences; a key in both is listed twice, each time with its current value.
  while (put != node.puts.end() || rem != node.removed.end()) {
    if (rem == node.removed.end() || (put != node.puts.end() && !less(*rem, put->first))) {
      keys.emplace_back(&put->first, &put->second);
      ++put;
    } else {
      auto it = node.puts.find(*rem);
      keys.emplace_back(&*rem, it == node.puts.end() ? nullptr : &it->second);
      ++rem;
    }
  }
  return keys;
}

crypto::Multihash compute_delta_merkle_root(const NodeData& node) {
  auto keys = delta_key_list(node);
  std::vector<crypto::Multihash> leaves;
  leaves.reserve(keys.size() * 2);
  for (const auto& [key, value] : keys) {
    leaves.push_back(crypto::multihash_sha256(*key));
    leaves.push_back(crypto::multihash_sha256(value ? util::ByteView(*value) : util::ByteView()));
  }
  return crypto::merkle_root(leaves);
}

}  // namespace modchain::state_db::detail
