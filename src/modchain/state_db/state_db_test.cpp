#include "modchain/state_db/state_db.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "modchain/crypto/merkle.hpp"
#include "modchain/state_db/test_support.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db {
namespace {

using testing::b;
using testing::test_block;
using testing::test_block_id;
using util::ErrorCode;

const ObjectSpace k_space{true, {}, 0};
const ObjectSpace k_other{true, {}, 1};
const ObjectSpace k_user{false, {0x01, 0x02}, 3};

class StateDb : public ::testing::TestWithParam<BackendKind> {
 protected:
  StateDb() : factory(GetParam()) { db = factory.open(); }

  void reopen(ForkResolution resolution = ForkResolution::fifo) {
    db.reset();
    db = factory.open(resolution);
  }

  // Creates block `n` on `parent` at parent height + 1, runs `fill` on it and finalizes it.
  template <class Fill>
  StateNode block(uint64_t n, const StateNode& parent, Fill&& fill) {
    auto node = db->create_block_node(parent.id(), test_block(n, parent.revision() + 1), b("header"));
    EXPECT_TRUE(node.ok()) << node.error().describe();
    fill(*node);
    EXPECT_TRUE(db->finalize_node(node->id()).ok());
    return *node;
  }
  StateNode block(uint64_t n, const StateNode& parent) {
    return block(n, parent, [](StateNode&) {});
  }

  static std::optional<util::Bytes> get(const StateNode& node, const ObjectSpace& space, std::string_view key) {
    auto value = node.get_object(space, b(key));
    EXPECT_TRUE(value.ok()) << value.error().describe();
    return value.ok() ? *value : std::nullopt;
  }
  static void put(StateNode& node, const ObjectSpace& space, std::string_view key, std::string_view value) {
    auto delta = node.put_object(space, b(key), b(value));
    ASSERT_TRUE(delta.ok()) << delta.error().describe();
  }
  static void remove(StateNode& node, const ObjectSpace& space, std::string_view key) {
    auto delta = node.remove_object(space, b(key));
    ASSERT_TRUE(delta.ok()) << delta.error().describe();
  }
  static std::string next_key(const StateNode& node, const ObjectSpace& space, std::string_view key) {
    auto found = node.get_next_object(space, b(key));
    EXPECT_TRUE(found.ok());
    if (!found.ok() || !found->has_value()) return "<none>";
    return util::to_string((*found)->key) + "=" + util::to_string((*found)->value);
  }
  static std::string prev_key(const StateNode& node, const ObjectSpace& space, std::string_view key) {
    auto found = node.get_prev_object(space, b(key));
    EXPECT_TRUE(found.ok());
    if (!found.ok() || !found->has_value()) return "<none>";
    return util::to_string((*found)->key) + "=" + util::to_string((*found)->value);
  }
  static crypto::Multihash expected_root(const std::vector<std::pair<util::Bytes, std::optional<util::Bytes>>>& entries) {
    std::vector<crypto::Multihash> leaves;
    for (const auto& [key, value] : entries) {
      leaves.push_back(crypto::multihash_sha256(key));
      leaves.push_back(crypto::multihash_sha256(value ? *value : util::Bytes{}));
    }
    return crypto::merkle_root(leaves);
  }

  testing::DbFactory factory;
  std::unique_ptr<Database> db;
};

TEST_P(StateDb, FreshDatabaseHasGenesisRoot) {
  EXPECT_TRUE(db->is_fresh());
  StateNode root = db->root();
  EXPECT_EQ(root.revision(), 0u);
  EXPECT_EQ(root.id(), crypto::zero_multihash().to_bytes());
  EXPECT_EQ(root.merkle_root().value(), crypto::zero_multihash());
  EXPECT_TRUE(root.is_finalized());
  EXPECT_TRUE(root.is_root());
  EXPECT_EQ(db->head(), root);
  ASSERT_EQ(db->fork_heads().size(), 1u);
  EXPECT_EQ(db->fork_heads()[0], root);
  EXPECT_EQ(get(root, k_space, "a"), std::nullopt);
  EXPECT_EQ(db->node_count(), 1u);
}

TEST_P(StateDb, GenesisEntriesGoIntoTheRootAndSurviveReopen) {
  std::vector<GenesisEntry> entries{{k_space, b("a"), b("1")}, {k_user, b("b"), b("2")}, {k_space, b(""), b("e")}};
  ASSERT_TRUE(db->apply_genesis(entries).ok());
  EXPECT_FALSE(db->is_fresh());
  EXPECT_EQ(get(db->root(), k_space, "a"), b("1"));
  EXPECT_EQ(get(db->root(), k_space, ""), b("e"));
  auto again = db->apply_genesis(entries);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::block_state_error);
  reopen();
  EXPECT_FALSE(db->is_fresh());
  EXPECT_EQ(db->root().revision(), 0u);
  EXPECT_EQ(db->root().id(), crypto::zero_multihash().to_bytes());
  EXPECT_EQ(db->root().merkle_root().value(), crypto::zero_multihash());
  EXPECT_EQ(get(db->root(), k_user, "b"), b("2"));
}

