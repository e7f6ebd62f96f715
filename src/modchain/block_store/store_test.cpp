#include "modchain/block_store/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "koinos/block_store/block_store.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/contract_meta_store/contract_meta_store_rpc.pb.h"
#include "koinos/rpc/transaction_store/transaction_store_rpc.pb.h"
#include "modchain/block_store/test_blocks.hpp"

namespace modchain::block_store {
namespace {

using testing::id_of;
using testing::make_block;
using testing::make_receipt;
namespace bs = koinos::rpc::block_store;

std::unique_ptr<Store> open_store(const testing::TempDir& dir) {
  auto store = Store::open({dir.path(), true});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().describe());
  return std::move(store).value();
}

// main chain m1..m<n>; returns nothing, asserts every add succeeds.
void add_chain(Store& store, const std::string& prefix, uint64_t from, uint64_t to, const std::string& parent) {
  std::string prev = parent;
  for (uint64_t h = from; h <= to; ++h) {
    auto block = make_block(prefix + std::to_string(h), h, prev);
    ASSERT_TRUE(store.add_block(block, make_receipt(block)).ok()) << h;
    prev = prefix + std::to_string(h);
  }
}

std::vector<std::string> heights_and_ids(const bs::get_blocks_by_height_response& r) {
  std::vector<std::string> out;
  for (const auto& item : r.block_items()) out.push_back(std::to_string(item.block_height()) + ":" + item.block_id().substr(2, 4));
  return out;
}

bs::get_blocks_by_height_request by_height(const std::string& head, uint64_t start, uint32_t num) {
  bs::get_blocks_by_height_request req;
  req.set_head_block_id(id_of(head));
  req.set_ancestor_start_height(start);
  req.set_num_blocks(num);
  return req;
}

TEST(Store, ByHeightFollowsTheNamedChain) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 40, "");
  add_chain(*store, "f", 6, 9, "m5");  // fork f6..f9 on top of m5
  bs::get_blocks_by_height_response out;
  ASSERT_TRUE(store->get_blocks_by_height(by_height("f9", 4, 10), out).ok());
  EXPECT_EQ(heights_and_ids(out), (std::vector<std::string>{"4:m4..", "5:m5..", "6:f6..", "7:f7..", "8:f8..", "9:f9.."}));
  ASSERT_TRUE(store->get_blocks_by_height(by_height("m40", 6, 2), out).ok());
  EXPECT_EQ(heights_and_ids(out), (std::vector<std::string>{"6:m6..", "7:m7.."}));
  ASSERT_TRUE(store->get_blocks_by_height(by_height("m40", 1, 1), out).ok());
  EXPECT_EQ(heights_and_ids(out), (std::vector<std::string>{"1:m1.."}));
  EXPECT_FALSE(out.block_items(0).has_block());
  EXPECT_FALSE(out.block_items(0).has_receipt());
}

TEST(Store, ByHeightSkipListReachesEveryHeight) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 70, "");
  for (uint64_t h = 1; h <= 70; ++h) {
    bs::get_blocks_by_height_response out;
    ASSERT_TRUE(store->get_blocks_by_height(by_height("m70", h, 1), out).ok());
    ASSERT_EQ(out.block_items_size(), 1);
    EXPECT_EQ(out.block_items(0).block_id(), id_of("m" + std::to_string(h)));
    EXPECT_EQ(out.block_items(0).block_height(), h);
  }
}

TEST(Store, ByHeightFlagsAndErrors) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 3, "");
  auto req = by_height("m3", 2, 5);
  req.set_return_block(true);
  req.set_return_receipt(true);
  bs::get_blocks_by_height_response out;
  ASSERT_TRUE(store->get_blocks_by_height(req, out).ok());
  ASSERT_EQ(out.block_items_size(), 2);
  EXPECT_EQ(out.block_items(1).block().header().timestamp(), 3000u);
  EXPECT_EQ(out.block_items(1).receipt().height(), 3u);

  auto start0 = store->get_blocks_by_height(by_height("m3", 0, 1), out);
  ASSERT_FALSE(start0.ok());
  EXPECT_EQ(start0.error().message, "get_blocks_by_height: ancestor_start_height must be at least 1");
  auto above = store->get_blocks_by_height(by_height("m3", 4, 1), out);
  ASSERT_FALSE(above.ok());
  EXPECT_EQ(above.error().message, "get_blocks_by_height: ancestor_start_height 4 is above the head height 3");
  auto many = store->get_blocks_by_height(by_height("m3", 1, 1001), out);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().message, "get_blocks_by_height: num_blocks 1001 exceeds 1000");
  auto unknown = store->get_blocks_by_height(by_height("zz", 1, 1), out);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, util::ErrorCode::not_found);
  EXPECT_EQ(unknown.error().message.rfind("get_blocks_by_height: head block 0x12207a7a2e2e", 0), 0u);
  ASSERT_TRUE(store->get_blocks_by_height(by_height("m3", 1, 0), out).ok());
  EXPECT_EQ(out.block_items_size(), 0);
}

