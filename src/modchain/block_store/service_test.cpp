#include "modchain/block_store/service.hpp"

#include <gtest/gtest.h>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/contract_meta_store/contract_meta_store_rpc.pb.h"
#include "koinos/rpc/transaction_store/transaction_store_rpc.pb.h"
#include "modchain/block_store/test_blocks.hpp"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/bus/typed_call.hpp"

namespace modchain::block_store {
namespace {

namespace bs = koinos::rpc::block_store;
using testing::id_of;
using testing::make_block;
using testing::make_receipt;

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Store> store = std::move(Store::open({dir.path(), true})).value();
  bus::InProcessBus bus;
  std::unique_ptr<StoreService> service = std::move(StoreService::attach(bus, *store)).value();
};

bs::block_store_response call(bus::Bus& bus, const bs::block_store_request& req) {
  auto answer = bus::call_typed<bs::block_store_response>(bus, "block_store", req);
  EXPECT_TRUE(answer.ok());
  return answer.ok() ? *answer : bs::block_store_response();
}

TEST(StoreService, AddAndQueryOverTheBus) {
  Fixture f;
  bs::block_store_request add;
  *add.mutable_add_block()->mutable_block_to_add() = make_block("m1", 1, "");
  EXPECT_TRUE(call(f.bus, add).has_add_block());
  bs::block_store_request highest;
  highest.mutable_get_highest_block();
  auto response = call(f.bus, highest);
  ASSERT_TRUE(response.has_get_highest_block());
  EXPECT_EQ(response.get_highest_block().topology().id(), id_of("m1"));
  bs::block_store_request ping;
  ping.mutable_reserved();
  EXPECT_TRUE(call(f.bus, ping).has_reserved());
}

TEST(StoreService, ErrorsComeBackAsErrorStatus) {
  Fixture f;
  bs::block_store_request add;
  *add.mutable_add_block()->mutable_block_to_add() = make_block("m5", 5, "m4");
  auto response = call(f.bus, add);
  ASSERT_TRUE(response.has_error());
  EXPECT_EQ(response.error().message(), "block 0x12206d352e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e: previous block "
                                        "0x12206d342e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e is not in the block store");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // error_status.data: deprecated, still what gateways read
  EXPECT_TRUE(response.error().data().empty());
#pragma GCC diagnostic pop
  bs::block_store_request empty;
  EXPECT_EQ(call(f.bus, empty).error().message(), "unknown block_store request");
  auto garbage = f.bus.call("block_store", "\xff\xff\xff", std::chrono::milliseconds(0));
  ASSERT_TRUE(garbage.ok());
  bs::block_store_response parsed;
  ASSERT_TRUE(parsed.ParseFromString(*garbage));
  EXPECT_EQ(parsed.error().message(), "could not parse block_store_request");
}

TEST(StoreService, BlockAcceptBroadcastFeedsAllThreeStores) {
  Fixture f;
  koinos::broadcast::block_accepted accepted;
  *accepted.mutable_block() = make_block("m1", 1, "");
  auto* trx = accepted.mutable_block()->add_transactions();
  trx->set_id(id_of("t1"));
  auto* upload = trx->add_operations()->mutable_upload_contract();
  upload->set_contract_id("c");
  upload->set_abi("{}");
  *accepted.mutable_receipt() = make_receipt(accepted.block());
  ASSERT_TRUE(bus::publish_typed(f.bus, bus::topics::k_block_accept, accepted).ok());

  koinos::rpc::transaction_store::transaction_store_request treq;
  treq.mutable_get_transactions_by_id()->add_transaction_ids(id_of("t1"));
  auto tres = bus::call_typed<koinos::rpc::transaction_store::transaction_store_response>(f.bus, "transaction_store", treq);
  ASSERT_TRUE(tres.ok());
  ASSERT_EQ(tres->get_transactions_by_id().transactions_size(), 1);
  EXPECT_EQ(tres->get_transactions_by_id().transactions(0).containing_blocks(0), id_of("m1"));

  koinos::rpc::contract_meta_store::contract_meta_store_request creq;
  creq.mutable_get_contract_meta()->set_contract_id("c");
  auto cres = bus::call_typed<koinos::rpc::contract_meta_store::contract_meta_store_response>(f.bus, "contract_meta_store", creq);
  ASSERT_TRUE(cres.ok());
  EXPECT_EQ(cres->get_contract_meta().meta().abi(), "{}");
  creq.mutable_get_contract_meta()->clear_contract_id();
  cres = bus::call_typed<koinos::rpc::contract_meta_store::contract_meta_store_response>(f.bus, "contract_meta_store", creq);
  ASSERT_TRUE(cres.ok());
  EXPECT_EQ(cres->error().message(), "get_contract_meta: contract_id is required");
}

TEST(StoreService, AttachTwiceFailsAndDetachFreesTheNames) {
  Fixture f;
  auto second = StoreService::attach(f.bus, *f.store);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, "serve: koinos.rpc.block_store already has a handler");
  f.service.reset();
  EXPECT_FALSE(f.bus.call("transaction_store", "", std::chrono::milliseconds(0)).ok());
  auto again = StoreService::attach(f.bus, *f.store);
  EXPECT_TRUE(again.ok());
}

}  // namespace
}  // namespace modchain::block_store
