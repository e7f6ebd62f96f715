#pragma once
/// Small vocabulary shared by the kernel: privilege, intent, call frames, error helpers.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "modchain/util/error.hpp"

namespace modchain::kernel {

/// koinos.chain.privilege: what a frame may do.
enum class Privilege : uint8_t { kernel_mode = 0, user_mode = 1 };

/// Why a context runs (koinos-protocol.md §7.1).
enum class Intent : uint8_t {
  read_only,                ///< read_contract / invoke_system_call RPC: no writes, no apply_*, no check_authority
  block_application,        ///< applying a received block
  block_proposal,           ///< building a block: failing transactions are dropped instead of failing the block
  transaction_application,  ///< checking a transaction for the mempool
};

/// One entry of the context's call stack (§7.1).
struct Frame {
  std::string contract_id;       ///< "" for the system (base frame, system call frames)
  uint32_t system_call_id = 0;   ///< for system call frames
  Privilege privilege = Privilege::kernel_mode;
  std::string arguments;         ///< contract frames: serialized call arguments
  uint32_t entry_point = 0;      ///< contract frames: the called entry point
};

/// Mempool view for transaction checks (transaction_application intent): the nonce of an account's last
/// pending transaction, or nullopt when it has none. verify_account_nonce then expects pending + 1
/// (koinos-protocol.md §8 row 108).
using PendingNonceLookup = std::function<std::optional<uint64_t>(const std::string& account)>;

/// Maximum number of frames on the stack (Koinos: 256; one more is a "stack overflow" reversion).
inline constexpr size_t k_max_stack_depth = 256;

/// The authorize entry point (`0x4a2dbd90`): callable only from kernel mode.
inline constexpr uint32_t k_authorize_entry_point = 0x4a2dbd90;

/// A reversion with `code` (positive) or failure (negative).
inline util::Error kernel_error(util::ErrorCode code, std::string message) {
  return util::Error{code, std::move(message)};
}

/// Shorthand: a plain reversion (code 1).
inline util::Error reversion(std::string message) { return kernel_error(util::ErrorCode::reversion, std::move(message)); }

}  // namespace modchain::kernel

/// Evaluates a Result expression, propagating its error, else moving its value into `var` (declared here).
#define KERNEL_TRY_ASSIGN(var, expr)                         \
  auto var##_result_ = (expr);                               \
  if (!var##_result_.ok()) return var##_result_.error();     \
  auto var = std::move(var##_result_).value()