TEST(Store, ByIdKeepsOrderAndGivesEmptyItemsForUnknownIds) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 3, "");
  bs::get_blocks_by_id_request req;
  req.add_block_ids(id_of("m3"));
  req.add_block_ids(id_of("nope"));
  req.add_block_ids(id_of("m1"));
  req.set_return_block(true);
  bs::get_blocks_by_id_response out;
  ASSERT_TRUE(store->get_blocks_by_id(req, out).ok());
  ASSERT_EQ(out.block_items_size(), 3);
  EXPECT_EQ(out.block_items(0).block_height(), 3u);
  EXPECT_TRUE(out.block_items(0).has_block());
  EXPECT_FALSE(out.block_items(0).has_receipt());
  EXPECT_EQ(out.block_items(1).ByteSizeLong(), 0u);
  EXPECT_EQ(out.block_items(2).block_id(), id_of("m1"));
  for (int i = 0; i < 1001; ++i) req.add_block_ids(id_of("x"));
  auto too_many = store->get_blocks_by_id(req, out);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().message, "get_blocks_by_id: 1004 ids requested, at most 1000 allowed");
}

TEST(Store, AddBlockChecksAndIsIdempotent) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 2, "");
  auto orphan = make_block("o5", 5, "missing");
  auto status = store->add_block(orphan, make_receipt(orphan));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::unknown_previous_block);
  auto wrong_height = make_block("w", 4, "m2");
  status = store->add_block(wrong_height, make_receipt(wrong_height));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::unexpected_height);
  EXPECT_NE(status.error().message.find("height 4 does not follow its parent's height 2"), std::string::npos);
  koinos::protocol::block no_id;
  status = store->add_block(no_id, {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "add_block: the block has no id");
  auto zero = make_block("z", 0, "");
  EXPECT_EQ(store->add_block(zero, {}).error().code, util::ErrorCode::unexpected_height);
  auto again = make_block("m2", 2, "m1");
  again.mutable_header()->set_timestamp(1);  // ignored: the block is known
  ASSERT_TRUE(store->add_block(again, {}).ok());
  bs::get_blocks_by_id_request req;
  req.add_block_ids(id_of("m2"));
  req.set_return_block(true);
  bs::get_blocks_by_id_response out;
  ASSERT_TRUE(store->get_blocks_by_id(req, out).ok());
  EXPECT_EQ(out.block_items(0).block().header().timestamp(), 2000u);
}

TEST(Store, HighestBlockIsTheFirstAtTheTopHeight) {
  testing::TempDir dir;
  auto store = open_store(dir);
  bs::get_highest_block_response out;
  ASSERT_TRUE(store->get_highest_block(out).ok());
  EXPECT_TRUE(out.has_topology());
  EXPECT_EQ(out.topology().height(), 0u);
  add_chain(*store, "m", 1, 4, "");
  add_chain(*store, "f", 3, 4, "m2");
  ASSERT_TRUE(store->get_highest_block(out).ok());
  EXPECT_EQ(out.topology().id(), id_of("m4"));
  EXPECT_EQ(out.topology().height(), 4u);
  EXPECT_EQ(out.topology().previous(), id_of("m3"));
}

koinos::protocol::transaction make_trx(const std::string& name, const std::string& abi_upload = "") {
  koinos::protocol::transaction trx;
  trx.set_id(id_of(name));
  trx.mutable_header()->set_rc_limit(7);
  if (!abi_upload.empty()) {
    auto* upload = trx.add_operations()->mutable_upload_contract();
    upload->set_contract_id("contract-1");
    upload->set_abi(abi_upload);
  }
  return trx;
}

TEST(Store, TransactionsListEveryContainingBlock) {
  testing::TempDir dir;
  auto store = open_store(dir);
  add_chain(*store, "m", 1, 1, "");
  auto a = make_block("a2", 2, "m1");
  *a.add_transactions() = make_trx("t1");
  auto b = make_block("b2", 2, "m1");
  *b.add_transactions() = make_trx("t1");
  *b.add_transactions() = make_trx("t2");
  ASSERT_TRUE(store->add_block(a, make_receipt(a)).ok());
  ASSERT_TRUE(store->add_block(b, make_receipt(b)).ok());
  koinos::rpc::transaction_store::get_transactions_by_id_request req;
  req.add_transaction_ids(id_of("t2"));
  req.add_transaction_ids(id_of("unknown"));
  req.add_transaction_ids(id_of("t1"));
  koinos::rpc::transaction_store::get_transactions_by_id_response out;
  ASSERT_TRUE(store->get_transactions_by_id(req, out).ok());
  ASSERT_EQ(out.transactions_size(), 2);
  EXPECT_EQ(out.transactions(0).transaction().id(), id_of("t2"));
  ASSERT_EQ(out.transactions(1).containing_blocks_size(), 2);
  EXPECT_EQ(out.transactions(1).containing_blocks(0), id_of("a2"));
  EXPECT_EQ(out.transactions(1).containing_blocks(1), id_of("b2"));
  EXPECT_EQ(out.transactions(1).transaction().header().rc_limit(), 7u);
}

