#pragma once
/// Error model shared by every layer: Koinos error codes plus a small Result type.
///
/// Code numbers equal koinos.chain.error_code so they can travel unchanged into receipts and JSON-RPC
/// error objects. Positive codes are reversions, negative codes failures (koinos-protocol.md §2.3).
/// Codes at or below -2000 are modchain-local (input decoding, I/O) and never appear in consensus data.

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "modchain/util/assert.hpp"

namespace modchain::util {

/// koinos.chain.error_code values, plus modchain-local codes (<= -2000).
enum class ErrorCode : int32_t {
  success = 0,
  // Reversions (transaction reverted, block stays valid).
  reversion = 1,
  internal_error = 100,
  system_authorization_failure = 101,
  invalid_contract = 102,
  insufficient_privileges = 103,
  insufficient_rc = 104,
  insufficient_return_buffer = 105,
  unknown_thunk = 106,
  unknown_operation = 107,
  read_only_context = 108,
  // Failures (block or transaction invalid).
  failure = -1,
  field_not_found = -100,
  unknown_hash_code = -101,
  unknown_dsa = -102,
  unknown_system_call = -103,
  operation_not_found = -104,
  authorization_failure = -200,
  invalid_nonce = -201,
  invalid_signature = -202,
  malformed_block = -203,
  malformed_transaction = -204,
  block_resource_failure = -205,
  pending_transaction_limit_exceeded = -206,
  unknown_backend = -1000,
  unexpected_state = -1001,
  missing_required_arguments = -1002,
  unknown_previous_block = -1003,
  unexpected_height = -1004,
  block_state_error = -1005,
  state_merkle_mismatch = -1006,
  unexpected_receipt = -1007,
  rpc_failure = -1008,
  pending_state_error = -1009,
  timestamp_out_of_bounds = -1010,
  indexer_failure = -1011,
  network_bandwidth_limit_exceeded = -1012,
  compute_bandwidth_limit_exceeded = -1013,
  disk_storage_limit_exceeded = -1014,
  pre_irreversibility_block = -1015,
  // modchain-local: never in consensus data.
  invalid_encoding = -2000,   ///< malformed hex/base58/base64/varint/protobuf/JSON input
  invalid_argument = -2001,   ///< well-formed input with a value outside the accepted domain
  io_error = -2002,           ///< storage or file system failure (disk full, read-only, corruption)
  not_found = -2003,          ///< a looked-up object does not exist
};

/// Name of the code as written in koinos-proto (`"insufficient_rc"`), or `"unknown"`.
const char* error_code_name(ErrorCode code) noexcept;

/// True for positive codes: the transaction is reverted but the block stays valid.
constexpr bool is_reversion(ErrorCode code) noexcept { return static_cast<int32_t>(code) > 0; }

/// True for negative codes: the block or transaction is invalid.
constexpr bool is_failure(ErrorCode code) noexcept { return static_cast<int32_t>(code) < 0; }

/// An error: a code and a human-readable message that says what was wrong and where.
struct Error {
  ErrorCode code = ErrorCode::failure;
  std::string message;

  /// "message (code_name N)", for logs and test failure output.
  std::string describe() const;
};

/// Either a value or an Error. Small on purpose: no exceptions cross layer boundaries on hot paths.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return m_state.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; asserts (always on) that there is one.
  T& value() & { MODCHAIN_ASSERT(ok(), "Result::value() on an error"); return std::get<0>(m_state); }
  const T& value() const& { MODCHAIN_ASSERT(ok(), "Result::value() on an error"); return std::get<0>(m_state); }
  T&& value() && { MODCHAIN_ASSERT(ok(), "Result::value() on an error"); return std::get<0>(std::move(m_state)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// The error; asserts (always on) that there is one.
  const Error& error() const { MODCHAIN_ASSERT(!ok(), "Result::error() on a value"); return std::get<1>(m_state); }

 private:
  std::variant<T, Error> m_state;
};

/// Result of an operation that returns nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return m_ok; }
  explicit operator bool() const noexcept { return m_ok; }
  const Error& error() const { MODCHAIN_ASSERT(!m_ok, "Status::error() on success"); return m_error; }

 private:
  Error m_error;
  bool m_ok = true;
};

/// Shorthand for building an Error.
inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace modchain::util

/// Propagates the error of a Status or Result expression out of the enclosing function.
#define MODCHAIN_TRY_STATUS(expr)                          \
  do {                                                     \
    auto&& modchain_try_status_ = (expr);                  \
    if (!modchain_try_status_.ok()) return modchain_try_status_.error(); \
  } while (false)
