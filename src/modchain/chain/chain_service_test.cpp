#include "modchain/chain/chain_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::chain {
namespace {

namespace rc = koinos::rpc::chain;
using kernel::testing::Tester;

struct Fixture : ::testing::Test {
  Tester tester;
  bus::InProcessBus bus;
  ManualClock clock{1'700'000'000'000 + 60'000};
  ChainService chain{tester.controller(), bus, clock};
  std::vector<std::string> topics;

  void SetUp() override {
    ASSERT_TRUE(chain.attach().ok());
    ASSERT_TRUE(
        bus.subscribe("koinos.#", [this](std::string_view topic, std::string_view) { topics.emplace_back(topic); })
            .ok());
  }

  rc::chain_response call(const rc::chain_request& request) {
    auto answer = bus.call("chain", request.SerializeAsString(), std::chrono::milliseconds(5000));
    EXPECT_TRUE(answer.ok());
    rc::chain_response response;
    EXPECT_TRUE(response.ParseFromString(answer.value()));
    return response;
  }

  // The koinos error code inside an error_status's data JSON.
  static int error_code(const rc::chain_response& response) {
    EXPECT_TRUE(response.has_error());
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    return nlohmann::json::parse(response.error().data()).at("code").get<int>();
#pragma GCC diagnostic pop
  }
};

TEST_F(Fixture, ChainIdAndHeadInfoAtGenesis) {
  rc::chain_request request;
  request.mutable_get_chain_id();
  EXPECT_EQ(call(request).get_chain_id().chain_id(), tester.chain_id());
  request.mutable_get_head_info();
  auto head = call(request).get_head_info();
  EXPECT_EQ(head.head_topology().height(), 0u);
  EXPECT_EQ(head.last_irreversible_block(), 0u);
  EXPECT_EQ(head.head_state_merkle_root().size(), 34u);
}

TEST_F(Fixture, AccountNonceAndRcOfAFreshAccount) {
  rc::chain_request request;
  request.mutable_get_account_nonce()->set_account(Tester::address(Tester::key("alice")));
  EXPECT_EQ(call(request).get_account_nonce().nonce(), std::string("\x28\x00", 2));  // "KAA="
  request.mutable_get_account_rc()->set_account(Tester::address(Tester::key("alice")));
  EXPECT_EQ(call(request).get_account_rc().rc(), kernel::DevGenesisOptions{}.max_account_resources);
}

TEST_F(Fixture, SubmitTransactionBroadcastPublishesAccept) {
  const auto trx = tester.transaction(Tester::key("alice"), {});
  rc::chain_request request;
  *request.mutable_submit_transaction()->mutable_transaction() = trx;
  request.mutable_submit_transaction()->set_broadcast(true);
  auto response = call(request);
  ASSERT_TRUE(response.has_submit_transaction()) << response.error().message();
  EXPECT_EQ(response.submit_transaction().receipt().id(), trx.id());
  EXPECT_EQ(topics, std::vector<std::string>{"koinos.transaction.accept"});
}

TEST_F(Fixture, DryRunPublishesNothing) {
  ASSERT_TRUE(chain.submit_transaction(tester.transaction(Tester::key("alice"), {}), false).ok());
  EXPECT_TRUE(topics.empty());
}

TEST_F(Fixture, MissingFieldsAreMissingRequiredArguments) {
  auto trx = tester.transaction(Tester::key("alice"), {});
  trx.clear_signatures();
  rc::chain_request request;
  *request.mutable_submit_transaction()->mutable_transaction() = trx;
  EXPECT_EQ(error_code(call(request)), -1002);
}

TEST_F(Fixture, BadSignatureIsAuthorizationFailureAndNotPublished) {
  auto trx = tester.transaction(Tester::key("alice"), {});
  trx.mutable_signatures(0)->assign(65, '\x1f');
  rc::chain_request request;
  *request.mutable_submit_transaction()->mutable_transaction() = trx;
  auto response = call(request);
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(error_code(response), -200);  // authorization_failure: recovers to another address
  EXPECT_EQ(response.error().message(), "transaction not authorized by account");
  EXPECT_TRUE(topics.empty());
}

TEST_F(Fixture, SubmitBlockPublishesOnceAndAdvancesTheHead) {
  auto proposed = chain.propose_block({}, clock.now_ms(), tester.genesis_key());
  ASSERT_TRUE(proposed.ok()) << proposed.error().describe();
  rc::chain_request request;
  *request.mutable_submit_block()->mutable_block() = proposed->block;
  auto response = call(request);
  ASSERT_TRUE(response.has_submit_block()) << response.error().message();
  EXPECT_EQ(response.submit_block().receipt().height(), 1u);
  EXPECT_EQ(topics,
            (std::vector<std::string>{"koinos.block.accept", "koinos.block.irreversible", "koinos.block.forks"}));
  topics.clear();
  EXPECT_TRUE(call(request).has_submit_block());  // known block: no second publication
  EXPECT_TRUE(topics.empty());
  EXPECT_EQ(chain.head_info()->head_topology().height(), 1u);
}

TEST_F(Fixture, StoreBlocksAddsTheBlockBeforeAnnouncingIt) {
  std::vector<std::string> order;
  ASSERT_TRUE(bus.serve("block_store", [&](std::string_view bytes) {
                   koinos::rpc::block_store::block_store_request request;
                   EXPECT_TRUE(request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
                   order.push_back("add_block " + std::to_string(request.add_block().block_to_add().header().height()));
                   koinos::rpc::block_store::block_store_response response;
                   response.mutable_add_block();
                   return response.SerializeAsString();
                 }).ok());
  ASSERT_TRUE(bus.subscribe("koinos.block.accept", [&](std::string_view, std::string_view) {
                   order.push_back("block.accept");
                 }).ok());
  chain.set_store_blocks(true);
  auto proposed = chain.propose_block({}, clock.now_ms(), tester.genesis_key());
  ASSERT_TRUE(proposed.ok());
  ASSERT_TRUE(chain.submit_block(proposed->block).ok());
  EXPECT_EQ(order, (std::vector<std::string>{"add_block 1", "block.accept"}));
}

TEST_F(Fixture, StoreBlocksWithoutABlockStoreIsAnRpcFailure) {
  chain.set_store_blocks(true);
  auto proposed = chain.propose_block({}, clock.now_ms(), tester.genesis_key());
  ASSERT_TRUE(proposed.ok());
  auto receipt = chain.submit_block(proposed->block);
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, util::ErrorCode::rpc_failure);
  EXPECT_TRUE(topics.empty());
}

TEST_F(Fixture, BlockFromTheFutureIsTimestampOutOfBounds) {
  auto proposed = chain.propose_block({}, clock.now_ms() + 60'000, tester.genesis_key());
  ASSERT_TRUE(proposed.ok());
  rc::chain_request request;
  *request.mutable_submit_block()->mutable_block() = proposed->block;
  EXPECT_EQ(error_code(call(request)), -1010);
}

TEST_F(Fixture, InvokeSystemCallByName) {
  rc::chain_request request;
  request.mutable_invoke_system_call()->set_name("get_chain_id");
  auto response = call(request);
  ASSERT_TRUE(response.has_invoke_system_call()) << response.error().message();
  koinos::chain::get_chain_id_result result;
  ASSERT_TRUE(result.ParseFromString(response.invoke_system_call().value()));
  EXPECT_EQ(result.value(), tester.chain_id());
  request.mutable_invoke_system_call()->set_name("no_such_call");
  EXPECT_EQ(error_code(call(request)), -103);
}

// A pending pool with fixed answers.
struct FakePool final : PendingPool {
  bool resources_ok = true;
  std::optional<uint64_t> nonce;
  uint64_t count = 0;
  bool check_pending_account_resources(const std::string&, uint64_t max_payer_rc, uint64_t rc_limit) const override {
    return resources_ok && rc_limit <= max_payer_rc;
  }
  std::optional<uint64_t> pending_nonce(const std::string&) const override { return nonce; }
  uint64_t pending_count(const std::string&) const override { return count; }
  uint64_t pending_transaction_limit() const override { return 10; }
};

TEST_F(Fixture, BroadcastConsultsThePendingPool) {
  FakePool pool;
  chain.set_pending_pool(&pool);
  const auto trx = tester.transaction(Tester::key("alice"), {});
  ChainError error;
  pool.resources_ok = false;
  ASSERT_FALSE(chain.submit_transaction(trx, true, &error).ok());
  EXPECT_EQ(error.error.code, util::ErrorCode::insufficient_rc);
  EXPECT_EQ(error.error.message, "insufficient pending account resources");
  pool.resources_ok = true;
  pool.nonce = 5;
  ASSERT_FALSE(chain.submit_transaction(trx, true, &error).ok());
  EXPECT_EQ(error.error.code, util::ErrorCode::invalid_nonce);
  pool.nonce.reset();
  pool.count = 10;
  ASSERT_FALSE(chain.submit_transaction(trx, true, &error).ok());
  EXPECT_EQ(error.error.code, util::ErrorCode::pending_transaction_limit_exceeded);
  EXPECT_TRUE(chain.submit_transaction(trx, false).ok());  // a dry run skips the pool
  EXPECT_TRUE(topics.empty());
  pool.count = 9;
  EXPECT_TRUE(chain.submit_transaction(trx, true).ok());
  EXPECT_EQ(topics, std::vector<std::string>{"koinos.transaction.accept"});
}

TEST_F(Fixture, RcLimitAboveTheAccountRcIsRejected) {
  kernel::testing::TransactionOptions options;
  options.rc_limit = kernel::DevGenesisOptions{}.max_account_resources + 1;
  rc::chain_request request;
  *request.mutable_submit_transaction()->mutable_transaction() = tester.transaction(Tester::key("alice"), {}, options);
  const auto response = call(request);
  // The kernel turns a pre-check reversion into `failure` naming the original code (docs/kernel.md).
  EXPECT_EQ(error_code(response), -1);
  EXPECT_EQ(response.error().message(),
            "payer rc 10000000 is below rc_limit 10000001 (insufficient_rc in transaction pre-check)");
}

TEST_F(Fixture, ContractEventsArePublishedAsEventParcels) {
  auto wasm = util::read_file(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/as/token/token.wasm");
  ASSERT_TRUE(wasm.ok());
  const auto token_key = Tester::key("token");
  auto token = tester.deploy(token_key, util::as_bytes(wasm.value()));
  ASSERT_TRUE(token.ok()) << token.error().describe();
  std::vector<std::pair<std::string, koinos::broadcast::event_parcel>> parcels;
  ASSERT_TRUE(bus.subscribe("koinos.event.#",
                            [&](std::string_view topic, std::string_view payload) {
                              koinos::broadcast::event_parcel parcel;
                              ASSERT_TRUE(parcel.ParseFromArray(payload.data(), static_cast<int>(payload.size())));
                              parcels.emplace_back(topic, parcel);
                            })
                  .ok());
  // mint{to = alice, value = 5}: field 1 bytes (25), field 2 varint.
  const std::string alice = Tester::address(Tester::key("alice"));
  const std::string args = std::string("\x0a\x19", 2) + alice + std::string("\x10\x05", 2);
  const auto mint = tester.transaction(token_key, {Tester::call_contract(token.value(), 0xdc6f17bb, args)});
  clock.set(tester.last_block().header().timestamp() + 1000);
  auto proposed = chain.propose_block(std::vector{mint}, clock.now_ms(), tester.genesis_key());
  ASSERT_TRUE(proposed.ok()) << proposed.error().describe();
  ASSERT_EQ(proposed->block.transactions_size(), 1);
  ASSERT_TRUE(chain.submit_block(proposed->block).ok());
  ASSERT_EQ(parcels.size(), 1u);
  EXPECT_EQ(parcels[0].first, "koinos.event." + util::to_base58(util::as_bytes(token.value())) + ".token.mint_event");
  EXPECT_EQ(parcels[0].second.block_id(), proposed->block.id());
  EXPECT_EQ(parcels[0].second.height(), proposed->block.header().height());
  EXPECT_EQ(parcels[0].second.transaction_id(), mint.id());
  EXPECT_EQ(parcels[0].second.event().name(), "token.mint_event");
  ASSERT_EQ(parcels[0].second.event().impacted_size(), 1);
  EXPECT_EQ(parcels[0].second.event().impacted(0), alice);
}

TEST(ChainErrors, ErrorDataIsKoinosJson) {
  const std::vector<std::string> logs{"a \"quoted\" log"};
  EXPECT_EQ(error_data_json(util::ErrorCode::reversion, logs), R"({"code":1,"logs":["a \"quoted\" log"]})");
  EXPECT_EQ(error_data_json(util::ErrorCode::invalid_nonce, {}), R"({"code":-201,"logs":[]})");
}

TEST(ChainErrors, DecodeNonce) {
  EXPECT_EQ(decode_nonce(std::string("\x28\x07", 2)).value(), 7u);
  EXPECT_FALSE(decode_nonce("garbage").ok());
}

}  // namespace
}  // namespace modchain::chain
