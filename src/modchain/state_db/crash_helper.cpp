// Child process of the crash test: applies random blocks (with anonymous transaction nodes) on a RocksDB
// state database and commits LIBs, announcing each commit on stdout before and after it. The parent kills
// it with SIGKILL at a random moment. Usage: state_db_crash_helper <dir> <seed> <max commits>

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "modchain/crypto/multihash.hpp"
#include "modchain/state_db/crash_protocol.hpp"
#include "modchain/util/encoding.hpp"

using namespace modchain;
using namespace modchain::state_db;

namespace {

using State = std::map<util::Bytes, util::Bytes>;

void announce(const std::string& line) {
  std::string text = line + "\n";
  if (::write(1, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::_Exit(3);
}

[[noreturn]] void fail(const std::string& what, const util::Error& error) {
  announce("error " + what + ": " + error.describe());
  std::_Exit(2);
}

struct Helper {
  std::unique_ptr<Database> db;
  std::mt19937_64 rng;
  std::vector<util::Bytes> universe = testing::crash_universe();
  std::map<util::Bytes, State> states;  // block id → full state (naive model)
  uint64_t counter = 0;
  uint64_t seed;

  uint64_t pick(uint64_t n) { return rng() % n; }

  void random_ops(StateNode& node, State& state, int count) {
    for (int i = 0; i < count; ++i) {
      const util::Bytes& key = universe[pick(universe.size())];
      auto parsed = parse_database_key(key).value();
      if (pick(100) < 70) {
        util::Bytes value(pick(100) < 10 ? pick(4000) : pick(64), static_cast<uint8_t>('a' + pick(26)));
        auto r = node.put_object(parsed.space, parsed.key, value);
        if (!r) fail("put", r.error());
        state[key] = value;
      } else {
        auto r = node.remove_object(parsed.space, parsed.key);
        if (!r) fail("remove", r.error());
        state.erase(key);
      }
    }
  }

  void apply_block(const StateNode& parent) {
    BlockInfo info{crypto::multihash_sha256(util::as_bytes("crash " + std::to_string(seed) + " " +
                                                           std::to_string(counter++))).to_bytes(),
                   parent.revision() + 1, counter, {}};
    auto node = db->create_block_node(parent.id(), info, util::as_bytes("header"));
    if (!node) fail("create", node.error());
    State state = states.at(parent.id());
    for (int trx = 0, n = static_cast<int>(1 + pick(4)); trx < n; ++trx) {
      auto anon = node->create_anonymous_node();
      if (!anon) fail("anonymous", anon.error());
      State scratch = state;
      random_ops(*anon, scratch, static_cast<int>(1 + pick(20)));
      if (pick(100) < 80) {
        auto status = anon->commit();
        if (!status) fail("anonymous commit", status.error());
        state = std::move(scratch);
      }
    }
    random_ops(*node, state, static_cast<int>(pick(10)));
    auto status = db->finalize_node(info.id);
    if (!status) fail("finalize", status.error());
    states[info.id] = std::move(state);
  }

  std::string describe(const StateNode& node) {
    return std::to_string(node.revision()) + " " + util::to_hex(node.id()) + " " +
           util::to_hex(node.merkle_root().value().to_bytes()) + " " +
           std::to_string(testing::crash_digest_of(states.at(node.id())));
  }

  void commit_lib() {
    StateNode head = db->head();
    uint64_t root = db->root().revision();
    if (head.revision() <= root) return;
    uint64_t target = root + 1 + pick(head.revision() - root);
    StateNode lib = db->node_at_revision(target).value();
    announce("committing " + describe(lib));
    auto status = db->commit_node(lib.id());
    if (!status) fail("commit", status.error());
    announce("committed " + describe(lib));
    for (auto it = states.begin(); it != states.end();) {
      it = db->get_node(it->first) ? std::next(it) : states.erase(it);
    }
  }

  void run(uint64_t max_commits) {
    for (uint64_t commits = 0; commits < max_commits; ++commits) {
      for (int i = 0, n = static_cast<int>(1 + pick(4)); i < n; ++i) {
        StateNode parent = db->head();
        if (pick(100) < 20) {
          auto it = std::next(states.begin(), static_cast<long>(pick(states.size())));
          parent = db->get_node(it->first);
        }
        apply_block(parent);
      }
      commit_lib();
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    announce("error usage: state_db_crash_helper <dir> <seed> <max commits>");
    return 1;
  }
  Helper helper;
  helper.seed = std::strtoull(argv[2], nullptr, 10);
  helper.rng.seed(helper.seed);
  DatabaseOptions options;
  options.rocksdb.path = argv[1];
  auto db = Database::open(options);
  if (!db) fail("open", db.error());
  helper.db = std::move(*db);
  StateNode root = helper.db->root();
  State state;
  for (const auto& key : helper.universe) {
    auto value = root.get_raw(key);
    if (!value) fail("read", value.error());
    if (value->has_value()) state[key] = **value;
  }
  helper.states[root.id()] = std::move(state);
  announce("ready " + helper.describe(root));
  helper.run(std::strtoull(argv[3], nullptr, 10));
  announce("done");
  return 0;
}
