#pragma once
/// Block and transaction ids, merkle roots, the chain id and kernel metadata keys
/// (koinos-protocol.md §3, §5). `H(x)` = sha2-256 multihash of x. Every hash is computed over the
/// canonical re-serialization (serialization.hpp), so non-canonical input cannot change an id.
///
/// These functions use sha2-256, the `block_hash_code` of every known Koinos chain. A chain whose state
/// names another code needs the code-generic variants in crypto (not needed so far).

#include <span>
#include <string>
#include <string_view>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/crypto/hash.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/util/error.hpp"

namespace modchain::protocol {

/// Transaction id = H(serialize(header)). Signatures and operations are bound through the header only.
crypto::Multihash transaction_id(const koinos::protocol::transaction_header& header);

/// Block id = H(serialize(header)).
crypto::Multihash block_id(const koinos::protocol::block_header& header);

/// The 32-byte digest a transaction signature signs: sha256(serialize(header)) (the id without prefix).
crypto::Digest256 transaction_signing_digest(const koinos::protocol::transaction_header& header);

/// The 32-byte digest a (native) block signature signs: sha256(serialize(header)).
crypto::Digest256 block_signing_digest(const koinos::protocol::block_header& header);

/// Merkle leaf of one operation: H(serialize(operation)).
crypto::Multihash operation_leaf(const koinos::protocol::operation& operation);

/// operation_merkle_root: merkle root over H(serialize(op_i)) in order; no operations → H("").
crypto::Multihash operation_merkle_root(
    const google::protobuf::RepeatedPtrField<koinos::protocol::operation>& operations);

/// The two merkle leaves a transaction contributes to its block: H(serialize(header)) and
/// H(concatenation of all signatures, in order).
std::pair<crypto::Multihash, crypto::Multihash> transaction_leaves(const koinos::protocol::transaction& trx);

/// transaction_merkle_root: two leaves per transaction in block order; no transactions → H("").
crypto::Multihash transaction_merkle_root(
    const google::protobuf::RepeatedPtrField<koinos::protocol::transaction>& transactions);

/// chain id = H(serialize(genesis_data)), entries in file order.
crypto::Multihash chain_id(const koinos::chain::genesis_data& genesis);

/// Key of a kernel metadata object (space {system:true, zone:"", id:0}): H("object_key::" + name),
/// e.g. metadata_key("chain_id") = 1220b64f1ccc….
crypto::Multihash metadata_key(std::string_view name);

/// Parses a Koinos genesis JSON document (proto3 JSON of koinos.chain.genesis_data, bytes in standard
/// base64). Explicitly written default values (`"id": 0`, `"key": ""`) are dropped, as proto3 requires;
/// unknown fields and bad encodings are `invalid_encoding` errors naming the field path.
util::Result<koinos::chain::genesis_data> genesis_from_json(std::string_view json_text);

/// Reads a genesis JSON file and returns its chain id. Errors: `io_error` (file), `invalid_encoding` (content).
util::Result<crypto::Multihash> chain_id_from_genesis_file(const std::string& path);

}  // namespace modchain::protocol