TEST(Store, ContractMetaTakesTheLastNonRevertedUpload) {
  testing::TempDir dir;
  auto store = open_store(dir);
  auto b1 = make_block("m1", 1, "");
  *b1.add_transactions() = make_trx("t1", "{\"v\":1}");
  ASSERT_TRUE(store->add_block(b1, make_receipt(b1)).ok());
  auto b2 = make_block("m2", 2, "m1");
  *b2.add_transactions() = make_trx("t2", "{\"v\":2}");
  auto r2 = make_receipt(b2);
  r2.add_transaction_receipts()->set_reverted(true);
  ASSERT_TRUE(store->add_block(b2, r2).ok());
  koinos::rpc::contract_meta_store::get_contract_meta_request req;
  req.set_contract_id("contract-1");
  koinos::rpc::contract_meta_store::get_contract_meta_response out;
  ASSERT_TRUE(store->get_contract_meta(req, out).ok());
  EXPECT_EQ(out.meta().abi(), "{\"v\":1}");
  auto b3 = make_block("m3", 3, "m2");
  *b3.add_transactions() = make_trx("t3", "{\"v\":3}");
  ASSERT_TRUE(store->add_block(b3, make_receipt(b3)).ok());
  ASSERT_TRUE(store->get_contract_meta(req, out).ok());
  EXPECT_EQ(out.meta().abi(), "{\"v\":3}");
  req.set_contract_id("other");
  ASSERT_TRUE(store->get_contract_meta(req, out).ok());
  EXPECT_FALSE(out.has_meta());
  req.clear_contract_id();
  EXPECT_EQ(store->get_contract_meta(req, out).error().message, "get_contract_meta: contract_id is required");
}

TEST(Store, ReopenKeepsEverything) {
  testing::TempDir dir;
  {
    auto store = open_store(dir);
    add_chain(*store, "m", 1, 12, "");
  }
  auto store = open_store(dir);
  bs::get_highest_block_response highest;
  ASSERT_TRUE(store->get_highest_block(highest).ok());
  EXPECT_EQ(highest.topology().height(), 12u);
  bs::get_blocks_by_height_response out;
  ASSERT_TRUE(store->get_blocks_by_height(by_height("m12", 3, 2), out).ok());
  EXPECT_EQ(heights_and_ids(out), (std::vector<std::string>{"3:m3..", "4:m4.."}));
  add_chain(*store, "m", 13, 13, "m12");
}

TEST(Store, ReadersRunWhileBlocksAreAdded) {
  testing::TempDir dir;
  auto store = Store::open({dir.path(), false}).value();  // unsynced: this test is about concurrency
  add_chain(*store, "m", 1, 1, "");
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        bs::get_blocks_by_height_response out;
        if (!store->get_blocks_by_height(by_height("m1", 1, 1), out).ok() || out.block_items_size() != 1) ++bad;
        bs::get_highest_block_response highest;
        if (!store->get_highest_block(highest).ok() || highest.topology().height() == 0) ++bad;
      }
    });
  }
  add_chain(*store, "m", 2, 200, "m1");
  done = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(bad.load(), 0);
  bs::get_blocks_by_height_response out;
  ASSERT_TRUE(store->get_blocks_by_height(by_height("m200", 100, 3), out).ok());
  EXPECT_EQ(heights_and_ids(out), (std::vector<std::string>{"100:m100", "101:m101", "102:m102"}));
}

TEST(Store, OpenFailuresAreIoErrors) {
  testing::TempDir dir;
  std::ofstream(dir.path("file")) << "not a directory";
  auto store = Store::open({dir.path("file") + "/db", true});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, util::ErrorCode::io_error);
  EXPECT_NE(store.error().message.find(dir.path("file")), std::string::npos);
  EXPECT_EQ(Store::open({"", true}).error().code, util::ErrorCode::invalid_argument);
  auto first = open_store(dir);
  auto second = Store::open({dir.path(), true});  // RocksDB holds a lock on the directory
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, util::ErrorCode::io_error);
}

}  // namespace
}  // namespace modchain::block_store
