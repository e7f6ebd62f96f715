#include "modchain/producer/producer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "modchain/block_store/service.hpp"
#include "modchain/block_store/store.hpp"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/bus/typed_call.hpp"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/mempool/service.hpp"

namespace modchain::producer {
namespace {

namespace kp = koinos::protocol;
using kernel::testing::Tester;

constexpr uint64_t k_start = 1'700'000'000'000 + 60'000;

// Tester chain + chain service + mempool + block store on one in-process bus, driven by a manual clock.
struct ProducerTest : ::testing::Test {
  Tester tester;
  bus::InProcessBus bus;
  chain::ManualClock clock{k_start};
  chain::ChainService chain{tester.controller(), bus, clock};
  mempool::Mempool pool{mempool::MempoolOptions{}, clock};
  std::unique_ptr<mempool::MempoolService> pool_service;
  std::filesystem::path store_dir;
  std::unique_ptr<block_store::Store> store;
  std::unique_ptr<block_store::StoreService> store_service;
  std::vector<std::string> topics;

  void SetUp() override {
    ASSERT_TRUE(chain.attach().ok());
    chain.set_pending_pool(&pool);
    auto service = mempool::MempoolService::attach(
        bus, pool,
        [this](const kp::transaction& t, std::optional<uint64_t> p) { return chain.check_transaction(t, p); },
        [this](const std::string& a) { return chain.account_nonce(a); });
    ASSERT_TRUE(service.ok());
    pool_service = std::move(service).value();
    store_dir =
        std::filesystem::temp_directory_path() / ("modchain_producer_test_" + std::to_string(::getpid()) + "_" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(store_dir);
    auto opened = block_store::Store::open({store_dir.string(), false});
    ASSERT_TRUE(opened.ok());
    store = std::move(opened).value();
    auto attached = block_store::StoreService::attach(bus, *store);
    ASSERT_TRUE(attached.ok());
    store_service = std::move(attached).value();
    ASSERT_TRUE(bus.subscribe("koinos.transaction.fail",
                              [this](std::string_view t, std::string_view) { topics.emplace_back(t); })
                    .ok());
  }
  void TearDown() override {
    store_service.reset();
    store.reset();
    std::filesystem::remove_all(store_dir);
  }
  BlockProducer make_producer() {
    return BlockProducer(chain, pool, bus, clock, tester.genesis_key(), ProducerOptions{});
  }
};

TEST_F(ProducerTest, EmptyBlockAtTheClockTime) {
  auto producer = make_producer();
  auto block = producer.produce_once();
  ASSERT_TRUE(block.ok()) << block.error().describe();
  EXPECT_EQ(block->height, 1u);
  EXPECT_EQ(block->timestamp_ms, k_start);
  EXPECT_EQ(block->transactions, 0u);
  EXPECT_EQ(chain.head_info()->head_topology().id(), block->id);
}

TEST_F(ProducerTest, TimestampStaysAboveTheHeadWhenTheClockLags) {
  auto producer = make_producer();
  ASSERT_TRUE(producer.produce_once().ok());
  auto second = producer.produce_once();  // clock unchanged
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_EQ(second->height, 2u);
  EXPECT_EQ(second->timestamp_ms, k_start + 1);
}

TEST_F(ProducerTest, IncludesPendingTransactionsAndStoresTheBlock) {
  const auto t1 = tester.transaction(Tester::key("alice"), {});
  const auto t2 = tester.transaction(Tester::key("bob"), {});
  ASSERT_TRUE(chain.submit_transaction(t1, true).ok());
  ASSERT_TRUE(chain.submit_transaction(t2, true).ok());
  ASSERT_EQ(pool.size(), 2u);
  auto producer = make_producer();
  clock.advance(1000);
  auto block = producer.produce_once();
  ASSERT_TRUE(block.ok()) << block.error().describe();
  EXPECT_EQ(block->transactions, 2u);
  EXPECT_EQ(pool.size(), 0u);  // removed on koinos.block.accept
  EXPECT_EQ(chain.account_nonce(Tester::address(Tester::key("alice"))).value(), 1u);

  koinos::rpc::block_store::block_store_request request;
  auto* by_height = request.mutable_get_blocks_by_height();
  by_height->set_head_block_id(block->id);
  by_height->set_ancestor_start_height(1);
  by_height->set_num_blocks(1);
  by_height->set_return_block(true);
  auto stored = bus::call_typed<koinos::rpc::block_store::block_store_response>(bus, "block_store", request);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->get_blocks_by_height().block_items_size(), 1);
  EXPECT_EQ(stored->get_blocks_by_height().block_items(0).block().transactions_size(), 2);
  EXPECT_EQ(stored->get_blocks_by_height().block_items(0).block().transactions(0).id(), t1.id());
}

TEST_F(ProducerTest, ChainedNoncesFromOnePayerGoInOneBlock) {
  const auto alice = Tester::key("alice");
  const auto t1 = tester.transaction(alice, {});
  const auto t2 = tester.transaction(alice, {});
  kernel::testing::TransactionOptions skip;
  skip.nonce = 4;
  const auto t4 = tester.transaction(alice, {}, skip);
  ASSERT_TRUE(chain.submit_transaction(t1, true).ok());
  ASSERT_TRUE(chain.submit_transaction(t2, true).ok());  // follows the pending nonce 1
  chain::ChainError error;
  ASSERT_FALSE(chain.submit_transaction(t4, true, &error).ok());
  EXPECT_EQ(error.error.code, util::ErrorCode::invalid_nonce);
  EXPECT_FALSE(chain.submit_transaction(t2, false).ok());  // a dry run checks against the chain nonce 0
  EXPECT_EQ(pool.pending_nonce(Tester::address(alice)), 2u);
  auto producer = make_producer();
  auto block = producer.produce_once();
  ASSERT_TRUE(block.ok()) << block.error().describe();
  EXPECT_EQ(block->transactions, 2u);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(chain.account_nonce(Tester::address(alice)).value(), 2u);
}

TEST_F(ProducerTest, TransactionThatFailsOnTheHeadIsDroppedAndPublished) {
  auto bad = tester.transaction(Tester::key("alice"), {});
  bad.mutable_header()->set_rc_limit(bad.header().rc_limit() + 1);  // id no longer matches
  ASSERT_TRUE(pool.add(bad, {}).ok());
  auto producer = make_producer();
  auto block = producer.produce_once();
  ASSERT_TRUE(block.ok()) << block.error().describe();
  EXPECT_EQ(block->transactions, 0u);
  EXPECT_EQ(block->dropped, 1u);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(topics, std::vector<std::string>{"koinos.transaction.fail"});
}

TEST_F(ProducerTest, ThreadProducesUntilStopped) {
  ProducerOptions options;
  options.interval_ms = 1;
  BlockProducer producer(chain, pool, bus, clock, tester.genesis_key(), options);
  std::mutex mutex;
  std::condition_variable cv;
  uint64_t last = 0;
  producer.start([&](const util::Result<ProducedBlock>& b) {
    std::lock_guard lock(mutex);
    if (b.ok()) last = b->height;
    cv.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return last >= 3; });
  }
  producer.stop();
  const uint64_t height = chain.head_info()->head_topology().height();
  EXPECT_GE(height, 3u);
  EXPECT_EQ(chain.head_info()->head_topology().height(), height);  // nothing after stop()
}

TEST_F(ProducerTest, WrongKeyCannotProduce) {
  BlockProducer producer(chain, pool, bus, clock, Tester::key("mallory"), ProducerOptions{});
  auto block = producer.produce_once();
  ASSERT_FALSE(block.ok());
  EXPECT_EQ(block.error().code, util::ErrorCode::invalid_signature);
}

// Restart: the state database keeps only the LIB (head − 60) on disk; the chain re-applies the blocks
// above it from the block store.
TEST(ProducerRestart, BlocksAboveTheLibAreReplayedFromTheBlockStore) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("modchain_producer_restart_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto key = Tester::key("producer");
  const auto genesis = kernel::make_dev_genesis(key.public_key().address());
  kernel::ControllerOptions options;
  options.database.backend = state_db::BackendKind::rocksdb;
  options.database.rocksdb.path = (dir / "state").string();
  chain::ManualClock clock{k_start};
  std::string head_id;
  for (int run = 0; run < 2; ++run) {
    bus::InProcessBus bus;
    auto store = block_store::Store::open({(dir / "blocks").string(), false});
    ASSERT_TRUE(store.ok());
    auto store_service = block_store::StoreService::attach(bus, *store.value());
    ASSERT_TRUE(store_service.ok());
    auto controller = kernel::Controller::open(options, genesis);
    ASSERT_TRUE(controller.ok()) << controller.error().describe();
    chain::ChainService chain(*controller.value(), bus, clock);
    if (run == 0) {
      mempool::Mempool pool(mempool::MempoolOptions{}, clock);
      BlockProducer producer(chain, pool, bus, clock, key, ProducerOptions{});
      for (int i = 0; i < 70; ++i) {
        clock.advance(1000);
        auto block = producer.produce_once();
        ASSERT_TRUE(block.ok()) << block.error().describe();
        head_id = block->id;
      }
      EXPECT_EQ(chain.head_info()->last_irreversible_block(), 10u);
      continue;
    }
    EXPECT_EQ(chain.head_info()->head_topology().height(), 10u);  // the committed LIB
    auto replayed = chain.replay_from_block_store();
    ASSERT_TRUE(replayed.ok()) << replayed.error().describe();
    EXPECT_EQ(replayed.value(), 60u);
    EXPECT_EQ(chain.head_info()->head_topology().height(), 70u);
    EXPECT_EQ(chain.head_info()->head_topology().id(), head_id);
    EXPECT_EQ(chain.replay_from_block_store().value(), 0u);  // nothing left to replay
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace modchain::producer
