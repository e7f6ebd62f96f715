// JSON-RPC → in-process bus → the real block store: the koilib call sequence of koinos-rpc.md §6
// (transaction.wait "byTransactionId") answered end to end, with exact JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "modchain/block_store/service.hpp"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/rpc/request_handler.hpp"

namespace modchain::rpc {
namespace {

const std::string k_id1 = "0x1220" + std::string(64, '1');
const std::string k_id2 = "0x1220" + std::string(64, '2');
const std::string k_fork2 = "0x1220" + std::string(64, 'f');
const std::string k_trx = "0x1220616b658c7e3eb458bc52c5b37e1bd9f5ca35086867794e6900b2eb45ead5a874";

std::string call(const RequestHandler& handler, const std::string& method, const std::string& params) {
  return handler.handle(R"({"id":1,"jsonrpc":"2.0","method":")" + method + R"(","params":)" + params + "}");
}

std::string block_json(const std::string& id, int height, const std::string& previous, const std::string& trx) {
  std::string json = R"({"block_to_add":{"id":")" + id + R"(","header":{"previous":")" + previous + R"(","height":")" +
                     std::to_string(height) + R"(","timestamp":"1700000000000"})";
  if (!trx.empty()) {
    json += R"(,"transactions":[{"id":")" + trx + R"(","operations":[{"upload_contract":{"contract_id":)"
            R"("1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP","bytecode":"AGFzbQEAAAA=","abi":"{\"methods\":{}}"}}]}])";
  }
  return json + R"(},"receipt_to_add":{"id":")" + id + R"(","height":")" + std::to_string(height) + R"("}})";
}

TEST(BlockStoreEndToEnd, KoilibWaitSequence) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("modchain_rpc_e2e_" + std::to_string(rd()));
  {
    auto store = std::move(block_store::Store::open({dir.string(), false})).value();
    bus::InProcessBus bus;
    auto service = std::move(block_store::StoreService::attach(bus, *store)).value();
    RequestHandler handler(bus, {});
    const std::string zero = "0x1220" + std::string(64, '0');
    const std::string ok = R"({"jsonrpc":"2.0","result":{},"id":1})";
    ASSERT_EQ(call(handler, "block_store.add_block", block_json(k_id1, 1, zero, "")), ok);
    ASSERT_EQ(call(handler, "block_store.add_block", block_json(k_id2, 2, k_id1, k_trx)), ok);
    ASSERT_EQ(call(handler, "block_store.add_block", block_json(k_fork2, 2, k_id1, "")), ok);

    EXPECT_EQ(call(handler, "transaction_store.get_transactions_by_id", R"({"transaction_ids":[")" + k_trx + R"("]})"),
              R"({"jsonrpc":"2.0","result":{"transactions":[{"transaction":{"id":")" + k_trx +
                  R"(","operations":[{"upload_contract":{"contract_id":"1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP",)"
                  R"("bytecode":"AGFzbQEAAAA=","abi":"{\"methods\":{}}"}}]},"containing_blocks":[")" + k_id2 +
                  R"("]}]},"id":1})");
    EXPECT_EQ(call(handler, "block_store.get_blocks_by_id",
                   R"({"block_ids":[")" + k_id2 + R"("],"return_block":false,"return_receipt":false})"),
              R"({"jsonrpc":"2.0","result":{"block_items":[{"block_id":")" + k_id2 + R"(","block_height":"2"}]},"id":1})");
    EXPECT_EQ(call(handler, "block_store.get_blocks_by_height",
                   R"({"head_block_id":")" + k_fork2 + R"(","ancestor_start_height":1,"num_blocks":5,"return_block":false,"return_receipt":true})"),
              R"({"jsonrpc":"2.0","result":{"block_items":[{"block_id":")" + k_id1 + R"(","block_height":"1","receipt":{"id":")" +
                  k_id1 + R"(","height":"1"}},{"block_id":")" + k_fork2 + R"(","block_height":"2","receipt":{"id":")" + k_fork2 +
                  R"(","height":"2"}}]},"id":1})");
    EXPECT_EQ(call(handler, "contract_meta_store.get_contract_meta", R"({"contract_id":"1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP"})"),
              R"({"jsonrpc":"2.0","result":{"meta":{"abi":"{\"methods\":{}}"}},"id":1})");
    EXPECT_EQ(call(handler, "block_store.get_highest_block", "{}"),
              R"({"jsonrpc":"2.0","result":{"topology":{"id":")" + k_id2 + R"(","height":"2","previous":")" + k_id1 +
                  R"("}},"id":1})");
    EXPECT_EQ(call(handler, "block_store.get_blocks_by_height", R"({"head_block_id":")" + k_id2 + R"(","ancestor_start_height":"3"})"),
              R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"get_blocks_by_height: ancestor_start_height 3 is above the head height 2"},"id":1})");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace modchain::rpc
