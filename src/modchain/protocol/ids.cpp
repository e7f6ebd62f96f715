#include "modchain/protocol/ids.hpp"

#include <vector>

#include "modchain/crypto/hash.hpp"
#include "modchain/crypto/merkle.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::protocol {

namespace {

crypto::Multihash hash_message(const google::protobuf::Message& message) {
  return crypto::multihash_sha256(serialize(message));
}

crypto::Digest256 digest_message(const google::protobuf::Message& message) {
  return crypto::sha256(serialize(message));
}

}  // namespace

crypto::Multihash transaction_id(const koinos::protocol::transaction_header& header) { return hash_message(header); }

crypto::Multihash block_id(const koinos::protocol::block_header& header) { return hash_message(header); }

crypto::Digest256 transaction_signing_digest(const koinos::protocol::transaction_header& header) {
  return digest_message(header);
}

crypto::Digest256 block_signing_digest(const koinos::protocol::block_header& header) { return digest_message(header); }

crypto::Multihash operation_leaf(const koinos::protocol::operation& operation) { return hash_message(operation); }

crypto::Multihash operation_merkle_root(
    const google::protobuf::RepeatedPtrField<koinos::protocol::operation>& operations) {
  std::vector<crypto::Multihash> leaves;
  leaves.reserve(static_cast<size_t>(operations.size()));
  for (const auto& operation : operations) leaves.push_back(operation_leaf(operation));
  return crypto::merkle_root(leaves);
}

std::pair<crypto::Multihash, crypto::Multihash> transaction_leaves(const koinos::protocol::transaction& trx) {
  std::string signatures;
  for (const auto& signature : trx.signatures()) signatures += signature;
  return {hash_message(trx.header()), crypto::multihash_sha256(util::as_bytes(signatures))};
}

crypto::Multihash transaction_merkle_root(
    const google::protobuf::RepeatedPtrField<koinos::protocol::transaction>& transactions) {
  std::vector<crypto::Multihash> leaves;
  leaves.reserve(2 * static_cast<size_t>(transactions.size()));
  for (const auto& trx : transactions) {
    auto [header_leaf, signatures_leaf] = transaction_leaves(trx);
    leaves.push_back(std::move(header_leaf));
    leaves.push_back(std::move(signatures_leaf));
  }
  return crypto::merkle_root(leaves);
}

crypto::Multihash chain_id(const koinos::chain::genesis_data& genesis) { return hash_message(genesis); }

crypto::Multihash metadata_key(std::string_view name) {
  const std::string text = "object_key::" + std::string(name);
  return crypto::multihash_sha256(util::as_bytes(text));
}

}  // namespace modchain::protocol