TEST_P(StateDb, GenesisRejectsDuplicateEntries) {
  std::vector<GenesisEntry> entries{{k_space, b("a"), b("1")}, {k_space, b("a"), b("2")}};
  auto status = db->apply_genesis(entries);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(db->is_fresh());
  EXPECT_EQ(get(db->root(), k_space, "a"), std::nullopt);
}

TEST_P(StateDb, PutGetRemoveReportDiskDeltas) {
  auto node = db->create_block_node(db->root().id(), test_block(1, 1), b("h1")).value();
  const int64_t key_len = static_cast<int64_t>(serialize_database_key(k_space, b("key")).size());  // 4 + 2 + 3
  ASSERT_EQ(key_len, 9);
  EXPECT_EQ(node.put_object(k_space, b("key"), b("abc")).value(), key_len + 3);
  EXPECT_EQ(get(node, k_space, "key"), b("abc"));
  EXPECT_EQ(node.put_object(k_space, b("key"), b("abcdef")).value(), 3);
  EXPECT_EQ(node.put_object(k_space, b("key"), b("a")).value(), -5);
  EXPECT_EQ(node.remove_object(k_space, b("key")).value(), -(key_len + 1));
  EXPECT_EQ(get(node, k_space, "key"), std::nullopt);
  EXPECT_EQ(node.remove_object(k_space, b("key")).value(), 0);
  EXPECT_EQ(node.remove_object(k_space, b("never")).value(), 0);
  // An empty value is an existing object.
  EXPECT_EQ(node.put_object(k_space, b("empty"), {}).value(), 11);
  EXPECT_EQ(get(node, k_space, "empty"), util::Bytes{});
  EXPECT_EQ(node.header(), b("h1"));
  EXPECT_EQ(node.revision(), 1u);
  EXPECT_EQ(node.parent_id(), db->root().id());
}

TEST_P(StateDb, RootAndFinalizedNodesAreReadOnly) {
  StateNode root = db->root();
  auto on_root = root.put_object(k_space, b("a"), b("1"));
  ASSERT_FALSE(on_root.ok());
  EXPECT_EQ(on_root.error().code, ErrorCode::block_state_error);
  StateNode node = block(1, root, [&](StateNode& n) { put(n, k_space, "a", "1"); });
  auto on_final = node.put_object(k_space, b("a"), b("2"));
  ASSERT_FALSE(on_final.ok());
  EXPECT_EQ(on_final.error().code, ErrorCode::block_state_error);
  EXPECT_FALSE(node.remove_object(k_space, b("a")).ok());
  EXPECT_EQ(get(node, k_space, "a"), b("1"));
}

TEST_P(StateDb, ReadsMergeThroughAncestors) {
  ASSERT_TRUE(db->apply_genesis(std::vector<GenesisEntry>{{k_space, b("g"), b("genesis")}}).ok());
  StateNode b1 = block(1, db->root(), [&](StateNode& n) { put(n, k_space, "a", "1"); put(n, k_space, "b", "1"); });
  StateNode b2 = block(2, b1, [&](StateNode& n) { put(n, k_space, "a", "2"); remove(n, k_space, "g"); });
  StateNode b3 = block(3, b2, [&](StateNode& n) { remove(n, k_space, "b"); put(n, k_space, "g", "back"); });
  EXPECT_EQ(get(b1, k_space, "a"), b("1"));
  EXPECT_EQ(get(b2, k_space, "a"), b("2"));
  EXPECT_EQ(get(b2, k_space, "g"), std::nullopt);
  EXPECT_EQ(get(b1, k_space, "g"), b("genesis"));
  EXPECT_EQ(get(b3, k_space, "b"), std::nullopt);
  EXPECT_EQ(get(b3, k_space, "g"), b("back"));
  EXPECT_EQ(get(b3, k_space, "a"), b("2"));
  EXPECT_EQ(get(db->root(), k_space, "a"), std::nullopt);
}

