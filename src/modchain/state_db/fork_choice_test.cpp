#include "modchain/state_db/fork_choice.hpp"

#include <gtest/gtest.h>

#include "modchain/state_db/state_db.hpp"
#include "modchain/state_db/test_support.hpp"

namespace modchain::state_db {
namespace {

using detail::choose_head;
using detail::ForkChoice;
using Kind = ForkChoice::Kind;
using testing::b;
using testing::test_block;

const util::Bytes k_alice = b("alice");
const util::Bytes k_bob = b("bob");

TEST(ForkChoice, FifoKeepsHead) {
  auto head = test_block(1, 5, 100, k_alice);
  auto parent = test_block(0, 4, 90, k_alice);
  auto earlier = test_block(2, 5, 50, k_bob);
  EXPECT_EQ(choose_head(ForkResolution::fifo, {head}, head, parent, earlier).kind, Kind::keep_head);
}

TEST(ForkChoice, BlockTimeEarlierWinsTieKeepsHead) {
  auto head = test_block(1, 5, 100, k_alice);
  auto parent = test_block(0, 4, 90, k_alice);
  EXPECT_EQ(choose_head(ForkResolution::block_time, {head}, head, parent, test_block(2, 5, 99, k_alice)).kind,
            Kind::new_block);
  EXPECT_EQ(choose_head(ForkResolution::block_time, {head}, head, parent, test_block(2, 5, 100, k_bob)).kind,
            Kind::keep_head);
  EXPECT_EQ(choose_head(ForkResolution::block_time, {head}, head, parent, test_block(2, 5, 101, k_bob)).kind,
            Kind::keep_head);
}

TEST(ForkChoice, PobDifferentSignersUseBlockTime) {
  auto head = test_block(1, 5, 100, k_alice);
  auto parent = test_block(0, 4, 90, k_alice);
  EXPECT_EQ(choose_head(ForkResolution::pob, {head}, head, parent, test_block(2, 5, 99, k_bob)).kind, Kind::new_block);
  EXPECT_EQ(choose_head(ForkResolution::pob, {head}, head, parent, test_block(2, 5, 100, k_bob)).kind, Kind::keep_head);
}

TEST(ForkChoice, PobDoubleProductionFallsBackToParentWithoutOtherForks) {
  auto head = test_block(1, 5, 100, k_alice);
  auto parent = test_block(0, 4, 90, k_alice);
  EXPECT_EQ(choose_head(ForkResolution::pob, {head}, head, parent, test_block(2, 5, 50, k_alice)).kind,
            Kind::head_parent);
}

TEST(ForkChoice, PobDoubleProductionPicksBestOtherForkIfItBeatsTheParent) {
  auto head = test_block(1, 5, 100, k_alice);
  auto parent = test_block(0, 4, 90, k_alice);
  auto late = test_block(3, 5, 120, k_bob);
  auto early = test_block(4, 5, 110, k_bob);
  auto short_fork = test_block(5, 3, 10, k_bob);
  auto choice = choose_head(ForkResolution::pob, {late, head, early, short_fork}, head, parent,
                            test_block(2, 5, 50, k_alice));
  EXPECT_EQ(choice.kind, Kind::fork_head);
  EXPECT_EQ(choice.fork_index, 2u);  // height desc, then the earlier timestamp
  // Only a shorter fork remains: the head's parent (height 4) ranks before it.
  EXPECT_EQ(choose_head(ForkResolution::pob, {head, short_fork}, head, parent, test_block(2, 5, 50, k_alice)).kind,
            Kind::head_parent);
}

TEST(ForkChoice, PobPriorityTieBreaksOnId) {
  auto a = test_block(1, 5, 100, k_alice);
  auto c = test_block(2, 5, 100, k_alice);
  EXPECT_EQ(detail::pob_priority(a, c), a.id < c.id);
  EXPECT_EQ(detail::pob_priority(c, a), c.id < a.id);
  EXPECT_TRUE(detail::pob_priority(test_block(3, 6, 500, {}), a));
  EXPECT_TRUE(detail::pob_priority(test_block(3, 5, 99, {}), a));
}

class ForkChoiceDb : public ::testing::TestWithParam<BackendKind> {
 protected:
  StateNode finalize(Database& db, uint64_t n, const StateNode& parent, uint64_t timestamp, const util::Bytes& signer) {
    auto node = db.create_block_node(parent.id(), test_block(n, parent.revision() + 1, timestamp, signer), {});
    EXPECT_TRUE(node.ok());
    EXPECT_TRUE(db.finalize_node(node->id()).ok());
    return *node;
  }
  testing::DbFactory factory{GetParam()};
};

TEST_P(ForkChoiceDb, BlockTimeSwitchesToEarlierSibling) {
  auto db = factory.open(ForkResolution::block_time);
  StateNode a = finalize(*db, 1, db->root(), 10, k_alice);
  StateNode b2 = finalize(*db, 2, a, 30, k_alice);
  StateNode c2 = finalize(*db, 3, a, 20, k_bob);
  EXPECT_EQ(db->head(), c2);
  EXPECT_EQ(db->fork_heads().size(), 2u);
  (void)b2;
}

TEST_P(ForkChoiceDb, PobDoubleProductionMovesHeadBackToParent) {
  auto db = factory.open(ForkResolution::pob);
  StateNode a = finalize(*db, 1, db->root(), 10, k_alice);
  StateNode b1 = finalize(*db, 2, a, 30, k_alice);
  EXPECT_EQ(db->head(), b1);
  StateNode b2 = finalize(*db, 3, a, 20, k_alice);  // same signer, same height
  EXPECT_EQ(db->head(), a);
  // Koinos bookkeeping: the old head leaves the fork heads, the parent joins, the new sibling is not listed.
  auto heads = db->fork_heads();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0], a);
  EXPECT_TRUE(db->get_node(b2.id()));
  EXPECT_TRUE(db->get_node(b1.id()));
}

TEST_P(ForkChoiceDb, PobDoubleProductionPrefersAnotherProducersFork) {
  auto db = factory.open(ForkResolution::pob);
  StateNode a = finalize(*db, 1, db->root(), 10, k_alice);
  StateNode b1 = finalize(*db, 2, a, 30, k_alice);
  StateNode c = finalize(*db, 3, a, 40, k_bob);  // later: b1 stays head
  EXPECT_EQ(db->head(), b1);
  StateNode b2 = finalize(*db, 4, a, 50, k_alice);  // alice double-produces
  EXPECT_EQ(db->head(), c);
  EXPECT_EQ(db->fork_heads().size(), 3u);
  (void)b2;
}

TEST_P(ForkChoiceDb, DifferentSignersEarlierTimestampWinsUnderPob) {
  auto db = factory.open(ForkResolution::pob);
  StateNode a = finalize(*db, 1, db->root(), 10, k_alice);
  StateNode b1 = finalize(*db, 2, a, 30, k_alice);
  StateNode c = finalize(*db, 3, a, 30, k_bob);  // tie keeps head
  EXPECT_EQ(db->head(), b1);
  StateNode d = finalize(*db, 4, a, 29, k_bob);
  EXPECT_EQ(db->head(), d);
  (void)c;
}

INSTANTIATE_TEST_SUITE_P(Backends, ForkChoiceDb, ::testing::Values(BackendKind::memory, BackendKind::rocksdb),
                         [](const auto& p) { return testing::backend_name(p.param); });

}  // namespace
}  // namespace modchain::state_db
