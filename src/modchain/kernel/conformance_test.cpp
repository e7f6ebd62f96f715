// The koilib block vector (conformance/koilib-vectors.json `block_two_transactions`) through apply_block's
// validation path on a genesis whose key is the vector's genesis key.
#include <gtest/gtest.h>

#include <limits>

#include <nlohmann/json.hpp>

#include "modchain/crypto/address.hpp"
#include "modchain/kernel/execution_context.hpp"
#include "modchain/kernel/genesis.hpp"
#include "modchain/kernel/test_helpers.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/module_cache.hpp"

namespace modchain::kernel {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;
namespace kp = koinos::protocol;

struct VectorChain {
  std::unique_ptr<state_db::Database> database;
  std::unique_ptr<vm::Engine> engine = vm::make_wabt_interp_engine();
  vm::ModuleCache modules{*engine, vm::PrepareOptions{}};
  kp::block block;

  VectorChain() {
    auto text = util::read_file(std::string(MODCHAIN_SHARED_DIR) + "/conformance/koilib-vectors.json");
    MODCHAIN_ASSERT(text.ok(), "koilib vectors missing");
    const auto json = nlohmann::json::parse(text.value());
    const auto& vector = json["blocks"][0];
    MODCHAIN_ASSERT(vector["name"] == "block_two_transactions", "unexpected vector");
    auto bytes = util::from_hex(vector["block_bytes_hex"].get<std::string>());
    MODCHAIN_ASSERT(bytes.ok() && block.ParseFromArray(bytes.value().data(), static_cast<int>(bytes.value().size())),
                    "block bytes");
    auto signer = crypto::Address::from_base58(vector["recovered_signer"].get<std::string>());
    MODCHAIN_ASSERT(signer.ok(), "signer");
    auto db = state_db::Database::open(state_db::DatabaseOptions{state_db::BackendKind::memory, {}, {}});
    MODCHAIN_ASSERT(db.ok(), "db");
    database = std::move(db).value();
    MODCHAIN_ASSERT(load_genesis(*database, make_dev_genesis(signer.value(), {mainnet_resource_limits(), 1'000'000'000})).ok(), "genesis");
    // A stand-in parent at height 1 with the vector's previous id, so the block gets a node at height 2.
    const auto root = database->root();
    state_db::BlockInfo parent{util::to_bytes(block.header().previous()), 1, 1, {}};
    MODCHAIN_ASSERT(database->create_block_node(root.id(), parent, {}).ok(), "parent node");
    MODCHAIN_ASSERT(database->finalize_node(parent.id).ok(), "parent finalize");
  }

  util::Error apply(const kp::block& candidate) {
    const auto parent = database->get_node(util::as_bytes(candidate.header().previous()));
    state_db::BlockInfo info{util::to_bytes(candidate.id()), 2, candidate.header().timestamp(), {}};
    auto node = database->create_block_node(parent.id(), info, {});
    MODCHAIN_ASSERT(node.ok(), "node");
    ExecutionContext context(VmRuntime{engine.get(), &modules}, Intent::block_application, node.value(), parent);
    constexpr uint64_t k_unbounded = std::numeric_limits<int64_t>::max();
    context.meter().set_limits(ResourceLimits{k_unbounded, 0, k_unbounded, 0, k_unbounded, 0});
    (void)context.push_frame(Frame{});
    kc::apply_block_arguments args;
    *args.mutable_block() = candidate;
    auto result = context.system_call(kc::apply_block, protocol::serialize_to_string(args));
    (void)database->discard_node(node.value().id());
    return test::outcome(result);
  }
};

TEST(KoilibVector, BlockPassesIdMerkleAndSignatureChecksThenFailsOnTheMainnetChainId) {
  VectorChain chain;
  EXPECT_EQ(chain.block.transactions_size(), 2);
  const auto error = chain.apply(chain.block);
  EXPECT_EQ(error.code, ErrorCode::malformed_transaction);
  EXPECT_EQ(error.message, "wrong chain id");
}

TEST(KoilibVector, TamperedCopiesFailTheMatchingCheck) {
  VectorChain chain;
  auto bad_id = chain.block;
  bad_id.mutable_header()->set_timestamp(bad_id.header().timestamp() + 1);
  EXPECT_EQ(chain.apply(bad_id).code, ErrorCode::malformed_block);
  auto bad_merkle = chain.block;
  bad_merkle.mutable_transactions(0)->mutable_signatures(0)->at(10) ^= 1;
  EXPECT_EQ(chain.apply(bad_merkle).code, ErrorCode::malformed_block);
  EXPECT_EQ(chain.apply(bad_merkle).message, "transaction merkle root mismatch");
  auto bad_signature = chain.block;
  bad_signature.mutable_signature()->at(40) ^= 1;
  const auto error = chain.apply(bad_signature);
  EXPECT_TRUE(error.code == ErrorCode::invalid_signature || error.code == ErrorCode::reversion) << error.describe();
}

}  // namespace
}  // namespace modchain::kernel
