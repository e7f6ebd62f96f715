// Wrappers for the system calls that read the block/transaction/operation being applied, account
// nonces and contract metadata, and that verify merkle roots, VRF proofs and block signatures
// (101, 102, 104, 107, 108, 111, 112, 503, 505).
//
// The getters answer the raw serialized koinos.protocol message (field 1 of the result): a contract
// decodes the few fields it needs with pb::Reader instead of the SDK decoding whole blocks.
#pragma once

#include "modchain/sdk/system_calls.hpp"
#include "modchain/sdk/value_type.hpp"

namespace modchain::sdk {

/// koinos.chain.contract_metadata_object.
struct ContractMetadata {
  Bytes hash;                                       ///< multihash of the bytecode
  bool system = false;                              ///< set_system_contract(true) was applied
  bool authorizes_call_contract = false;            ///< its `authorize` answers contract_call checks
  bool authorizes_transaction_application = false;  ///< ... transaction_application checks
  bool authorizes_upload_contract = false;          ///< ... contract_upload checks
};

/// The transaction being applied, serialized koinos.protocol.transaction (102; internal_error 100 when
/// there is none, which only kernel-mode callers see as a value).
inline Result<Bytes> get_transaction() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_transaction), detail::value_bytes);
}

/// The block being applied, serialized koinos.protocol.block (104).
inline Result<Bytes> get_block() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_block), detail::value_bytes);
}

/// The operation being applied, serialized koinos.protocol.operation (111; operation_not_found -104
/// outside an operation).
inline Result<Bytes> get_operation() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_operation), detail::value_bytes);
}

/// The account's stored nonce decoded from its value_type (107): 0 for an account that never transacted.
inline Result<uint64_t> get_account_nonce_value(Bytes account) {
  Result<Bytes> raw = get_account_nonce(account);
  Result<uint64_t> out;
  out.code = raw.code;
  out.message = raw.message;
  if (raw.ok()) out.value = value_type::uint64_value(raw.value);
  return out;
}

/// Whether `nonce` (a serialized value_type{uint64_value}) is the account's next nonce (108;
/// invalid_nonce -201 when it is not such a value_type).
inline Result<bool> verify_account_nonce(Bytes account, Bytes nonce) {
  HostResult r = detail::invoke_encoded(syscall::k_verify_account_nonce, [&](pb::Writer& w) {
    w.bytes_field(1, account);
    w.bytes_field(2, nonce);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

/// The metadata of `contract_id` (112). Koinos has no native implementation: without an override the
/// call answers unknown_thunk 106.
inline Result<ContractMetadata> get_contract_metadata(Bytes contract_id) {
  HostResult r = detail::invoke_encoded(syscall::k_get_contract_metadata,
                                        [&](pb::Writer& w) { w.bytes_field(1, contract_id); });
  return detail::to_result<ContractMetadata>(r, [](Bytes out) {
    ContractMetadata m;
    pb::Reader reader(detail::value_bytes(out));
    while (reader.next()) {
      switch (reader.field()) {
        case 1: m.hash = reader.read_bytes(); break;
        case 2: m.system = reader.read_bool(); break;
        case 3: m.authorizes_call_contract = reader.read_bool(); break;
        case 4: m.authorizes_transaction_application = reader.read_bool(); break;
        case 5: m.authorizes_upload_contract = reader.read_bool(); break;
        default: reader.skip();
      }
    }
    return m;
  });
}

/// Whether `root` (a serialized multihash) is the Koinos merkle root of the `count` serialized multihash
/// leaves at `hashes` (503).
inline Result<bool> verify_merkle_root(Bytes root, const Bytes* hashes, uint32_t count) {
  HostResult r = detail::invoke_encoded(syscall::k_verify_merkle_root, [&](pb::Writer& w) {
    w.bytes_field(1, root);
    for (uint32_t i = 0; i < count; ++i) w.bytes_field(2, hashes[i], true);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

/// Whether the 81-byte VRF `proof` by the 33-byte `public_key` over `message` has the output whose
/// sha256 multihash is `hash` (505). An invalid proof answers false, not an error.
inline Result<bool> verify_vrf_proof(Bytes public_key, Bytes proof, Bytes hash, Bytes message,
                                     Dsa type = Dsa::ecdsa_secp256k1) {
  HostResult r = detail::invoke_encoded(syscall::k_verify_vrf_proof, [&](pb::Writer& w) {
    w.uint64_field(1, static_cast<uint32_t>(type));
    w.bytes_field(2, public_key);
    w.bytes_field(3, proof);
    w.bytes_field(4, hash);
    w.bytes_field(5, message);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

/// process_block_signature_arguments as an override receives them.
struct BlockSignatureArguments {
  Bytes digest;     ///< serialized multihash of the block id
  Bytes header;     ///< serialized koinos.protocol.block_header
  Bytes signature;  ///< the block's signature bytes
};

/// Decodes process_block_signature_arguments{digest=1, header=2, signature=3}.
constexpr BlockSignatureArguments decode_block_signature_arguments(Bytes args) {
  return BlockSignatureArguments{pb::find_bytes(args, 1), pb::find_bytes(args, 2), pb::find_bytes(args, 3)};
}

/// Whether `signature` over `digest` is a valid signature for the block with serialized `header`
/// (101; native: signer address == genesis key; on a PoB chain the consensus contract decides).
inline Result<bool> process_block_signature(Bytes digest, Bytes header, Bytes signature) {
  HostResult r = detail::invoke_encoded(syscall::k_process_block_signature, [&](pb::Writer& w) {
    w.bytes_field(1, digest);
    w.bytes_field(2, header);
    w.bytes_field(3, signature);
  });
  return detail::to_result<bool>(r, detail::value_bool);
}

}  // namespace modchain::sdk