TEST_P(StateDb, NextAndPrevFollowSerializedKeyOrderWithinOneSpace) {
  std::vector<GenesisEntry> genesis{{k_space, b(""), b("empty")}, {k_space, b("aa"), b("2")},
                                    {k_other, b("z"), b("other")}, {ObjectSpace{}, b("x"), b("default")}};
  ASSERT_TRUE(db->apply_genesis(genesis).ok());
  StateNode node = block(1, db->root(), [&](StateNode& n) {
    put(n, k_space, "b", "1");
    put(n, k_space, "aaa", "3");
    put(n, k_space, "c", "c");
    remove(n, k_space, "c");
  });
  // Empty key = start of space; the object stored under the empty key is skipped.
  EXPECT_EQ(next_key(node, k_space, ""), "b=1");
  EXPECT_EQ(next_key(node, k_space, "b"), "aa=2");   // length first: "b" < "aa"
  EXPECT_EQ(next_key(node, k_space, "a"), "b=1");    // "a" absent: strictly greater
  EXPECT_EQ(next_key(node, k_space, "aa"), "aaa=3");
  EXPECT_EQ(next_key(node, k_space, "aaa"), "<none>");  // next space not returned
  EXPECT_EQ(prev_key(node, k_space, "aaa"), "aa=2");
  EXPECT_EQ(prev_key(node, k_space, "aa"), "b=1");
  EXPECT_EQ(prev_key(node, k_space, "b"), "=empty");   // the empty key is a real object for prev
  EXPECT_EQ(prev_key(node, k_space, ""), "<none>");    // previous space not returned
  EXPECT_EQ(prev_key(node, k_space, "zzzz"), "aaa=3");
  EXPECT_EQ(next_key(node, k_other, ""), "z=other");
  EXPECT_EQ(prev_key(node, k_other, ""), "<none>");
  EXPECT_EQ(next_key(node, ObjectSpace{}, ""), "x=default");
  EXPECT_EQ(next_key(node, k_user, ""), "<none>");
  EXPECT_EQ(prev_key(node, k_user, "q"), "<none>");
  // Removed keys are skipped in both directions, also when the removal hides a committed object.
  StateNode child = block(2, node, [&](StateNode& n) { remove(n, k_space, "aa"); remove(n, k_space, "b"); });
  EXPECT_EQ(next_key(child, k_space, ""), "aaa=3");
  EXPECT_EQ(prev_key(child, k_space, "aaa"), "=empty");
}

TEST_P(StateDb, AnonymousCommitSquashesRemovalsThenPuts) {
  ASSERT_TRUE(db->apply_genesis(std::vector<GenesisEntry>{{k_space, b("x"), b("0")}}).ok());
  auto node = db->create_block_node(db->root().id(), test_block(1, 1), {}).value();
  auto trx = node.create_anonymous_node().value();
  EXPECT_TRUE(trx.is_anonymous());
  EXPECT_EQ(trx.id(), node.id());
  remove(trx, k_space, "x");
  put(trx, k_space, "x", "1");  // remove then put inside the transaction
  put(trx, k_space, "y", "2");
  EXPECT_EQ(get(node, k_space, "y"), std::nullopt);  // not visible in the block before commit
  EXPECT_EQ(get(trx, k_space, "y"), b("2"));
  ASSERT_TRUE(trx.commit().ok());
  EXPECT_EQ(get(node, k_space, "x"), b("1"));
  EXPECT_EQ(get(node, k_space, "y"), b("2"));
  EXPECT_EQ(get(trx, k_space, "y"), b("2"));  // the committed node is empty and sees its parent
  // Squash cleaned the removed mark: x appears once.
  auto entries = node.delta_entries().value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], (DeltaEntry{k_space, b("x"), b("1")}));
  EXPECT_EQ(entries[1], (DeltaEntry{k_space, b("y"), b("2")}));

  auto reverted = node.create_anonymous_node().value();
  put(reverted, k_space, "z", "3");
  remove(reverted, k_space, "y");
  ASSERT_TRUE(reverted.discard().ok());
  EXPECT_EQ(get(reverted, k_space, "y"), b("2"));
  EXPECT_EQ(get(node, k_space, "z"), std::nullopt);
  EXPECT_EQ(node.delta_entries().value().size(), 2u);
}

