#include "modchain/protocol/ids.hpp"

#include <gtest/gtest.h>

#include "modchain/crypto/merkle.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::protocol {
namespace {

constexpr const char* k_empty_hash = "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

crypto::Multihash h(std::string_view text) { return crypto::multihash_sha256(util::as_bytes(text)); }

TEST(Ids, MetadataKeysAreHashesOfObjectKeyNames) {
  EXPECT_EQ(metadata_key("chain_id").to_hex(), "1220b64f1cccd113765b6134301940db24953f0cecea88162d6f75e76a255f35e4df");
  EXPECT_EQ(metadata_key("head_block").to_hex(),
            "1220c8897aa6247e44fabf73270b3264002a9b2fa6654ad7447e3b3f8026ab391b4c");
  EXPECT_EQ(metadata_key("block_hash_code").to_hex(),
            "1220dd4f960ab1ceab92a8756dbfe4f984290e40cf12740f94a119c2572fd8ffb897");
}

TEST(Ids, TransactionAndBlockIdsHashTheCanonicalHeader) {
  koinos::protocol::transaction_header header;
  header.set_rc_limit(300);
  header.set_payer("ab");
  EXPECT_EQ(transaction_id(header), crypto::multihash_sha256(util::from_hex("10ac022a026162").value()));
  auto digest = transaction_signing_digest(header);
  EXPECT_EQ(util::to_hex(digest), util::to_hex(transaction_id(header).digest));

  // The same header received in non-canonical form (fields reversed, overlong varint) has the same id.
  auto reparsed = parse<koinos::protocol::transaction_header>(util::from_hex("2a02616210ac8200").value());
  ASSERT_TRUE(reparsed.ok());
  EXPECT_EQ(transaction_id(*reparsed), transaction_id(header));

  koinos::protocol::block_header block_header;
  block_header.set_height(1);
  EXPECT_EQ(block_id(block_header), crypto::multihash_sha256(util::from_hex("1001").value()));
  EXPECT_EQ(util::to_hex(block_signing_digest(block_header)), util::to_hex(block_id(block_header).digest));
}

TEST(Ids, OperationMerkleRoot) {
  google::protobuf::RepeatedPtrField<koinos::protocol::operation> operations;
  EXPECT_EQ(operation_merkle_root(operations).to_hex(), k_empty_hash);

  auto* first = operations.Add();
  first->mutable_call_contract()->set_entry_point(7);
  // Leaf = H(serialize(op)) = H(12 02 10 07); a single leaf is its own root.
  EXPECT_EQ(operation_leaf(*first), crypto::multihash_sha256(util::from_hex("12021007").value()));
  EXPECT_EQ(operation_merkle_root(operations), operation_leaf(*first));

  operations.Add()->mutable_set_system_contract()->set_system_contract(true);
  operations.Add()->mutable_upload_contract();
  const std::vector<crypto::Multihash> leaves = {operation_leaf(operations[0]), operation_leaf(operations[1]),
                                                 operation_leaf(operations[2])};
  EXPECT_EQ(operation_merkle_root(operations), crypto::merkle_root(leaves));
}

TEST(Ids, TransactionMerkleRootUsesTwoLeavesPerTransaction) {
  google::protobuf::RepeatedPtrField<koinos::protocol::transaction> transactions;
  EXPECT_EQ(transaction_merkle_root(transactions).to_hex(), k_empty_hash);

  auto* trx = transactions.Add();
  trx->mutable_header()->set_rc_limit(1);
  trx->add_signatures("AB");
  trx->add_signatures("CD");
  trx->set_id("ignored");
  auto [header_leaf, signatures_leaf] = transaction_leaves(*trx);
  EXPECT_EQ(header_leaf, h(std::string("\x10\x01", 2)));
  EXPECT_EQ(signatures_leaf, h("ABCD"));  // concatenation in order
  const std::vector<crypto::Multihash> leaves = {header_leaf, signatures_leaf};
  EXPECT_EQ(transaction_merkle_root(transactions), crypto::merkle_root(leaves));

  auto* unsigned_trx = transactions.Add();
  unsigned_trx->mutable_header();
  const std::vector<crypto::Multihash> four = {header_leaf, signatures_leaf, h(""), h("")};
  EXPECT_EQ(transaction_merkle_root(transactions), crypto::merkle_root(four));
}

TEST(Ids, GenesisJsonDropsExplicitDefaults) {
  // The second entry spells out defaults, as one mainnet entry does; they must not be serialized.
  const char* json = R"({"entries":[
    {"space":{"system":true},"key":"+/8=","value":"AQ=="},
    {"space":{"system":true,"zone":"AQ==","id":0},"key":"","value":"Ag=="}]})";
  auto genesis = genesis_from_json(json);
  ASSERT_TRUE(genesis.ok()) << genesis.error().describe();
  ASSERT_EQ(genesis->entries_size(), 2);
  EXPECT_EQ(genesis->entries(0).key(), "\xfb\xff");
  EXPECT_EQ(util::to_hex(serialize(*genesis)),
            "0a0b0a0208011202fbff1a0101"
            "0a0a0a0508011201011a0102");
  EXPECT_EQ(chain_id(*genesis), crypto::multihash_sha256(serialize(*genesis)));
}

TEST(Ids, GenesisJsonErrors) {
  auto url_alphabet = genesis_from_json(R"({"entries":[{"key":"-_8="}]})");
  ASSERT_FALSE(url_alphabet.ok());
  EXPECT_EQ(url_alphabet.error().code, util::ErrorCode::invalid_encoding);
  EXPECT_EQ(url_alphabet.error().message.rfind("genesis_data.entries[0].key: ", 0), 0u) << url_alphabet.error().message;

  auto missing = chain_id_from_genesis_file("/nonexistent/genesis.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, util::ErrorCode::io_error);
}

TEST(Ids, HarbingerChainIdFromFile) {
  auto id = chain_id_from_genesis_file(MODCHAIN_SHARED_DIR "/conformance/harbinger_genesis_data.json");
  ASSERT_TRUE(id.ok()) << id.error().describe();
  EXPECT_EQ(id->to_hex(), "122067703e2929121059ca3f591aa8e50fb19d747b26e3b73ed66ff7cde629d28749");
}

}  // namespace
}  // namespace modchain::protocol
