#include "modchain/mempool/mempool.hpp"

#include <gtest/gtest.h>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/mempool/mempool_rpc.pb.h"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/bus/typed_call.hpp"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/mempool/service.hpp"

namespace modchain::mempool {
namespace {

namespace kp = koinos::protocol;
using kernel::testing::Tester;
using kernel::testing::TransactionOptions;

constexpr uint64_t k_start = 1'700'000'000'000 + 60'000;

struct PoolTest : ::testing::Test {
  Tester tester;
  chain::ManualClock clock{k_start};
  Mempool pool{MempoolOptions{3, 120'000, 100}, clock};
  crypto::PrivateKey alice = Tester::key("alice");
  crypto::PrivateKey bob = Tester::key("bob");

  kp::transaction trx(const crypto::PrivateKey& payer, uint64_t nonce, uint64_t rc_limit = 1'000'000) {
    TransactionOptions options;
    options.nonce = nonce;
    options.rc_limit = rc_limit;
    return tester.transaction(payer, {}, options);
  }
  Checker checker() {
    return [this](const kp::transaction& t, std::optional<uint64_t> pending) {
      kernel::PendingNonceLookup lookup;
      if (pending) lookup = [pending](const std::string&) { return pending; };
      return tester.controller().apply_transaction(t, lookup);
    };
  }
  NonceReader nonces() {
    return [this](const std::string& account) -> util::Result<uint64_t> {
      auto bytes = tester.controller().account_nonce(account);
      if (!bytes.ok()) return bytes.error();
      return chain::decode_nonce(bytes.value());
    };
  }
};

TEST_F(PoolTest, TracksPendingNonceCountAndReservedRc) {
  EXPECT_FALSE(pool.pending_nonce(Tester::address(alice)).has_value());
  ASSERT_TRUE(pool.add(trx(alice, 1, 400), {}).ok());
  ASSERT_TRUE(pool.add(trx(alice, 2, 500), {}).ok());
  ASSERT_TRUE(pool.add(trx(bob, 1, 7), {}).ok());
  EXPECT_EQ(pool.pending_nonce(Tester::address(alice)), 2u);
  EXPECT_EQ(pool.pending_count(Tester::address(alice)), 2u);
  EXPECT_EQ(pool.reserved_rc(Tester::address(alice)), 900u);
  EXPECT_EQ(pool.reserved_rc(Tester::address(bob)), 7u);
  EXPECT_EQ(pool.size(), 3u);
}

TEST_F(PoolTest, PendingRcMustFitThePayersRc) {
  ASSERT_TRUE(pool.add(trx(alice, 1, 600), {}).ok());
  EXPECT_TRUE(pool.check_pending_account_resources(Tester::address(alice), 1000, 400));
  EXPECT_FALSE(pool.check_pending_account_resources(Tester::address(alice), 1000, 401));
  EXPECT_FALSE(pool.check_pending_account_resources(Tester::address(alice), 1000, 2000));
  EXPECT_TRUE(pool.check_pending_account_resources(Tester::address(bob), 1000, 1000));
}

TEST_F(PoolTest, PerPayerLimitIsPendingTransactionLimitExceeded) {
  for (uint64_t n = 1; n <= 3; ++n) ASSERT_TRUE(pool.add(trx(alice, n), {}).ok());
  auto fourth = pool.add(trx(alice, 4), {});
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code, util::ErrorCode::pending_transaction_limit_exceeded);
  EXPECT_TRUE(pool.add(trx(bob, 1), {}).ok());
}

TEST_F(PoolTest, NoncesMustFollowThePendingOne) {
  ASSERT_TRUE(pool.add(trx(alice, 1), {}).ok());
  auto gap = pool.add(trx(alice, 3), {});
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().code, util::ErrorCode::invalid_nonce);
  auto replay = pool.add(trx(alice, 1, 999), {});
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, util::ErrorCode::invalid_nonce);
}

TEST_F(PoolTest, SameIdTwiceIsKeptOnce) {
  const auto t = trx(alice, 1);
  ASSERT_TRUE(pool.add(t, {}).ok());
  ASSERT_TRUE(pool.add(t, {}).ok());
  EXPECT_EQ(pool.size(), 1u);
}

TEST_F(PoolTest, OldTransactionsExpire) {
  ASSERT_TRUE(pool.add(trx(alice, 1), {}).ok());
  clock.advance(60'000);
  ASSERT_TRUE(pool.add(trx(bob, 1), {}).ok());
  clock.advance(60'001);
  EXPECT_EQ(pool.prune_expired(), 1u);
  ASSERT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.pending(10)[0].transaction.header().payer(), Tester::address(bob));
}

TEST_F(PoolTest, NewHeadRemovesIncludedStaleAndNowInvalid) {
  const auto a1 = trx(alice, 1);
  const auto a2 = trx(alice, 2);
  const auto b1 = trx(bob, 1);
  for (const auto* t : {&a1, &a2, &b1}) ASSERT_TRUE(pool.add(*t, {}).ok());
  ASSERT_TRUE(tester.produce_block({a1}).ok());
  // a1 is in the block; a2 is next for alice and valid; b1 is valid.
  EXPECT_EQ(pool.on_block(tester.last_block(), checker(), nonces()), 1u);
  EXPECT_EQ(pool.size(), 2u);
  // A block with b1 from elsewhere (not this pool's block object): b1's nonce is used → stale.
  ASSERT_TRUE(tester.produce_block({b1}).ok());
  kp::block unrelated;
  EXPECT_EQ(pool.on_block(unrelated, checker(), nonces()), 1u);
  ASSERT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.pending(10)[0].transaction.id(), a2.id());
}

TEST_F(PoolTest, NewHeadDropsAPendingTransactionThatNoLongerPasses) {
  auto bad = trx(alice, 1);
  bad.mutable_header()->set_rc_limit(bad.header().rc_limit() + 1);  // id no longer matches the header
  ASSERT_TRUE(pool.add(bad, {}).ok());
  ASSERT_TRUE(tester.produce_block().ok());
  EXPECT_EQ(pool.on_block(tester.last_block(), checker(), nonces()), 1u);
  EXPECT_EQ(pool.size(), 0u);
}

TEST_F(PoolTest, NewHeadKeepsAValidChainAndDropsEverythingAfterAGap) {
  const auto a1 = trx(alice, 1);
  auto a2 = trx(alice, 2);
  a2.mutable_header()->set_rc_limit(a2.header().rc_limit() + 1);  // fails the check
  const auto a3 = trx(alice, 3);
  const auto b1 = trx(bob, 1);
  const auto b2 = trx(bob, 2);
  for (const kp::transaction* t : {&a1, static_cast<const kp::transaction*>(&a2), &a3, &b1, &b2}) {
    ASSERT_TRUE(pool.add(*t, {}).ok());
  }
  ASSERT_TRUE(tester.produce_block().ok());
  EXPECT_EQ(pool.on_block(tester.last_block(), checker(), nonces()), 2u);  // a2 fails, a3 follows a gap
  std::vector<std::string> left;
  for (const auto& entry : pool.pending(10)) left.push_back(entry.transaction.id());
  EXPECT_EQ(left, (std::vector<std::string>{a1.id(), b1.id(), b2.id()}));
}

TEST_F(PoolTest, AForkSwitchReturnsTheOrphanedBlocksTransactionsThatStillPass) {
  const std::string genesis = util::to_string(tester.controller().database().head().id());
  const auto a1 = trx(alice, 1);
  const auto b1 = trx(bob, 1);
  const auto b1_other = trx(bob, 1, 2'000'000);  // bob's nonce 1 again, another transaction
  // Branch A: one block with a1 and b1 becomes head; the pool follows it.
  auto fork_a = tester.block_on(genesis, {a1, b1});
  ASSERT_TRUE(fork_a.ok() && tester.push_block(fork_a.value()).ok());
  pool.remember_block(fork_a.value());
  pool.on_block(fork_a.value(), checker(), nonces());
  // Branch B: B1 holds bob's other nonce-1 transaction, B2 makes the branch longer and takes the head.
  auto fork_b1 = tester.block_on(genesis, {b1_other}, 1);
  ASSERT_TRUE(fork_b1.ok() && tester.push_block(fork_b1.value()).ok());
  pool.remember_block(fork_b1.value());
  auto fork_b2 = tester.block_on(fork_b1->id(), {});
  ASSERT_TRUE(fork_b2.ok() && tester.push_block(fork_b2.value()).ok());
  ASSERT_EQ(util::to_string(tester.controller().database().head().id()), fork_b2->id());
  pool.remember_block(fork_b2.value());
  pool.on_block(fork_b2.value(), checker(), nonces());
  // a1 comes back (alice's nonce is 0 on the new head); b1 does not (bob's nonce 1 is used by b1_other).
  const auto pending = pool.pending(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].transaction.id(), a1.id());
  EXPECT_EQ(pool.pending_nonce(Tester::address(alice)), 1u);
  // The next block of the new branch includes it.
  ASSERT_TRUE(tester.produce_block({pending[0].transaction}).ok());
  EXPECT_EQ(tester.last_block().transactions_size(), 1);
}