TEST_P(StateDb, AnonymousPutThenRemoveLeavesRemovedMarkInBlock) {
  auto node = db->create_block_node(db->root().id(), test_block(1, 1), {}).value();
  auto trx = node.create_anonymous_node().value();
  put(trx, k_space, "new", "v");
  remove(trx, k_space, "new");
  ASSERT_TRUE(trx.commit().ok());
  auto entries = node.delta_entries().value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0], (DeltaEntry{k_space, b("new"), std::nullopt}));
}

TEST_P(StateDb, AnonymousNodesNestAndCannotCommitIntoFinalizedNodes) {
  auto node = db->create_block_node(db->root().id(), test_block(1, 1), {}).value();
  auto outer = node.create_anonymous_node().value();
  put(outer, k_space, "a", "1");
  auto inner = outer.create_anonymous_node().value();
  put(inner, k_space, "b", "2");
  ASSERT_TRUE(inner.commit().ok());
  EXPECT_EQ(get(outer, k_space, "b"), b("2"));
  EXPECT_EQ(get(node, k_space, "b"), std::nullopt);
  ASSERT_TRUE(outer.commit().ok());
  EXPECT_EQ(get(node, k_space, "b"), b("2"));
  ASSERT_TRUE(db->finalize_node(node.id()).ok());
  auto late = node.create_anonymous_node().value();
  put(late, k_space, "c", "3");  // read-only contexts may still write into a scratch node
  auto status = late.commit();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::block_state_error);
  EXPECT_FALSE(node.commit().ok());  // block nodes are not squashed
}

TEST_P(StateDb, RemoveThenPutInBlockListsKeyTwice) {
  ASSERT_TRUE(db->apply_genesis(std::vector<GenesisEntry>{{k_space, b("k"), b("old")}}).ok());
  StateNode node = block(1, db->root(), [&](StateNode& n) {
    remove(n, k_space, "k");
    put(n, k_space, "k", "new");
    put(n, k_space, "a", "1");
  });
  auto entries = node.delta_entries().value();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0], (DeltaEntry{k_space, b("a"), b("1")}));
  EXPECT_EQ(entries[1], (DeltaEntry{k_space, b("k"), b("new")}));
  EXPECT_EQ(entries[2], (DeltaEntry{k_space, b("k"), b("new")}));
  auto a = serialize_database_key(k_space, b("a"));
  auto k = serialize_database_key(k_space, b("k"));
  EXPECT_EQ(node.merkle_root().value(), expected_root({{a, b("1")}, {k, b("new")}, {k, b("new")}}));
  EXPECT_NE(node.merkle_root().value(), expected_root({{a, b("1")}, {k, b("new")}}));
}

TEST_P(StateDb, PutThenRemoveOfNewKeyInBlockLeavesRemovedEntry) {
  StateNode node = block(1, db->root(), [&](StateNode& n) {
    put(n, k_space, "tmp", "v");
    remove(n, k_space, "tmp");
  });
  auto entries = node.delta_entries().value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0], (DeltaEntry{k_space, b("tmp"), std::nullopt}));
  EXPECT_EQ(node.merkle_root().value(), expected_root({{serialize_database_key(k_space, b("tmp")), std::nullopt}}));
  EXPECT_EQ(get(node, k_space, "tmp"), std::nullopt);
}

TEST_P(StateDb, RemovingAnAbsentKeyRecordsNothing) {
  StateNode node = block(1, db->root(), [&](StateNode& n) { remove(n, k_space, "ghost"); });
  EXPECT_TRUE(node.delta_entries().value().empty());
  EXPECT_EQ(node.merkle_root().value(), crypto::empty_multihash());  // zero leaves = H("")
}

