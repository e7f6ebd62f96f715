#include "modchain/state_db/model_harness.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "modchain/crypto/merkle.hpp"
#include "modchain/state_db/test_support.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db::testing {
namespace {

using Map = std::map<util::Bytes, util::Bytes>;
using Entries = std::vector<std::pair<util::Bytes, std::optional<util::Bytes>>>;

enum class Life { alive, dead, untracked };

struct ModelNode {
  int parent = -1;
  bool anonymous = false;
  bool finalized = false;
  Life life = Life::alive;
  int anon_child = -1;  // top of this node's anonymous stack starts here
  BlockInfo info;
  std::optional<crypto::Multihash> merkle;  // expected delta merkle root once finalized
  Map state;               // full merged state (serialized key → value)
  Map written;             // keys written in this node's delta
  std::set<util::Bytes> removed;  // keys marked removed in this node's delta
  StateNode handle;
};

const ObjectSpace k_spaces[] = {{true, {}, 0}, {true, {}, 1}, {false, {7}, 2}};

std::vector<util::Bytes> make_keys() {
  std::vector<util::Bytes> keys;
  for (const char* k : {"", "a", "b", "aa", "ab", "ba", "abc", "zz"}) keys.push_back(util::to_bytes(std::string_view(k)));
  keys.push_back(util::Bytes{0x00});
  keys.push_back(util::Bytes{0xff, 0x01});
  keys.push_back(util::Bytes(130, 'z'));  // two-byte length prefix
  return keys;
}

bool has_prefix(const util::Bytes& key, const util::Bytes& prefix) {
  return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

class ModelRun {
 public:
  ModelRun(BackendKind kind, uint64_t seed) : m_factory(kind), m_rng(seed), m_keys(make_keys()) {}

  void run(int steps);

 private:
  uint64_t pick(uint64_t n) { return m_rng() % n; }
  bool chance(int percent) { return static_cast<int>(pick(100)) < percent; }
  const ObjectSpace& random_space() { return k_spaces[pick(3)]; }
  const util::Bytes& random_key() { return m_keys[pick(m_keys.size())]; }
  util::Bytes random_value() {
    util::Bytes v(pick(9));
    for (auto& c : v) c = static_cast<uint8_t>('a' + pick(26));
    return v;
  }
  std::vector<int> nodes_where(bool (*pred)(const ModelNode&)) const {
    std::vector<int> out;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
      if (pred(m_nodes[i])) out.push_back(static_cast<int>(i));
    }
    return out;
  }
  int top_of_stack(int index) const {
    while (m_nodes[index].anon_child >= 0) index = m_nodes[index].anon_child;
    return index;
  }

  void open_fresh();
  void step();
  void op_write(bool remove);
  void op_anonymous(int kind);
  void op_new_block();
  void op_finalize();
  void op_discard();
  void op_commit();
  void op_reopen();
  void drop_anon_stack(int index);
  void kill_all_but(int keep_root_descendants_of);
  bool descends(int node, int ancestor) const;

  void check_after_step();
  void probe(int index);
  void full_scan(int index);
  void check_delta(int index);
  Entries expected_entries(const ModelNode& node) const;

  DbFactory m_factory;
  std::unique_ptr<Database> m_db;
  std::mt19937_64 m_rng;
  std::vector<util::Bytes> m_keys;
  std::vector<ModelNode> m_nodes;
  int m_root = 0;
  int m_head = 0;
  uint64_t m_next_block = 1;
  int m_step = 0;
};

void ModelRun::open_fresh() {
  m_db = m_factory.open(ForkResolution::fifo);
  ModelNode root;
  root.finalized = true;
  root.info = m_db->root().block_info();
  root.merkle = crypto::zero_multihash();
  root.handle = m_db->root();
  m_nodes.push_back(std::move(root));
}

void ModelRun::run(int steps) {
  open_fresh();
  for (m_step = 0; m_step < steps; ++m_step) {
    step();
    if (::testing::Test::HasFailure()) return;
    check_after_step();
    if (::testing::Test::HasFailure()) return;
  }
}

void ModelRun::step() {
  int roll = static_cast<int>(pick(100));
  if (roll < 30) return op_write(false);
  if (roll < 45) return op_write(true);
  if (roll < 63) return op_anonymous(roll % 3);
  if (roll < 75) return op_new_block();
  if (roll < 85) return op_finalize();
  if (roll < 89) return op_discard();
  if (roll < 97) return op_commit();
  if (roll < 98) return op_reopen();
  // Else: a step without a write (probes only).
}

void ModelRun::op_write(bool remove) {
  auto writable = nodes_where([](const ModelNode& n) { return n.life == Life::alive && !n.anonymous && !n.finalized; });
  if (writable.empty()) return;
  int index = top_of_stack(writable[pick(writable.size())]);
  ModelNode& node = m_nodes[index];
  const ObjectSpace& space = random_space();
  util::Bytes key = random_key();
  util::Bytes db_key = serialize_database_key(space, key);
  auto old = node.state.find(db_key);
  if (remove) {
    int64_t expected = old == node.state.end() ? 0 : -static_cast<int64_t>(old->second.size() + db_key.size());
    if (old != node.state.end()) {
      node.state.erase(old);
      node.written.erase(db_key);
      node.removed.insert(db_key);
    }
    auto delta = node.handle.remove_object(space, key);
    ASSERT_TRUE(delta.ok()) << delta.error().describe();
    EXPECT_EQ(*delta, expected) << "remove " << util::to_hex(db_key);
    return;
  }
  util::Bytes value = random_value();
  int64_t expected = old == node.state.end() ? static_cast<int64_t>(db_key.size() + value.size())
                                             : static_cast<int64_t>(value.size()) - static_cast<int64_t>(old->second.size());
  node.state[db_key] = value;
  node.written[db_key] = value;
  auto delta = node.handle.put_object(space, key, value);
  ASSERT_TRUE(delta.ok()) << delta.error().describe();
  EXPECT_EQ(*delta, expected) << "put " << util::to_hex(db_key);
}

// kind 0: push a new anonymous node; 1: commit the top one; 2: discard the top one.
void ModelRun::op_anonymous(int kind) {
  auto blocks = nodes_where([](const ModelNode& n) { return n.life == Life::alive && !n.anonymous && !n.finalized; });
  if (blocks.empty()) return;
  int top = top_of_stack(blocks[pick(blocks.size())]);
  if (kind == 0) {
    ModelNode anon;
    anon.anonymous = true;
    anon.parent = top;
    anon.info = m_nodes[top].info;
    anon.state = m_nodes[top].state;
    auto handle = m_nodes[top].handle.create_anonymous_node();
    ASSERT_TRUE(handle.ok());
    anon.handle = *handle;
    m_nodes.push_back(std::move(anon));
    m_nodes[top].anon_child = static_cast<int>(m_nodes.size()) - 1;
    return;
  }
  ModelNode& node = m_nodes[top];
  if (!node.anonymous) return;
  ModelNode& parent = m_nodes[node.parent];
  if (kind == 1) {
    for (const auto& key : node.removed) {
      parent.written.erase(key);
      parent.removed.insert(key);
    }
    for (const auto& [key, value] : node.written) {
      parent.written[key] = value;
      parent.removed.erase(key);
    }
    parent.state = node.state;
    ASSERT_TRUE(node.handle.commit().ok());
  } else {
    node.state = parent.state;
    ASSERT_TRUE(node.handle.discard().ok());
  }
  node.written.clear();
  node.removed.clear();
}

void ModelRun::op_new_block() {
  auto finalized = nodes_where([](const ModelNode& n) { return n.life == Life::alive && !n.anonymous && n.finalized; });
  int parent = chance(60) ? m_head : finalized[pick(finalized.size())];
  ModelNode node;
  node.parent = parent;
  node.info = test_block(m_next_block++, m_nodes[parent].info.height + 1, pick(1000), {});
  node.state = m_nodes[parent].state;
  auto handle = m_db->create_block_node(m_nodes[parent].info.id, node.info, util::to_bytes("h"));
  ASSERT_TRUE(handle.ok()) << handle.error().describe();
  node.handle = *handle;
  m_nodes.push_back(std::move(node));
}

void ModelRun::drop_anon_stack(int index) {
  for (int a = m_nodes[index].anon_child; a >= 0; a = m_nodes[a].anon_child) m_nodes[a].life = Life::untracked;
  m_nodes[index].anon_child = -1;
}

void ModelRun::op_finalize() {
  auto open = nodes_where([](const ModelNode& n) { return n.life == Life::alive && !n.anonymous && !n.finalized; });
  if (open.empty()) return;
  int index = open[pick(open.size())];
  drop_anon_stack(index);
  m_nodes[index].finalized = true;
  if (m_nodes[index].info.height > m_nodes[m_head].info.height) m_head = index;  // fifo
  auto status = m_db->finalize_node(m_nodes[index].info.id);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  std::vector<crypto::Multihash> leaves;
  for (const auto& [key, value] : expected_entries(m_nodes[index])) {
    leaves.push_back(crypto::multihash_sha256(key));
    leaves.push_back(crypto::multihash_sha256(value ? *value : util::Bytes{}));
  }
  m_nodes[index].merkle = crypto::merkle_root(leaves);
  check_delta(index);
}

bool ModelRun::descends(int node, int ancestor) const {
  for (; node >= 0; node = m_nodes[node].parent) {
    if (node == ancestor) return true;
  }
  return false;
}

void ModelRun::op_discard() {
  auto blocks = nodes_where([](const ModelNode& n) { return n.life == Life::alive && !n.anonymous; });
  int index = blocks[pick(blocks.size())];
  if (index == m_root) return;
  auto status = m_db->discard_node(m_nodes[index].info.id);
  if (descends(m_head, index)) {
    ASSERT_FALSE(status.ok()) << "discarding an ancestor of the head must fail";
    return;
  }
  ASSERT_TRUE(status.ok()) << status.error().describe();
  for (size_t i = 0; i < m_nodes.size(); ++i) {
    if (m_nodes[i].life == Life::alive && descends(static_cast<int>(i), index)) {
      m_nodes[i].life = m_nodes[i].anonymous ? Life::untracked : Life::dead;
    }
  }
}

void ModelRun::kill_all_but(int new_root) {
  for (size_t i = 0; i < m_nodes.size(); ++i) {
    if (m_nodes[i].life != Life::alive) continue;
    bool keep = new_root >= 0 && descends(static_cast<int>(i), new_root);
    if (!keep) m_nodes[i].life = m_nodes[i].anonymous ? Life::untracked : Life::dead;
  }
}

void ModelRun::op_commit() {
  std::vector<int> chain;
  for (int n = m_head; n != m_root; n = m_nodes[n].parent) chain.push_back(n);
  if (chain.empty()) return;
  int index = chain[pick(chain.size())];
  auto status = m_db->commit_node(m_nodes[index].info.id);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  kill_all_but(index);
  m_nodes[index].written.clear();
  m_nodes[index].removed.clear();
  m_nodes[index].parent = -1;  // the path above is gone
  m_root = index;
}

void ModelRun::op_reopen() {
  m_db.reset();
  for (auto& node : m_nodes) {
    if (node.life == Life::alive) node.life = node.anonymous ? Life::untracked : Life::dead;
  }
  m_db = m_factory.open(ForkResolution::fifo);
  ModelNode root;
  root.finalized = true;
  root.info = m_nodes[m_root].info;
  root.merkle = m_nodes[m_root].merkle;
  root.state = m_nodes[m_root].state;
  root.handle = m_db->root();
  EXPECT_EQ(m_db->root().block_info(), root.info);
  m_nodes.push_back(std::move(root));
  m_root = m_head = static_cast<int>(m_nodes.size()) - 1;
}

Entries ModelRun::expected_entries(const ModelNode& node) const {
  Entries entries;
  for (const auto& [key, value] : node.written) entries.emplace_back(key, value);
  for (const auto& key : node.removed) {
    auto it = node.written.find(key);
    entries.emplace_back(key, it == node.written.end() ? std::nullopt : std::optional<util::Bytes>(it->second));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return entries;
}

void ModelRun::check_delta(int index) {
  const ModelNode& node = m_nodes[index];
  auto real = node.handle.delta_entries();
  ASSERT_TRUE(real.ok()) << real.error().describe();
  Entries got;
  for (const auto& e : *real) got.emplace_back(serialize_database_key(e.space, e.key), e.value);
  EXPECT_EQ(got, expected_entries(node)) << "delta entries of node " << index;
  if (node.finalized) {
    auto root = node.handle.merkle_root();
    ASSERT_TRUE(root.ok()) << root.error().describe();
    EXPECT_EQ(*root, *node.merkle) << "merkle root of node " << index;
  }
}

void ModelRun::probe(int index) {
  const ModelNode& node = m_nodes[index];
  const ObjectSpace& space = random_space();
  const util::Bytes& key = random_key();
  util::Bytes db_key = serialize_database_key(space, key);
  util::Bytes prefix = space_prefix(space);
  auto value = node.handle.get_object(space, key);
  ASSERT_TRUE(value.ok()) << value.error().describe();
  auto it = node.state.find(db_key);
  EXPECT_EQ(*value, it == node.state.end() ? std::nullopt : std::optional<util::Bytes>(it->second))
      << "get " << util::to_hex(db_key) << " on node " << index;

  auto to_object = [&](Map::const_iterator at) -> std::optional<KeyValue> {
    if (at == node.state.end() || !has_prefix(at->first, prefix)) return std::nullopt;
    return KeyValue{parse_database_key(at->first).value().key, at->second};
  };
  auto next = node.handle.get_next_object(space, key);
  ASSERT_TRUE(next.ok()) << next.error().describe();
  EXPECT_EQ(*next, to_object(node.state.upper_bound(db_key))) << "next " << util::to_hex(db_key) << " on node " << index;
  auto prev = node.handle.get_prev_object(space, key);
  ASSERT_TRUE(prev.ok()) << prev.error().describe();
  auto lower = node.state.lower_bound(db_key);
  std::optional<KeyValue> expected_prev;
  if (lower != node.state.begin()) expected_prev = to_object(std::prev(lower));
  EXPECT_EQ(*prev, expected_prev) << "prev " << util::to_hex(db_key) << " on node " << index;
}

void ModelRun::full_scan(int index) {
  const ModelNode& node = m_nodes[index];
  for (const auto& space : k_spaces) {
    util::Bytes prefix = space_prefix(space);
    std::vector<KeyValue> expected;
    for (auto it = node.state.upper_bound(prefix); it != node.state.end() && has_prefix(it->first, prefix); ++it) {
      expected.push_back({parse_database_key(it->first).value().key, it->second});
    }
    std::vector<KeyValue> got;
    util::Bytes cursor;
    while (true) {
      auto next = node.handle.get_next_object(space, cursor);
      ASSERT_TRUE(next.ok()) << next.error().describe();
      if (!next->has_value()) break;
      cursor = (*next)->key;
      got.push_back(std::move(**next));
    }
    EXPECT_EQ(got, expected) << "full scan of node " << index;
  }
}

void ModelRun::check_after_step() {
  SCOPED_TRACE("step " + std::to_string(m_step));
  EXPECT_EQ(m_db->head().id(), m_nodes[m_head].info.id) << "head";
  EXPECT_EQ(m_db->root().id(), m_nodes[m_root].info.id) << "root";
  EXPECT_EQ(m_db->root().merkle_root().value(), *m_nodes[m_root].merkle) << "root merkle root";
  auto alive = nodes_where([](const ModelNode& n) { return n.life == Life::alive; });
  for (int i = 0; i < 3 && !::testing::Test::HasFailure(); ++i) probe(alive[pick(alive.size())]);
  if (m_step % 25 == 0) {
    int index = alive[pick(alive.size())];
    full_scan(index);
    check_delta(index);
    auto dead = nodes_where([](const ModelNode& n) { return n.life == Life::dead; });
    if (!dead.empty()) {
      const ModelNode& gone = m_nodes[dead[pick(dead.size())]];
      EXPECT_FALSE(gone.handle.get_object(k_spaces[0], m_keys[1]).ok()) << "dead handle must fail";
      EXPECT_FALSE(gone.handle.is_alive());
    }
  }
}

}  // namespace

void run_model_test(BackendKind kind, uint64_t seed, int steps) {
  SCOPED_TRACE("model test seed " + std::to_string(seed) + " backend " + backend_name(kind) +
               " (rerun with MODCHAIN_STATE_DB_SEED=" + std::to_string(seed) + ")");
  ModelRun(kind, seed).run(steps);
}

uint64_t seed_from_env(uint64_t fallback) {
  const char* text = std::getenv("MODCHAIN_STATE_DB_SEED");
  return text ? std::strtoull(text, nullptr, 10) : fallback;
}

}  // namespace modchain::state_db::testing
