// Names and addresses: the name service system calls (10000, 10001) and the Koinos address of a public
// key (koinos-protocol.md §4.2), computed with the hash system call.
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// Bytes of a Koinos address (0x00 ‖ ripemd160(sha256(key)) ‖ 4-byte checksum).
inline constexpr uint32_t k_address_size = 25;

namespace detail {

/// `result` unchanged, except that a successful answer with an empty value becomes a failure: the name
/// service answers "not found" with an empty record, callers want a code.
inline Result<Bytes> require_non_empty(Result<Bytes> result, Bytes not_found_message) {
  if (result.ok() && result.value.empty()) {
    result.code = error_code::k_failure;
    result.message = not_found_message;
  }
  return result;
}

/// The digest of a binary multihash (varint code ‖ varint size ‖ digest); empty when malformed.
inline Bytes multihash_digest(Bytes multihash) {
  uint32_t pos = 0;
  for (int varint = 0; varint < 2; ++varint) {
    while (pos < multihash.size && (multihash[pos] & 0x80) != 0) ++pos;
    if (pos >= multihash.size) return {};
    ++pos;
  }
  return multihash.sub(pos, multihash.size - pos);
}

/// The raw digest of hash `code` over `data` through the hash system call.
inline Result<Bytes> digest(uint64_t code, Bytes data) {
  Result<Bytes> r = hash(code, data);
  if (r.ok()) r.value = multihash_digest(r.value);
  return r;
}

}  // namespace detail

/// The address registered for `name` (10001, served by the name service): get_address_arguments{name=1}
/// → get_address_result{value=1 address_record{address=1}}. An empty answer becomes code k_failure (-1);
/// modchain's name_service (like Koinos') instead reverts on an unknown name, which a user-mode caller
/// cannot catch (the reversion aborts it too) and a kernel-mode caller sees as code 1.
inline Result<Bytes> get_contract_address(Bytes name) {
  HostResult r = detail::invoke_encoded(syscall::k_get_contract_address,
                                        [&](pb::Writer& w) { w.string_field(1, name); });
  Result<Bytes> out =
      detail::to_result<Bytes>(r, [](Bytes o) { return pb::find_bytes(detail::value_bytes(o), 1); });
  return detail::require_non_empty(out, "sdk: no address for this name");
}

/// The name registered for `address` (10000): get_name_arguments{address=1} → get_name_result{value=1
/// name_record{name=1}}. An address without a record answers code k_failure (-1).
inline Result<Bytes> get_contract_name(Bytes address) {
  HostResult r = detail::invoke_encoded(syscall::k_get_contract_name,
                                        [&](pb::Writer& w) { w.bytes_field(1, address); });
  Result<Bytes> out =
      detail::to_result<Bytes>(r, [](Bytes o) { return pb::find_bytes(detail::value_bytes(o), 1); });
  return detail::require_non_empty(out, "sdk: no name for this address");
}

/// The 25-byte Koinos address of a 33-byte compressed secp256k1 public key (in the arena), computed with
/// four hash system calls. Another key size answers k_failure.
inline Result<Bytes> address_from_public_key(Bytes compressed_public_key) {
  Result<Bytes> out;
  if (compressed_public_key.size != 33) {
    out.code = error_code::k_failure;
    out.message = "sdk: public key must be 33 bytes (compressed)";
    return out;
  }
  MutableBytes address = arena().allocate(k_address_size);
  if (address.size != k_address_size) exit_error(error_code::k_reversion, "sdk: arena exhausted");
  Result<Bytes> step = detail::digest(hash_code::k_sha2_256, compressed_public_key);
  if (step.ok()) step = detail::digest(hash_code::k_ripemd_160, step.value);
  if (step.ok() && step.value.size != 20) step.code = error_code::k_failure;
  if (!step.ok()) return step;
  address.data[0] = 0x00;  // Bitcoin's P2PKH version byte, kept by Koinos
  for (uint32_t i = 0; i < 20; ++i) address.data[1 + i] = step.value[i];
  step = detail::digest(hash_code::k_sha2_256, Bytes(address.data, 21));
  if (step.ok()) step = detail::digest(hash_code::k_sha2_256, step.value);
  if (step.ok() && step.value.size < 4) step.code = error_code::k_failure;
  if (!step.ok()) return step;
  for (uint32_t i = 0; i < 4; ++i) address.data[21 + i] = step.value[i];
  out.value = address;
  return out;
}

}  // namespace modchain::sdk