TEST_P(StateDb, MerkleRootOnlyAfterFinalize) {
  auto node = db->create_block_node(db->root().id(), test_block(1, 1), {}).value();
  put(node, k_user, "b", "2");
  put(node, k_space, "a", "1");
  auto early = node.merkle_root();
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::block_state_error);
  ASSERT_TRUE(db->finalize_node(node.id()).ok());
  EXPECT_TRUE(node.is_finalized());
  // Sorted by serialized key: the system space (0a 02 08 01 ...) sorts after the user space (0a 07 12 ...).
  auto user_key = serialize_database_key(k_user, b("b"));
  auto sys_key = serialize_database_key(k_space, b("a"));
  ASSERT_LT(sys_key, user_key);
  EXPECT_EQ(node.merkle_root().value(), expected_root({{sys_key, b("1")}, {user_key, b("2")}}));
  auto entries = node.delta_entries().value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].space, k_space);
  EXPECT_EQ(entries[1].space, k_user);
  auto twice = db->finalize_node(node.id());
  EXPECT_FALSE(twice.ok());
}

TEST_P(StateDb, CreateBlockNodeErrors) {
  StateNode b1 = block(1, db->root());
  auto unknown = db->create_block_node(test_block_id(99), test_block(2, 2), {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::unknown_previous_block);
  auto height = db->create_block_node(b1.id(), test_block(2, 3), {});
  ASSERT_FALSE(height.ok());
  EXPECT_EQ(height.error().code, ErrorCode::unexpected_height);
  auto dup = db->create_block_node(db->root().id(), test_block(1, 1), {});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::block_state_error);
  auto open = db->create_block_node(b1.id(), test_block(2, 2), {}).value();
  auto on_open = db->create_block_node(open.id(), test_block(3, 3), {});
  ASSERT_FALSE(on_open.ok());
  EXPECT_EQ(on_open.error().code, ErrorCode::block_state_error);
  ASSERT_TRUE(db->finalize_node(open.id()).ok());
  ASSERT_TRUE(db->commit_node(b1.id()).ok());
  auto pre = db->create_block_node(db->root().id(), test_block(5, 1), {});
  ASSERT_FALSE(pre.ok());
  EXPECT_EQ(pre.error().code, ErrorCode::pre_irreversibility_block);
  auto pre_unknown = db->create_block_node(test_block_id(77), test_block(6, 1), {});
  ASSERT_FALSE(pre_unknown.ok());
  EXPECT_EQ(pre_unknown.error().code, ErrorCode::pre_irreversibility_block);
}

TEST_P(StateDb, LongestChainBecomesHeadAndForkHeadsTrackLeaves) {
  StateNode b1 = block(1, db->root());
  EXPECT_EQ(db->head(), b1);
  StateNode b2 = block(2, b1);
  StateNode c2 = block(12, b1);
  EXPECT_EQ(db->head(), b2);  // fifo keeps the first at equal height
  ASSERT_EQ(db->fork_heads().size(), 2u);
  StateNode c3 = block(13, c2);
  EXPECT_EQ(db->head(), c3);
  auto heads = db->fork_heads();
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_TRUE((heads[0] == b2 && heads[1] == c3) || (heads[0] == c3 && heads[1] == b2));
  // An unfinalized node is neither head nor fork head.
  auto pending = db->create_block_node(c3.id(), test_block(14, 4), {}).value();
  EXPECT_EQ(db->head(), c3);
  EXPECT_EQ(db->fork_heads().size(), 2u);
  (void)pending;
}