TEST_F(PoolTest, ServiceAnswersOnTheBusAndFollowsBroadcasts) {
  bus::InProcessBus bus;
  auto service = MempoolService::attach(bus, pool, checker(), nonces());
  ASSERT_TRUE(service.ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(
      bus.subscribe("koinos.mempool.#", [&](std::string_view topic, std::string_view) { seen.emplace_back(topic); })
          .ok());
  koinos::broadcast::transaction_accepted accepted;
  *accepted.mutable_transaction() = trx(alice, 1, 250);
  accepted.mutable_receipt()->set_network_bandwidth_used(123);
  ASSERT_TRUE(bus::publish_typed(bus, bus::topics::k_transaction_accept, accepted).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"koinos.mempool.accept"});

  koinos::rpc::mempool::mempool_request request;
  request.mutable_get_pending_transactions()->set_limit(10);
  auto response = bus::call_typed<koinos::rpc::mempool::mempool_response>(bus, "mempool", request);
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->get_pending_transactions().pending_transactions_size(), 1);
  EXPECT_EQ(response->get_pending_transactions().pending_transactions(0).network_bandwidth_used(), 123u);

  request.mutable_get_reserved_account_rc()->set_account(Tester::address(alice));
  EXPECT_EQ(
      bus::call_typed<koinos::rpc::mempool::mempool_response>(bus, "mempool", request)->get_reserved_account_rc().rc(),
      250u);
  auto* check = request.mutable_check_account_nonce();
  check->set_payee(Tester::address(alice));
  check->set_nonce(Tester::nonce_bytes(2));
  EXPECT_TRUE(bus::call_typed<koinos::rpc::mempool::mempool_response>(bus, "mempool", request)
                  ->check_account_nonce()
                  .success());
  check->set_nonce(Tester::nonce_bytes(1));
  EXPECT_FALSE(bus::call_typed<koinos::rpc::mempool::mempool_response>(bus, "mempool", request)
                   ->check_account_nonce()
                   .success());
  request.mutable_get_pending_transactions()->set_limit(2001);
  EXPECT_TRUE(bus::call_typed<koinos::rpc::mempool::mempool_response>(bus, "mempool", request)->has_error());

  koinos::broadcast::transaction_failed failed;
  failed.set_id(accepted.transaction().id());
  ASSERT_TRUE(bus::publish_typed(bus, bus::topics::k_transaction_fail, failed).ok());
  EXPECT_EQ(pool.size(), 0u);
}

}  // namespace
}  // namespace modchain::mempool
