// Entry point ids and file locations of the prebuilt test contracts, for host-side tests (kernel,
// integration, benchmarks). Link the CMake target modchain::test_contracts to get this header on the
// include path and MODCHAIN_TEST_CONTRACTS_DIR defined. Argument and result layouts: docs/contracts.md §3.
#pragma once

#include <cstdint>
#include <string>

#include "modchain/sdk/entry_point.hpp"

namespace modchain::test_contracts {

/// Path of a committed module: wasm_path("storage") -> ".../contracts/test/storage.wasm"; the AS token is
/// wasm_path("../as/token/token").
inline std::string wasm_path(const std::string& name) {
  return std::string(MODCHAIN_TEST_CONTRACTS_DIR) + "/" + name + ".wasm";
}

/// storage.wasm (user contract): objects, logs, events, exits.
namespace storage {
inline constexpr uint32_t k_echo = 0x092c79e8;
inline constexpr uint32_t k_put = 0x373cb2c6;
inline constexpr uint32_t k_get = 0x2998b323;
inline constexpr uint32_t k_remove = 0x7e5608ab;
inline constexpr uint32_t k_next = 0xc6c1c9a9;
inline constexpr uint32_t k_prev = 0x84fd9bac;
inline constexpr uint32_t k_scan = 0x59ad1b2f;
inline constexpr uint32_t k_log = 0x836ff184;
inline constexpr uint32_t k_event = 0xb8e1f80b;
inline constexpr uint32_t k_exit_with = 0x8c9fcf05;
inline constexpr uint32_t k_return_without_exit = 0x15f4597f;
inline constexpr uint32_t k_trap = 0x11ba6585;
}  // namespace storage

/// caller.wasm (user contract): contract calls, get_caller / get_contract_id, recursion.
namespace caller {
inline constexpr uint32_t k_call_contract = 0x6c843663;
inline constexpr uint32_t k_whoami = 0xf2529785;
inline constexpr uint32_t k_recurse = 0x1a1e52b2;
}  // namespace caller

/// context.wasm (user contract): read-only system calls.
namespace context {
inline constexpr uint32_t k_head_info = 0x9d9cf58c;
inline constexpr uint32_t k_chain_id = 0x49db4d11;
inline constexpr uint32_t k_last_irreversible_block = 0x13e7c706;
inline constexpr uint32_t k_transaction_field = 0xefab57db;
inline constexpr uint32_t k_block_field = 0x9711c628;
inline constexpr uint32_t k_hash = 0xd04b98f4;
inline constexpr uint32_t k_recover_public_key = 0x7e881f7f;
inline constexpr uint32_t k_verify_signature = 0x49482659;
inline constexpr uint32_t k_account_rc = 0x63896321;
inline constexpr uint32_t k_account_nonce = 0x6cfd64f2;
}  // namespace context

/// privilege_probe.wasm: privileged attempts, exits with the host's code.
namespace privilege_probe {
inline constexpr uint32_t k_try_system_call = 0x2fda2b2d;
inline constexpr uint32_t k_try_thunk = 0x368c79c5;
inline constexpr uint32_t k_try_put_object = 0x199c035b;
inline constexpr uint32_t k_try_set_account_nonce = 0x7a2d5a84;
}  // namespace privilege_probe

/// authority.wasm: `authorize` from stored config, check_authority.
namespace authority {
inline constexpr uint32_t k_authorize = 0x4a2dbd90;
inline constexpr uint32_t k_set_config = 0x4ba58c89;
inline constexpr uint32_t k_get_last_authorize = 0xe7879cf0;
inline constexpr uint32_t k_check = 0x20f65c28;
inline constexpr uint32_t k_require_authority = 0xad91ec37;
}  // namespace authority

/// rc_override.wasm (system contract for overrides of 201/202).
namespace rc_override {
inline constexpr uint64_t k_account_rc = 12345678;  ///< what get_account_rc answers for every account
inline constexpr uint32_t k_get_account_rc = 0x2d464aab;
inline constexpr uint32_t k_consume_account_rc = 0x80e3f5c9;
inline constexpr uint32_t k_get_consumed = 0x490cfa85;
}  // namespace rc_override

/// signature_override.wasm (system contract for an override of 101).
namespace signature_override {
inline constexpr uint32_t k_process_block_signature = 0xe0adbeab;
inline constexpr uint32_t k_set_keys = 0x0d3b9731;
inline constexpr uint32_t k_get_keys = 0x44473994;
}  // namespace signature_override

/// spin.wasm: burns ticks / system calls.
namespace spin {
inline constexpr uint32_t k_spin = 0xa5a2729f;
inline constexpr uint32_t k_spin_syscalls = 0x864159f0;
}  // namespace spin

/// as/token/token.wasm (AssemblyScript).
namespace token {
inline constexpr uint32_t k_name = 0x82a3537f;
inline constexpr uint32_t k_symbol = 0xb76a7ca1;
inline constexpr uint32_t k_decimals = 0xee80fd2f;
inline constexpr uint32_t k_total_supply = 0xb0da3934;
inline constexpr uint32_t k_balance_of = 0x5c721497;
inline constexpr uint32_t k_transfer = 0x27f576ca;
inline constexpr uint32_t k_mint = 0xdc6f17bb;
}  // namespace token

// The literals above are what the contracts compute with entry_point_id(); keep them in step.
static_assert(storage::k_echo == sdk::entry_point_id("echo") && storage::k_put == sdk::entry_point_id("put") &&
              storage::k_get == sdk::entry_point_id("get") && storage::k_remove == sdk::entry_point_id("remove") &&
              storage::k_next == sdk::entry_point_id("next") && storage::k_prev == sdk::entry_point_id("prev") &&
              storage::k_scan == sdk::entry_point_id("scan") && storage::k_log == sdk::entry_point_id("log") &&
              storage::k_event == sdk::entry_point_id("event") &&
              storage::k_exit_with == sdk::entry_point_id("exit_with") &&
              storage::k_return_without_exit == sdk::entry_point_id("return_without_exit") &&
              storage::k_trap == sdk::entry_point_id("trap"));
static_assert(caller::k_call_contract == sdk::entry_point_id("call_contract") &&
              caller::k_whoami == sdk::entry_point_id("whoami") && caller::k_recurse == sdk::entry_point_id("recurse"));
static_assert(context::k_head_info == sdk::entry_point_id("head_info") &&
              context::k_chain_id == sdk::entry_point_id("chain_id") &&
              context::k_last_irreversible_block == sdk::entry_point_id("last_irreversible_block") &&
              context::k_transaction_field == sdk::entry_point_id("transaction_field") &&
              context::k_block_field == sdk::entry_point_id("block_field") &&
              context::k_hash == sdk::entry_point_id("hash") &&
              context::k_recover_public_key == sdk::entry_point_id("recover_public_key") &&
              context::k_verify_signature == sdk::entry_point_id("verify_signature") &&
              context::k_account_rc == sdk::entry_point_id("account_rc") &&
              context::k_account_nonce == sdk::entry_point_id("account_nonce"));
static_assert(privilege_probe::k_try_system_call == sdk::entry_point_id("try_system_call") &&
              privilege_probe::k_try_thunk == sdk::entry_point_id("try_thunk") &&
              privilege_probe::k_try_put_object == sdk::entry_point_id("try_put_object") &&
              privilege_probe::k_try_set_account_nonce == sdk::entry_point_id("try_set_account_nonce"));
static_assert(authority::k_authorize == sdk::entry_point_id("authorize") &&
              authority::k_set_config == sdk::entry_point_id("set_config") &&
              authority::k_get_last_authorize == sdk::entry_point_id("get_last_authorize") &&
              authority::k_check == sdk::entry_point_id("check") &&
              authority::k_require_authority == sdk::entry_point_id("require_authority"));
static_assert(rc_override::k_get_account_rc == sdk::entry_point_id("get_account_rc") &&
              rc_override::k_consume_account_rc == sdk::entry_point_id("consume_account_rc") &&
              rc_override::k_get_consumed == sdk::entry_point_id("get_consumed"));
static_assert(signature_override::k_process_block_signature == sdk::entry_point_id("process_block_signature") &&
              signature_override::k_set_keys == sdk::entry_point_id("set_keys") &&
              signature_override::k_get_keys == sdk::entry_point_id("get_keys"));
static_assert(spin::k_spin == sdk::entry_point_id("spin") && spin::k_spin_syscalls == sdk::entry_point_id("spin_syscalls"));
static_assert(token::k_name == sdk::entry_point_id("name") && token::k_symbol == sdk::entry_point_id("symbol") &&
              token::k_decimals == sdk::entry_point_id("decimals") &&
              token::k_total_supply == sdk::entry_point_id("total_supply") &&
              token::k_balance_of == sdk::entry_point_id("balance_of") &&
              token::k_transfer == sdk::entry_point_id("transfer") && token::k_mint == sdk::entry_point_id("mint"));

}  // namespace modchain::test_contracts
