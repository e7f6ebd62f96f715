// Authority helpers in the spirit of @koinos/sdk-as System.requireAuthority / checkSystemAuthority:
// a contract states who must have authorized the call, and the helper ends the call otherwise.
#pragma once

#include "modchain/sdk/system_calls.hpp"

namespace modchain::sdk {

/// True when `account` authorizes this call (check_authority(contract_call, account)); a host error
/// counts as not authorized.
inline bool has_authority(Bytes account) {
  Result<bool> r = check_authority(account);
  return r.ok() && r.value;
}

/// Ends the call with a reversion (code 1, `message`) unless `account` authorizes it (606).
inline void require_authority(Bytes account, Bytes message = "account authorization failed") {
  if (!has_authority(account)) exit_reversion(message);
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

}  // namespace modchain::sdk
