// A real mainnet transaction (vectors.json mainnet_transaction): JSON → message → canonical bytes, id,
// operation merkle root, and the signers recovered from both signatures.
#include <gtest/gtest.h>

#include "modchain/crypto/hash.hpp"
#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "vectors.hpp"

namespace modchain::conformance {
namespace {

class MainnetTransaction : public ::testing::Test {
 protected:
  const nlohmann::json& vector = load("vectors.json")["mainnet_transaction"];
  const nlohmann::json& expected = vector["expected"];
  koinos::protocol::transaction trx = decode<koinos::protocol::transaction>(vector["json"]);
};

TEST_F(MainnetTransaction, DecodedFields) {
  const auto& decoded = vector["decoded"];
  EXPECT_EQ(util::to_hex(util::as_bytes(trx.header().chain_id())), decoded["chain_id_hex"]);
  EXPECT_EQ(trx.header().rc_limit(), decoded["rc_limit"].get<uint64_t>());
  EXPECT_EQ(util::to_hex(util::as_bytes(trx.header().nonce())), decoded["nonce_hex"]);
  EXPECT_EQ(util::to_hex(util::as_bytes(trx.header().payer())), decoded["payer_hex"]);
  EXPECT_EQ(util::to_hex(util::as_bytes(trx.header().payee())), decoded["payee_hex"]);
  ASSERT_EQ(trx.operations_size(), 1);
  const auto& call = trx.operations(0).call_contract();
  EXPECT_EQ(util::to_hex(util::as_bytes(call.contract_id())), decoded["operation"]["contract_id_hex"]);
  EXPECT_EQ(call.entry_point(), decoded["operation"]["entry_point"].get<uint32_t>());
  EXPECT_TRUE(call.args().empty());
}

TEST_F(MainnetTransaction, CanonicalBytesIdAndOperationMerkleRoot) {
  ASSERT_EQ(trx.operations_size(), static_cast<int>(expected["operation_bytes_hex"].size()));
  for (int i = 0; i < trx.operations_size(); ++i) {
    EXPECT_EQ(serialized_hex(trx.operations(i)), expected["operation_bytes_hex"][i]);
    EXPECT_EQ(util::to_hex(protocol::operation_leaf(trx.operations(i)).digest),
              expected["operation_leaf_sha256_hex"][i]);
  }
  const auto root = protocol::operation_merkle_root(trx.operations());
  EXPECT_EQ(root.to_hex(), expected["operation_merkle_root_hex"]);
  EXPECT_EQ(b64url(root), expected["operation_merkle_root_b64url"]);
  EXPECT_EQ(util::to_string(root.to_bytes()), trx.header().operation_merkle_root());

  EXPECT_EQ(serialized_hex(trx.header()), expected["header_bytes_hex"]);
  EXPECT_EQ(protocol::serialized_size(trx.header()), expected["header_byte_size"].get<size_t>());
  const auto id = protocol::transaction_id(trx.header());
  EXPECT_EQ(id.to_hex(), expected["transaction_id_hex"]);
  EXPECT_EQ(id_0x(id), expected["transaction_id_0x"]);
  EXPECT_EQ(util::to_string(id.to_bytes()), trx.id());
  EXPECT_EQ(util::to_hex(protocol::transaction_signing_digest(trx.header())), expected["signing_digest_hex"]);

  EXPECT_EQ(serialized_hex(trx), expected["transaction_bytes_hex"]);
  EXPECT_EQ(protocol::serialized_size(trx), expected["transaction_byte_size"].get<size_t>());
}

TEST_F(MainnetTransaction, LeavesAndRootIfAloneInABlock) {
  google::protobuf::RepeatedPtrField<koinos::protocol::transaction> transactions;
  *transactions.Add() = trx;
  auto [header_leaf, signatures_leaf] = protocol::transaction_leaves(trx);
  EXPECT_EQ(util::to_hex(header_leaf.digest), expected["transaction_merkle_leaves_if_alone_in_a_block_hex"][0]);
  EXPECT_EQ(util::to_hex(signatures_leaf.digest), expected["transaction_merkle_leaves_if_alone_in_a_block_hex"][1]);
  EXPECT_EQ(protocol::transaction_merkle_root(transactions).to_hex(),
            expected["transaction_merkle_root_if_alone_in_a_block_hex"]);
}

TEST_F(MainnetTransaction, BothSignersRecover) {
  const auto digest = protocol::transaction_signing_digest(trx.header());
  ASSERT_EQ(trx.signatures_size(), static_cast<int>(expected["signatures"].size()));
  for (int i = 0; i < trx.signatures_size(); ++i) {
    SCOPED_TRACE(i);
    const auto& sig = expected["signatures"][i];
    const auto bytes = util::as_bytes(trx.signatures(i));
    ASSERT_EQ(bytes.size(), 65u);
    EXPECT_EQ(bytes[0], sig["header_byte"].get<int>());
    EXPECT_EQ(util::to_hex(bytes.subspan(1, 32)), sig["r_hex"]);
    EXPECT_EQ(util::to_hex(bytes.subspan(33, 32)), sig["s_hex"]);
    auto key = crypto::recover_compact(bytes, digest);
    ASSERT_TRUE(key.ok()) << key.error().describe();
    EXPECT_EQ(util::to_hex(key->compressed()), sig["recovered_public_key_hex"]);
    EXPECT_EQ(key->address().to_base58(), sig["recovered_address"]);
  }
  // Signature 0 is the payee's, signature 1 the payer's.
  EXPECT_EQ(expected["signatures"][0]["recovered_address"], vector["json"]["header"]["payee"]);
  EXPECT_EQ(expected["signatures"][1]["recovered_address"], vector["json"]["header"]["payer"]);
}

TEST_F(MainnetTransaction, JsonReencodesToTheApiForm) { EXPECT_EQ(encode(trx), vector["json"]); }

}  // namespace
}  // namespace modchain::conformance
