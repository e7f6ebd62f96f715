// Authority helpers in the spirit of @koinos/sdk-as System.requireAuthority / checkSystemAuthority:
// a contract states who must have authorized the call, and the helper ends the call otherwise.
#pragma once

#include "modchain/sdk/names.hpp"
#include "modchain/sdk/system_calls.hpp"
#include "modchain/sdk/value_type.hpp"

namespace modchain::sdk {

/// True when `account` authorizes this call (check_authority(type, account), 606); a host error counts
/// as not authorized.
inline bool has_authority(Bytes account, AuthorizationType type = AuthorizationType::contract_call) {
  Result<bool> r = check_authority(account, {}, type);
  return r.ok() && r.value;
}

/// Ends the call with a reversion (code 1, `message`) unless `account` authorizes it (606).
inline void require_authority(Bytes account, Bytes message = "account authorization failed",
                              AuthorizationType type = AuthorizationType::contract_call) {
  if (!has_authority(account, type)) exit_reversion(message);
}

/// True when the current transaction carries system authority (110); a host error counts as no.
inline bool has_system_authority() {
  Result<bool> r = check_system_authority();
  return r.ok() && r.value;
}

/// Ends the call with a reversion (code 1, `message`) unless the transaction has system authority.
inline void require_system_authority(Bytes message = "system authority required") {
  if (!has_system_authority()) exit_reversion(message);
}

/// True when the caller runs in kernel mode: the chain itself, a system call override, or a kernel
/// frame (get_caller().caller_privilege == kernel_mode).
inline bool caller_is_kernel() { return get_caller().privilege == Privilege::kernel_mode; }

/// Ends the call with a reversion unless the caller is in kernel mode (for override entry points and
/// callbacks that only the chain may invoke).
inline void require_kernel_caller(Bytes message = "kernel mode required") {
  if (!caller_is_kernel()) exit_reversion(message);
}

/// koinos.chain.authorize_arguments, what a contract's `authorize` entry point receives.
struct AuthorizeArguments {
  AuthorizationType type = AuthorizationType::contract_call;  ///< field 1
  Bytes contract_id;        ///< call.contract_id: the contract asking (contract_call only)
  uint32_t entry_point = 0;  ///< call.entry_point it is running
  Bytes caller;             ///< call.caller: who called that contract
  Bytes data;               ///< call.data: the check_authority data
};

/// Decodes authorize_arguments{type=1, call=2 call_data{contract_id=1, entry_point=2, caller=3, data=4}}.
constexpr AuthorizeArguments decode_authorize_arguments(Bytes args) {
  AuthorizeArguments out;
  out.type = static_cast<AuthorizationType>(pb::find_uint64(args, 1));
  Bytes call = pb::find_bytes(args, 2);
  out.contract_id = pb::find_bytes(call, 1);
  out.entry_point = static_cast<uint32_t>(pb::find_uint64(call, 2));
  out.caller = pb::find_bytes(call, 3);
  out.data = pb::find_bytes(call, 4);
  return out;
}

/// Whether one of the current transaction's signatures was made by the key of `account` (what the
/// kernel checks for an account without an authority contract), by recovering each signature over the
/// transaction id. Costs one recover and four hash calls per signature; prefer require_authority, which
/// also honours an account's own authority contract.
inline Result<bool> transaction_signed_by(Bytes account) {
  Result<bool> out;
  Result<Bytes> id = get_transaction_field("id");
  Result<Bytes> signatures = id.ok() ? get_transaction_field("signatures") : id;
  if (!signatures.ok()) {
    out.code = signatures.code;
    out.message = signatures.message;
    return out;
  }
  Bytes digest = value_type::bytes_value(id.value);
  value_type::for_each_list_value(signatures.value, [&](Bytes signature) {
    if (out.value) return;
    ArenaScope scope;  // the keys and hashes of each signature are not needed afterwards
    Result<Bytes> key = recover_public_key(value_type::bytes_value(signature), digest);
    if (!key.ok()) return;  // a malformed signature authorizes nobody
    Result<Bytes> address = address_from_public_key(key.value);
    out.value = address.ok() && address.value == account;
  });
  return out;
}

}  // namespace modchain::sdk
