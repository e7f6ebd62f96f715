// Typed wrappers for the Koinos system calls (argument/result layouts: koinos-protocol.md §2.2).
//
// Arguments are encoded into the SDK arena and results are views into it, valid until the arena is
// rewound (ArenaScope). Calls that can legitimately fail return Result<T> with the host's code; the
// ones a contract cannot do without (get_arguments, get_contract_id, ...) abort the contract with the
// host's code instead. Remember that user-mode contracts never see positive codes: the host aborts them.
#pragma once

#include "modchain/sdk/arena.hpp"
#include "modchain/sdk/host.hpp"
#include "modchain/sdk/protobuf.hpp"

namespace modchain::sdk {

/// A system call's outcome: `code` 0 and a value, or a Koinos error code and the host's message.
template <typename T>
struct Result {
  int32_t code = 0;    ///< 0 = success, else a Koinos error code (negative = failure)
  T value{};           ///< the decoded value (default when code != 0)
  Bytes message;       ///< error_data.message when code != 0

  /// True on success.
  constexpr bool ok() const { return code == 0; }
};

/// koinos.chain.privilege.
enum class Privilege : uint32_t { kernel_mode = 0, user_mode = 1 };

/// koinos.chain.authorization_type.
enum class AuthorizationType : uint32_t { contract_call = 0, transaction_application = 1, contract_upload = 2 };

/// koinos.chain.dsa.
enum class Dsa : uint32_t { ecdsa_secp256k1 = 0 };

/// Multihash codes accepted by the hash system call.
namespace hash_code {
inline constexpr uint64_t k_sha1 = 0x11;
inline constexpr uint64_t k_sha2_256 = 0x12;
inline constexpr uint64_t k_sha2_512 = 0x13;
inline constexpr uint64_t k_keccak_256 = 0x1b;
inline constexpr uint64_t k_ripemd_160 = 0x1053;
}  // namespace hash_code

/// koinos.chain.object_space {system=1, zone=2, id=3}.
struct ObjectSpace {
  bool system = false;  ///< true for kernel/system-contract spaces
  Bytes zone;           ///< owning contract id (empty for the kernel's own spaces)
  uint32_t id = 0;      ///< space number within the zone
};

/// koinos.chain.database_object {exists=1, value=2, key=3} (key only for get_next/get_prev).
struct DatabaseObject {
  bool exists = false;  ///< false when nothing is stored there
  Bytes value;          ///< the stored bytes
  Bytes key;            ///< the object's key (get_next_object / get_prev_object only)
};

/// koinos.chain.argument_data: what the contract was called with.
struct Arguments {
  uint32_t entry_point = 0;  ///< the entry point id the caller chose
  Bytes args;                ///< the serialized arguments message
};

/// koinos.chain.caller_data.
struct CallerData {
  Bytes caller;                                 ///< calling contract id ("" = the system / a transaction)
  Privilege privilege = Privilege::kernel_mode;  ///< the caller's privilege
};

/// koinos.chain.head_info (+ the block_topology fields flattened).
struct HeadInfo {
  Bytes head_id;                     ///< head_topology.id
  uint64_t head_height = 0;          ///< head_topology.height
  Bytes head_previous;               ///< head_topology.previous
  uint64_t head_block_time = 0;      ///< milliseconds since the Unix epoch
  uint64_t last_irreversible_block = 0;  ///< LIB height
};

/// Declared here for the helpers below; defined with the other exit functions.
[[noreturn]] inline void exit_error(int32_t code, Bytes message);

namespace detail {

/// Encodes arguments with `encode(pb::Writer&)` into the arena, invokes `id`, keeps the result in the
/// arena (`Thunk`: call the native thunk directly with invoke_thunk). Aborts the contract (reversion) if
/// the arguments do not fit.
template <bool Thunk = false, typename Encode>
HostResult invoke_encoded(uint32_t id, Encode&& encode) {
  pb::Writer writer(arena().free_space());
  encode(writer);
  if (!writer.ok()) exit_error(error_code::k_reversion, "sdk: arena exhausted encoding arguments");
  arena().commit(writer.size());
  MutableBytes out = arena().free_space();
  // A template parameter, not a run-time flag: only modules that really use invoke_thunk import it.
  HostResult r;
  if constexpr (Thunk) {
    r = invoke_thunk(id, writer.view(), out);
  } else {
    r = invoke_system_call(id, writer.view(), out);
  }
  arena().commit(r.output.size);
  return r;
}

/// invoke_encoded for calls without arguments.
inline HostResult invoke_empty(uint32_t id) {
  return invoke_encoded(id, [](pb::Writer&) {});
}

/// error_data.message (field 1) of an error output.
inline Bytes error_message(Bytes error_data) { return pb::find_bytes(error_data, 1); }

/// Field 1 (`value`) of a result message as bytes (also for sub-messages and strings).
inline Bytes value_bytes(Bytes result) { return pb::find_bytes(result, 1); }

/// Field 1 (`value`) of a result message as a varint (uint64, uint32, bool).
inline uint64_t value_varint(Bytes result) { return pb::find_uint64(result, 1); }

/// Field 1 (`value`) of a result message as a bool. (The older wrappers below keep their own lambdas:
/// switching them to this function changes the code clang emits, hence the committed module hashes.)
inline bool value_bool(Bytes result) { return value_varint(result) != 0; }

/// Result<T> from a host result, decoding the value with `decode(output)` on success.
template <typename T, typename Decode>
Result<T> to_result(HostResult r, Decode&& decode) {
  Result<T> out;
  out.code = r.code;
  if (r.code == 0) {
    out.value = decode(r.output);
  } else {
    out.message = error_message(r.output);
  }
  return out;
}

/// Aborts the contract with the host's code if a call it cannot do without failed.
inline void require_ok(HostResult r) {
  if (r.code != 0) exit_error(r.code, error_message(r.output));
}

/// Writes `space` as object_space sub-message `field` (always present, even for the default space).
inline void encode_space(pb::Writer& w, uint32_t field, const ObjectSpace& space) {
  auto m = w.begin_message(field);
  w.bool_field(1, space.system);
  w.bytes_field(2, space.zone);
  w.uint64_field(3, space.id);
  w.end_message(m);
}

/// The database_object in `value` (field 1) of a get_object / get_next_object / get_prev_object result.
inline DatabaseObject decode_database_object(Bytes result) {
  DatabaseObject obj;
  pb::Reader r(value_bytes(result));
  while (r.next()) {
    switch (r.field()) {
      case 1: obj.exists = r.read_bool(); break;
      case 2: obj.value = r.read_bytes(); break;
      case 3: obj.key = r.read_bytes(); break;
      default: r.skip();
    }
  }
  return obj;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------------
// Contract lifecycle: arguments and exit (602, 603)

/// exit with a complete, caller-encoded exit_arguments message (for tests of unusual exits).
[[noreturn]] inline void exit_raw(Bytes exit_arguments) {
  uint8_t none[1];
  invoke_system_call(syscall::k_exit, exit_arguments, MutableBytes{none, 0});
  __builtin_trap();  // exit never returns; if a host did, trapping is the safe outcome (a reversion)
}

/// Ends the call successfully; the caller of `call` receives `result` (a serialized *_result message).
[[noreturn]] inline void exit_success(Bytes result = {}) {
  // exit_arguments{code=1 omitted (0), res=2: result{object=1: result}}; `object` is a oneof member, so
  // it is emitted even when empty.
  pb::Writer w(arena().free_space());
  auto res = w.begin_message(2);
  w.bytes_field(1, result, true);
  w.end_message(res);
  if (!w.ok()) exit_error(error_code::k_reversion, "sdk: arena exhausted encoding the result");
  exit_raw(w.view());
}

/// Ends the call with error `code` (>= 1 reversion, <= -1 failure) and error_data{message}. The kernel
/// requires the message for non-zero codes and checks it is valid UTF-8.
[[noreturn]] inline void exit_error(int32_t code, Bytes message) {
  // A static buffer, not the arena: this is also the path taken when the arena is exhausted.
  static uint8_t buffer[512];
  if (message.size > 400) message.size = 400;
  pb::Writer w(MutableBytes{buffer, sizeof buffer});
  w.int32_field(1, code);
  auto res = w.begin_message(2);
  auto err = w.begin_message(2);
  w.string_field(1, message);
  w.end_message(err);
  w.end_message(res);
  exit_raw(w.view());
}

/// Ends the call with a reversion (code 1 by default): the transaction is reverted, the block stays valid.
[[noreturn]] inline void exit_reversion(Bytes message, int32_t code = error_code::k_reversion) {
  exit_error(code, message);
}

/// Ends the call with a failure (code -1 by default, must be negative).
[[noreturn]] inline void exit_failure(Bytes message, int32_t code = error_code::k_failure) {
  exit_error(code, message);
}

/// The entry point and arguments this contract was called with (603).
inline Arguments get_arguments() {
  HostResult r = detail::invoke_empty(syscall::k_get_arguments);
  detail::require_ok(r);
  Arguments out;
  pb::Reader reader(detail::value_bytes(r.output));
  while (reader.next()) {
    switch (reader.field()) {
      case 1: out.entry_point = reader.read_uint32(); break;
      case 2: out.args = reader.read_bytes(); break;
      default: reader.skip();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Context (601, 604, 605)

/// Calls `entry_point` of `contract_id` with serialized `args`; the value is the callee's result bytes.
inline Result<Bytes> call(Bytes contract_id, uint32_t entry_point, Bytes args) {
  HostResult r = detail::invoke_encoded(syscall::k_call, [&](pb::Writer& w) {
    w.bytes_field(1, contract_id);
    w.uint64_field(2, entry_point);
    w.bytes_field(3, args);
  });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// This contract's id (604).
inline Bytes get_contract_id() {
  HostResult r = detail::invoke_empty(syscall::k_get_contract_id);
  detail::require_ok(r);
  return detail::value_bytes(r.output);
}

/// Who called this contract and with which privilege (605).
inline CallerData get_caller() {
  HostResult r = detail::invoke_empty(syscall::k_get_caller);
  detail::require_ok(r);
  CallerData out;
  pb::Reader reader(detail::value_bytes(r.output));
  while (reader.next()) {
    switch (reader.field()) {
      case 1: out.caller = reader.read_bytes(); break;
      case 2: out.privilege = static_cast<Privilege>(reader.read_uint32()); break;
      default: reader.skip();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// State (301-305)

/// The space `id` of this contract as a user contract ({system=false, zone=own id}).
inline ObjectSpace own_space(uint32_t id = 0) { return ObjectSpace{false, get_contract_id(), id}; }

/// The space `id` of this contract as a system contract ({system=true, zone=own id}).
inline ObjectSpace own_system_space(uint32_t id = 0) { return ObjectSpace{true, get_contract_id(), id}; }

/// Stores `value` under `key` (301). Returns the host's code (0 = stored).
inline int32_t put_object(const ObjectSpace& space, Bytes key, Bytes value) {
  return detail::invoke_encoded(syscall::k_put_object, [&](pb::Writer& w) {
           detail::encode_space(w, 1, space);
           w.bytes_field(2, key);
           w.bytes_field(3, value);
         }).code;
}

/// Removes the object under `key` (302). Returns the host's code.
inline int32_t remove_object(const ObjectSpace& space, Bytes key) {
  return detail::invoke_encoded(syscall::k_remove_object, [&](pb::Writer& w) {
           detail::encode_space(w, 1, space);
           w.bytes_field(2, key);
         }).code;
}

namespace detail {
/// get_object, get_next_object and get_prev_object share their argument and result layouts.
inline Result<DatabaseObject> get_object_like(uint32_t id, const ObjectSpace& space, Bytes key) {
  HostResult r = invoke_encoded(id, [&](pb::Writer& w) {
    encode_space(w, 1, space);
    w.bytes_field(2, key);
  });
  return to_result<DatabaseObject>(r, decode_database_object);
}
}  // namespace detail

/// The object under `key` (303); value.exists is false when there is none.
inline Result<DatabaseObject> get_object(const ObjectSpace& space, Bytes key) {
  return detail::get_object_like(syscall::k_get_object, space, key);
}

/// The first object of `space` whose key orders after `key` (304); empty key = start of the space.
inline Result<DatabaseObject> get_next_object(const ObjectSpace& space, Bytes key) {
  return detail::get_object_like(syscall::k_get_next_object, space, key);
}

/// The last object of `space` whose key orders before `key` (305).
inline Result<DatabaseObject> get_prev_object(const ObjectSpace& space, Bytes key) {
  return detail::get_object_like(syscall::k_get_prev_object, space, key);
}

// ---------------------------------------------------------------------------------------------------
// Logs and events (401, 402)

/// Appends `message` (valid UTF-8) to the transaction's logs (401). Returns the host's code.
inline int32_t log(Bytes message) {
  return detail::invoke_encoded(syscall::k_log, [&](pb::Writer& w) { w.string_field(1, message); }).code;
}

/// Emits event `name` with `data` and the `impacted_count` addresses at `impacted` (402).
inline int32_t event(Bytes name, Bytes data, const Bytes* impacted = nullptr, uint32_t impacted_count = 0) {
  return detail::invoke_encoded(syscall::k_event, [&](pb::Writer& w) {
           w.string_field(1, name);
           w.bytes_field(2, data);
           for (uint32_t i = 0; i < impacted_count; ++i) w.bytes_field(3, impacted[i], true);
         }).code;
}

// ---------------------------------------------------------------------------------------------------
// Authority (110, 606)

/// Whether `account` authorizes this call (606): its `authorize` entry point if it is a contract that
/// overrides the check, else a transaction signature by `account`. The kernel derives `type` itself.
inline Result<bool> check_authority(Bytes account, Bytes data = {},
                                    AuthorizationType type = AuthorizationType::contract_call) {
  HostResult r = detail::invoke_encoded(syscall::k_check_authority, [&](pb::Writer& w) {
    w.uint64_field(1, static_cast<uint32_t>(type));
    w.bytes_field(2, account);
    w.bytes_field(3, data);
  });
  return detail::to_result<bool>(r, [](Bytes out) { return detail::value_varint(out) != 0; });
}

/// Whether the current transaction carries system authority (110).
inline Result<bool> check_system_authority() {
  HostResult r = detail::invoke_empty(syscall::k_check_system_authority);
  return detail::to_result<bool>(r, [](Bytes out) { return detail::value_varint(out) != 0; });
}

// ---------------------------------------------------------------------------------------------------
// Crypto (501, 502, 504)

/// Multihash of `obj` with algorithm `code` (501); `size` 0 = the algorithm's standard size.
inline Result<Bytes> hash(uint64_t code, Bytes obj, uint64_t size = 0) {
  HostResult r = detail::invoke_encoded(syscall::k_hash, [&](pb::Writer& w) {
    w.uint64_field(1, code);
    w.bytes_field(2, obj);
    w.uint64_field(3, size);
  });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// The public key that produced the 65-byte compact `signature` over `digest` (a multihash) (502).
inline Result<Bytes> recover_public_key(Bytes signature, Bytes digest, bool compressed = true,
                                        Dsa type = Dsa::ecdsa_secp256k1) {
  HostResult r = detail::invoke_encoded(syscall::k_recover_public_key, [&](pb::Writer& w) {
    w.uint64_field(1, static_cast<uint32_t>(type));
    w.bytes_field(2, signature);
    w.bytes_field(3, digest);
    w.bool_field(4, compressed);
  });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// Whether `signature` over `digest` was made by `public_key` (504).
inline Result<bool> verify_signature(Bytes public_key, Bytes signature, Bytes digest, bool compressed = true,
                                     Dsa type = Dsa::ecdsa_secp256k1) {
  HostResult r = detail::invoke_encoded(syscall::k_verify_signature, [&](pb::Writer& w) {
    w.uint64_field(1, static_cast<uint32_t>(type));
    w.bytes_field(2, public_key);
    w.bytes_field(3, signature);
    w.bytes_field(4, digest);
    w.bool_field(5, compressed);
  });
  return detail::to_result<bool>(r, [](Bytes out) { return detail::value_varint(out) != 0; });
}

// ---------------------------------------------------------------------------------------------------
// Chain and transaction (1, 12, 103, 105, 106, 107, 109)

/// Head block topology, time and LIB (1).
inline Result<HeadInfo> get_head_info() {
  HostResult r = detail::invoke_empty(syscall::k_get_head_info);
  return detail::to_result<HeadInfo>(r, [](Bytes out) {
    HeadInfo info;
    pb::Reader reader(detail::value_bytes(out));
    while (reader.next()) {
      switch (reader.field()) {
        case 1: {
          pb::Reader topo(reader.read_bytes());
          while (topo.next()) {
            switch (topo.field()) {
              case 1: info.head_id = topo.read_bytes(); break;
              case 2: info.head_height = topo.read_uint64(); break;
              case 3: info.head_previous = topo.read_bytes(); break;
              default: topo.skip();
            }
          }
          break;
        }
        case 2: info.head_block_time = reader.read_uint64(); break;
        case 3: info.last_irreversible_block = reader.read_uint64(); break;
        default: reader.skip();
      }
    }
    return info;
  });
}

/// The chain id (12).
inline Result<Bytes> get_chain_id() {
  return detail::to_result<Bytes>(detail::invoke_empty(syscall::k_get_chain_id), detail::value_bytes);
}

/// Height of the last irreversible block (106).
inline Result<uint64_t> get_last_irreversible_block() {
  return detail::to_result<uint64_t>(detail::invoke_empty(syscall::k_get_last_irreversible_block),
                                     detail::value_varint);
}

/// A field of the current transaction by dotted name, e.g. "header.payer" (103): a serialized value_type.
inline Result<Bytes> get_transaction_field(Bytes field) {
  HostResult r = detail::invoke_encoded(syscall::k_get_transaction_field,
                                        [&](pb::Writer& w) { w.string_field(1, field); });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// A field of the current block by dotted name, e.g. "header.height" (105): a serialized value_type.
inline Result<Bytes> get_block_field(Bytes field) {
  HostResult r =
      detail::invoke_encoded(syscall::k_get_block_field, [&](pb::Writer& w) { w.string_field(1, field); });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// The account's current nonce as stored (107): a serialized value_type.
inline Result<Bytes> get_account_nonce(Bytes account) {
  HostResult r = detail::invoke_encoded(syscall::k_get_account_nonce,
                                        [&](pb::Writer& w) { w.bytes_field(1, account); });
  return detail::to_result<Bytes>(r, detail::value_bytes);
}

/// Sets an account's nonce (109; kernel mode only). Returns the host's code.
inline int32_t set_account_nonce(Bytes account, Bytes nonce) {
  return detail::invoke_encoded(syscall::k_set_account_nonce, [&](pb::Writer& w) {
           w.bytes_field(1, account);
           w.bytes_field(2, nonce);
         }).code;
}

// ---------------------------------------------------------------------------------------------------
// Resources (201, 202)

/// The account's available resource credits (201).
inline Result<uint64_t> get_account_rc(Bytes account) {
  HostResult r =
      detail::invoke_encoded(syscall::k_get_account_rc, [&](pb::Writer& w) { w.bytes_field(1, account); });
  return detail::to_result<uint64_t>(r, detail::value_varint);
}

/// Consumes `value` resource credits of `account` (202; meaningful from kernel mode).
inline Result<bool> consume_account_rc(Bytes account, uint64_t value) {
  HostResult r = detail::invoke_encoded(syscall::k_consume_account_rc, [&](pb::Writer& w) {
    w.bytes_field(1, account);
    w.uint64_field(2, value);
  });
  return detail::to_result<bool>(r, [](Bytes out) { return detail::value_varint(out) != 0; });
}

}  // namespace modchain::sdk