TEST_P(StateDb, DiscardRemovesSubtreeButNotHead) {
  StateNode b1 = block(1, db->root());
  StateNode b2 = block(2, b1);
  StateNode c2 = block(12, b1);
  StateNode c3 = block(13, c2);
  EXPECT_EQ(db->head(), c3);
  auto head_discard = db->discard_node(c2.id());
  ASSERT_FALSE(head_discard.ok());
  EXPECT_EQ(head_discard.error().code, ErrorCode::block_state_error);
  EXPECT_FALSE(db->discard_node(db->root().id()).ok());
  ASSERT_TRUE(db->discard_node(b2.id()).ok());
  EXPECT_FALSE(b2.is_alive());
  EXPECT_FALSE(db->get_node(b2.id()));
  auto read = b2.get_object(k_space, b("a"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::unexpected_state);
  ASSERT_EQ(db->fork_heads().size(), 1u);
  EXPECT_EQ(db->fork_heads()[0], c3);
  EXPECT_TRUE(db->discard_node(test_block_id(1234)).ok());  // unknown: no-op
  // Discarding a failed (unfinalized) block leaves the parent a fork head.
  auto failed = db->create_block_node(c3.id(), test_block(14, 4), {}).value();
  ASSERT_TRUE(db->discard_node(failed.id()).ok());
  ASSERT_EQ(db->fork_heads().size(), 1u);
  EXPECT_EQ(db->fork_heads()[0], c3);
  EXPECT_EQ(db->node_count(), 4u);
}

TEST_P(StateDb, CommitWritesDeltasAndDiscardsOtherForks) {
  ASSERT_TRUE(db->apply_genesis(std::vector<GenesisEntry>{{k_space, b("g"), b("0")}, {k_space, b("h"), b("0")}}).ok());
  StateNode b1 = block(1, db->root(), [&](StateNode& n) { put(n, k_space, "a", "1"); remove(n, k_space, "g"); });
  StateNode b2 = block(2, b1, [&](StateNode& n) { put(n, k_space, "a", "2"); put(n, k_space, "g", "again"); });
  StateNode b3 = block(3, b2, [&](StateNode& n) { put(n, k_space, "c", "3"); });
  StateNode fork = block(21, b1, [&](StateNode& n) { put(n, k_space, "f", "fork"); });
  StateNode old_root = db->root();
  auto b2_root = b2.merkle_root().value();
  ASSERT_TRUE(db->commit_node(b2.id()).ok());
  EXPECT_EQ(db->root(), b2);
  EXPECT_TRUE(b2.is_root());
  EXPECT_EQ(db->root().revision(), 2u);
  EXPECT_EQ(db->root().merkle_root().value(), b2_root);  // keeps its own delta root
  EXPECT_TRUE(b2.delta_entries().value().empty());
  EXPECT_FALSE(old_root.is_alive());
  EXPECT_FALSE(b1.is_alive());
  EXPECT_FALSE(fork.is_alive());
  EXPECT_TRUE(b3.is_alive());
  EXPECT_EQ(db->node_count(), 2u);
  EXPECT_EQ(db->head(), b3);
  EXPECT_EQ(get(b2, k_space, "a"), b("2"));
  EXPECT_EQ(get(b2, k_space, "g"), b("again"));
  EXPECT_EQ(get(b2, k_space, "h"), b("0"));
  EXPECT_EQ(get(b2, k_space, "f"), std::nullopt);
  EXPECT_EQ(get(b3, k_space, "c"), b("3"));
  EXPECT_EQ(next_key(b3, k_space, ""), "a=2");
  ASSERT_EQ(db->fork_heads().size(), 1u);
  EXPECT_EQ(db->fork_heads()[0], b3);
  EXPECT_TRUE(db->commit_node(b2.id()).ok());  // committing the root is a no-op
  auto fork_read = fork.get_object(k_space, b("f"));
  EXPECT_FALSE(fork_read.ok());
}

TEST_P(StateDb, CommitErrors) {
  StateNode b1 = block(1, db->root());
  StateNode b2 = block(2, b1);
  StateNode c2 = block(12, b1);
  auto open = db->create_block_node(b2.id(), test_block(3, 3), {}).value();
  auto unfinalized = db->commit_node(open.id());
  ASSERT_FALSE(unfinalized.ok());
  EXPECT_EQ(unfinalized.error().code, ErrorCode::block_state_error);
  auto off_head = db->commit_node(c2.id());  // head is b2
  ASSERT_FALSE(off_head.ok());
  EXPECT_EQ(off_head.error().code, ErrorCode::block_state_error);
  auto unknown = db->commit_node(test_block_id(999));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(db->root().revision(), 0u);
}

TEST_P(StateDb, ReopenRestoresLastCommittedRoot) {
  StateNode b1 = block(1, db->root(), [&](StateNode& n) { put(n, k_space, "a", "1"); put(n, k_user, "u", "x"); });
  auto b1_info = test_block(1, 1);
  StateNode b2 = block(2, b1, [&](StateNode& n) { put(n, k_space, "a", "2"); });
  ASSERT_TRUE(db->commit_node(b1.id()).ok());
  auto merkle = b1.merkle_root().value();
  reopen();
  StateNode root = db->root();
  EXPECT_FALSE(db->is_fresh());
  EXPECT_EQ(root.id(), b1_info.id);
  EXPECT_EQ(root.revision(), 1u);
  EXPECT_EQ(root.merkle_root().value(), merkle);
  EXPECT_EQ(root.header(), b("header"));
  EXPECT_EQ(db->head(), root);
  EXPECT_EQ(get(root, k_space, "a"), b("1"));  // b2 was not committed
  EXPECT_EQ(get(root, k_user, "u"), b("x"));
  EXPECT_FALSE(b2.is_alive());  // handles from the closed database fail cleanly
  EXPECT_FALSE(b2.get_object(k_space, b("a")).ok());
  // The chain continues from the reopened root.
  StateNode again = block(2, root, [&](StateNode& n) { put(n, k_space, "a", "3"); });
  EXPECT_EQ(get(again, k_space, "a"), b("3"));
}

TEST_P(StateDb, NodeAtRevisionWalksAncestors) {
  StateNode b1 = block(1, db->root());
  StateNode b2 = block(2, b1);
  StateNode c2 = block(12, b1);
  EXPECT_EQ(db->node_at_revision(1).value(), b1);
  EXPECT_EQ(db->node_at_revision(2).value(), b2);
  EXPECT_EQ(db->node_at_revision(0).value(), db->root());
  EXPECT_EQ(db->node_at_revision(2, c2.id()).value(), c2);
  EXPECT_EQ(db->node_at_revision(1, c2.id()).value(), b1);
  EXPECT_EQ(db->node_at_revision(3).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(db->node_at_revision(1, test_block_id(5)).error().code, ErrorCode::unknown_previous_block);
}

TEST_P(StateDb, ClosedDatabaseKillsHandles) {
  StateNode b1 = block(1, db->root(), [&](StateNode& n) { put(n, k_space, "a", "1"); });
  auto trx = b1.create_anonymous_node().value();
  db.reset();
  auto read = trx.get_object(k_space, b("a"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::unexpected_state);
  EXPECT_FALSE(trx.put_object(k_space, b("a"), b("2")).ok());
  EXPECT_FALSE(StateNode().get_object(k_space, b("a")).ok());
}

// The documented concurrency contract: with no writer running, readers on any nodes may run in parallel.
TEST_P(StateDb, ConcurrentReadersWithoutWriter) {
  std::vector<GenesisEntry> genesis;
  for (int i = 0; i < 200; ++i) genesis.push_back({k_space, b("g" + std::to_string(i)), b(std::to_string(i))});
  ASSERT_TRUE(db->apply_genesis(genesis).ok());
  StateNode node = db->root();
  for (uint64_t n = 1; n <= 20; ++n) {
    node = block(n, node, [&](StateNode& bn) { put(bn, k_space, "g" + std::to_string(n * 7), "block" + std::to_string(n)); });
  }
  StateNode head = db->head();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      for (int round = 0; round < 300; ++round) {
        int i = (round * 13 + t * 7) % 200;
        std::string expected = (i % 7 == 0 && i / 7 >= 1 && i / 7 <= 20) ? "block" + std::to_string(i / 7) : std::to_string(i);
        auto value = head.get_object(k_space, b("g" + std::to_string(i)));
        if (!value.ok() || *value != b(expected)) ++mismatches;
        auto next = head.get_next_object(k_space, b("g" + std::to_string(i)));
        if (!next.ok()) ++mismatches;
        if (!db->root().get_object(k_space, b("g1")).ok()) ++mismatches;
      }
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(mismatches.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StateDb, ::testing::Values(BackendKind::memory, BackendKind::rocksdb),
                         [](const auto& p) { return testing::backend_name(p.param); });

}  // namespace
}  // namespace modchain::state_db
