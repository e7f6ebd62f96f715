// koilib 9.1.1 vectors (koilib-vectors.json): same keys → same ids and signature bytes; the exact
// JSON-RPC request bodies decode into messages with the listed canonical bytes and re-encode identically.
#include <gtest/gtest.h>

#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "vectors.hpp"

namespace modchain::conformance {
namespace {

const nlohmann::json& vectors() { return load("koilib-vectors.json"); }

/// The private key of the vector key with this address (keys are `Signer.fromSeed(name)`).
crypto::PrivateKey key_of(const std::string& address) {
  for (const auto& key : vectors()["keys"]) {
    if (key["address"] == address) return crypto::PrivateKey::from_seed(key["name"].get<std::string>());
  }
  ADD_FAILURE() << "no key for " << address;
  return crypto::PrivateKey::from_seed("");
}

TEST(KoilibVectors, KeysDeriveFromTheirSeeds) {
  for (const auto& key : vectors()["keys"]) {
    SCOPED_TRACE(key["name"].get<std::string>());
    const auto private_key = crypto::PrivateKey::from_seed(key["name"].get<std::string>());
    EXPECT_EQ(private_key.to_wif(), key["private_key_wif"]);
    EXPECT_EQ(util::to_hex(private_key.public_key().compressed()), key["public_key_hex"]);
    EXPECT_EQ(private_key.public_key().address().to_base58(), key["address"]);
  }
}

void check_transaction(const nlohmann::json& vector, const koinos::protocol::transaction& trx) {
  ASSERT_EQ(trx.operations_size(), static_cast<int>(vector["operation_bytes_hex"].size()));
  for (int i = 0; i < trx.operations_size(); ++i) {
    EXPECT_EQ(serialized_hex(trx.operations(i)), vector["operation_bytes_hex"][i]);
    EXPECT_EQ(util::to_hex(protocol::operation_leaf(trx.operations(i)).digest), vector["operation_leaf_sha256_hex"][i]);
    EXPECT_EQ(encode(trx.operations(i)), vector["operations"][i]);
  }
  const auto root = protocol::operation_merkle_root(trx.operations());
  EXPECT_EQ(root.to_hex(), vector["operation_merkle_root_hex"]);
  EXPECT_EQ(b64url(root), vector["operation_merkle_root"]);
  EXPECT_EQ(serialized_hex(trx.header()), vector["header_bytes_hex"]);
  EXPECT_EQ(util::to_hex(util::as_bytes(trx.header().nonce())), vector["nonce_hex"]);
  EXPECT_EQ(id_0x(protocol::transaction_id(trx.header())), vector["transaction_id"]);
  EXPECT_EQ(serialized_hex(trx), vector["transaction_bytes_hex"]);
  EXPECT_EQ(protocol::serialized_size(trx), vector["transaction_byte_size"].get<size_t>());

  // Same keys, same digest → byte-identical RFC 6979 signatures; each recovers to its signer.
  const auto digest = protocol::transaction_signing_digest(trx.header());
  ASSERT_EQ(trx.signatures_size(), static_cast<int>(vector["signer_keys"].size()));
  for (int i = 0; i < trx.signatures_size(); ++i) {
    const auto signature = key_of(vector["signer_keys"][i]).sign_compact(digest);
    EXPECT_EQ(util::to_hex(signature), vector["signatures_hex"][i]);
    EXPECT_EQ(util::to_string(signature), trx.signatures(i));
    auto recovered = crypto::recover_compact(util::as_bytes(trx.signatures(i)), digest);
    ASSERT_TRUE(recovered.ok()) << recovered.error().describe();
    EXPECT_EQ(recovered->address().to_base58(), vector["recovered_addresses"][i]);
  }
}

TEST(KoilibVectors, Transactions) {
  for (const auto& vector : vectors()["transactions"]) {
    SCOPED_TRACE(vector["name"].get<std::string>());
    const auto trx = decode<koinos::protocol::transaction>(vector["transaction_json"]);
    check_transaction(vector, trx);
    EXPECT_EQ(encode(trx), vector["transaction_json"]);
  }
}

TEST(KoilibVectors, SubmitTransactionRequestBodies) {
  for (const auto& vector : vectors()["transactions"]) {
    SCOPED_TRACE(vector["name"].get<std::string>());
    const auto body = nlohmann::json::parse(vector["jsonrpc_request_body"].get<std::string>());
    EXPECT_EQ(body["method"], "chain.submit_transaction");
    const auto request = decode<koinos::rpc::chain::submit_transaction_request>(body["params"]);
    EXPECT_TRUE(request.broadcast());
    EXPECT_EQ(serialized_hex(request.transaction()), vector["transaction_bytes_hex"]);
    check_transaction(vector, request.transaction());
    EXPECT_EQ(encode(request), body["params"]);
  }
}

TEST(KoilibVectors, BlockWithTwoTransactions) {
  for (const auto& vector : vectors()["blocks"]) {
    SCOPED_TRACE(vector["name"].get<std::string>());
    const auto block = decode<koinos::protocol::block>(vector["block_json"]);
    EXPECT_EQ(encode(block.header()), vector["header"]);
    ASSERT_EQ(block.transactions_size(), static_cast<int>(vector["transaction_ids"].size()));
    size_t transactions_size = 0;
    for (int i = 0; i < block.transactions_size(); ++i) {
      EXPECT_EQ(id_0x(protocol::transaction_id(block.transactions(i).header())), vector["transaction_ids"][i]);
      EXPECT_EQ(protocol::serialized_size(block.transactions(i)), vector["transaction_byte_sizes"][i].get<size_t>());
      transactions_size += protocol::serialized_size(block.transactions(i));
      auto [header_leaf, signatures_leaf] = protocol::transaction_leaves(block.transactions(i));
      EXPECT_EQ(util::to_hex(header_leaf.digest), vector["transaction_merkle_leaves_hex"][2 * i]);
      EXPECT_EQ(util::to_hex(signatures_leaf.digest), vector["transaction_merkle_leaves_hex"][2 * i + 1]);
    }
    const auto root = protocol::transaction_merkle_root(block.transactions());
    EXPECT_EQ(root.to_hex(), vector["transaction_merkle_root_hex"]);
    EXPECT_EQ(b64url(root), vector["transaction_merkle_root"]);
    EXPECT_EQ(serialized_hex(block.header()), vector["header_bytes_hex"]);
    EXPECT_EQ(id_0x(protocol::block_id(block.header())), vector["block_id"]);
    const auto signature =
        key_of(vector["recovered_signer"]).sign_compact(protocol::block_signing_digest(block.header()));
    EXPECT_EQ(util::to_hex(signature), vector["signature_hex"]);
    EXPECT_EQ(serialized_hex(block), vector["block_bytes_hex"]);
    EXPECT_EQ(protocol::serialized_size(block), vector["block_byte_size"].get<size_t>());
    EXPECT_EQ(protocol::serialized_size(block) - transactions_size, vector["block_overhead_bytes"].get<size_t>());
    EXPECT_EQ(encode(block), vector["block_json"]);

    const auto body = nlohmann::json::parse(vector["jsonrpc_request_body"].get<std::string>());
    EXPECT_EQ(body["method"], "chain.submit_block");
    const auto request = decode<koinos::rpc::chain::submit_block_request>(body["params"]);
    EXPECT_EQ(serialized_hex(request.block()), vector["block_bytes_hex"]);
    EXPECT_EQ(encode(request), body["params"]);
  }
}

}  // namespace
}  // namespace modchain::conformance
