// Fuzz target: a byte-driven sequence of state database operations on the memory backend, checked against
// a naive model (a full copy of the state per block node). Aborts on any mismatch.
// Each operation takes 3 input bytes: opcode, key selector, value selector.

#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "modchain/crypto/multihash.hpp"
#include "modchain/state_db/state_db.hpp"

using namespace modchain;
using namespace modchain::state_db;

namespace {

using Map = std::map<util::Bytes, util::Bytes>;

void check(bool ok) {
  if (!ok) std::abort();
}

struct Tracked {
  StateNode node;
  Map state;
};

const ObjectSpace k_spaces[] = {{true, {}, 0}, {false, {1}, 1}};

util::Bytes key_of(uint8_t selector) {
  static const char* keys[] = {"", "a", "b", "aa", "ab", "ba", "abc", "z"};
  return util::to_bytes(std::string_view(keys[selector & 7]));
}

void compare(const Tracked& t, uint8_t selector) {
  const ObjectSpace& space = k_spaces[(selector >> 3) & 1];
  util::Bytes key = key_of(selector);
  util::Bytes db_key = serialize_database_key(space, key);
  util::Bytes prefix = space_prefix(space);
  auto value = t.node.get_object(space, key);
  check(value.ok());
  auto it = t.state.find(db_key);
  check(*value == (it == t.state.end() ? std::nullopt : std::optional<util::Bytes>(it->second)));
  auto next = t.node.get_next_object(space, key);
  check(next.ok());
  auto up = t.state.upper_bound(db_key);
  bool in_space = up != t.state.end() && up->first.size() >= prefix.size() &&
                  std::equal(prefix.begin(), prefix.end(), up->first.begin());
  check(next->has_value() == in_space);
  if (in_space) check((*next)->value == up->second);
  auto prev = t.node.get_prev_object(space, key);
  check(prev.ok());
  auto low = t.state.lower_bound(db_key);
  bool prev_in_space = false;
  if (low != t.state.begin()) {
    --low;
    prev_in_space = low->first.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), low->first.begin());
  }
  check(prev->has_value() == prev_in_space);
  if (prev_in_space) check((*prev)->value == low->second);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto db = std::move(Database::open(make_memory_backend(), ForkResolution::fifo).value());
  std::vector<Tracked> finalized{{db->root(), {}}};
  Tracked block{db->root(), {}};
  bool open_block = false;
  Tracked anon;
  bool has_anon = false;
  uint64_t counter = 0;
  for (size_t i = 0; i + 3 <= size; i += 3) {
    uint8_t op = data[i] % 8, selector = data[i + 1], value_byte = data[i + 2];
    Tracked& target = has_anon ? anon : block;
    const ObjectSpace& space = k_spaces[(selector >> 3) & 1];
    util::Bytes key = key_of(selector);
    util::Bytes db_key = serialize_database_key(space, key);
    if (op <= 1 && open_block) {  // put / remove on the innermost writable node
      if (op == 0) {
        util::Bytes value(value_byte % 5, value_byte);
        check(target.node.put_object(space, key, value).ok());
        target.state[db_key] = value;
      } else {
        check(target.node.remove_object(space, key).ok());
        target.state.erase(db_key);
      }
    } else if (op == 2 && open_block && !has_anon) {
      anon = Tracked{block.node.create_anonymous_node().value(), block.state};
      has_anon = true;
    } else if (op == 3 && has_anon) {  // commit or discard the anonymous node
      if (value_byte & 1) {
        check(anon.node.commit().ok());
        block.state = anon.state;
      } else {
        check(anon.node.discard().ok());
      }
      has_anon = false;
    } else if (op == 4 && !open_block) {  // new block on a random finalized node
      const Tracked& parent = finalized[value_byte % finalized.size()];
      if (!parent.node.is_alive()) continue;
      BlockInfo info{crypto::multihash_sha256(util::as_bytes(std::to_string(++counter))).to_bytes(),
                     parent.node.revision() + 1, counter, {}};
      block = Tracked{db->create_block_node(parent.node.id(), info, {}).value(), parent.state};
      open_block = true;
    } else if (op == 5 && open_block) {
      has_anon = false;
      check(db->finalize_node(block.node.id()).ok());
      check(block.node.merkle_root().ok());
      finalized.push_back(block);
      open_block = false;
    } else if (op == 6 && !open_block) {  // LIB commit of the head's parent chain node
      StateNode head = db->head();
      if (head.revision() == db->root().revision()) continue;
      check(db->commit_node(head.id()).ok());
      std::vector<Tracked> alive;
      for (auto& t : finalized) {
        if (t.node.is_alive()) alive.push_back(t);
      }
      finalized = std::move(alive);
    } else if (op == 7) {
      if (open_block) compare(target, selector);
      const Tracked& some = finalized[value_byte % finalized.size()];
      if (some.node.is_alive()) compare(some, selector);
    }
  }
  return 0;
}
