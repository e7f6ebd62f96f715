#pragma once
/// The host side of a contract run: the two Koinos imports (koinos-protocol.md §9.1) bridged to a handler
/// the kernel implements. Handlers never throw into the VM; they return a HostResult.

#include <cstdint>
#include <span>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::vm {

/// Which import was called.
enum class HostFunction : uint8_t { invoke_system_call, invoke_thunk };

/// The six i32 arguments of a host call, exactly as the module passed them.
struct HostCall {
  HostFunction function = HostFunction::invoke_system_call;
  uint32_t id = 0;
  uint32_t ret_ptr = 0;
  uint32_t ret_len = 0;
  uint32_t arg_ptr = 0;
  uint32_t arg_len = 0;
  uint32_t bytes_written_ptr = 0;
};

/// Bounds-checked access to the instance's memory 0 during a host call (§9.2). A (ptr, len) range is
/// valid iff ptr + len <= size (so ptr == size only with len 0). Violations return `reversion` errors
/// whose message names the offending range; nothing is read or written then.
class MemoryView {
 public:
  /// An empty memory (modules without memory): only zero-length ranges at 0 are valid.
  MemoryView() = default;
  /// A view of `size` bytes at `data`, owned by the engine for the duration of the host call.
  MemoryView(uint8_t* data, size_t size) noexcept : m_data(data), m_size(size) {}

  /// Memory size in bytes.
  size_t size() const noexcept { return m_size; }
  /// The bytes [ptr, ptr + len).
  util::Result<util::ByteView> read(uint32_t ptr, uint32_t len) const;
  /// Writable bytes [ptr, ptr + len).
  util::Result<std::span<uint8_t>> writable(uint32_t ptr, uint32_t len) const;
  /// Copies `bytes` to ptr.
  util::Status write(uint32_t ptr, util::ByteView bytes) const;
  /// Writes a little-endian u32 (the bytes_written convention).
  util::Status write_u32(uint32_t ptr, uint32_t value) const;
  /// Reads a little-endian u32.
  util::Result<uint32_t> read_u32(uint32_t ptr) const;

 private:
  util::Status check(uint32_t ptr, uint32_t len) const;
  uint8_t* m_data = nullptr;
  size_t m_size = 0;
};

/// The VM state a handler may use during one call.
class HostContext {
 public:
  virtual ~HostContext() = default;
  /// Memory 0 of the calling instance (a module without memory gives an empty view).
  virtual MemoryView memory() = 0;
  /// Ticks the module may still use (the kernel charges the difference since its last sync, §10.2).
  virtual int64_t ticks_remaining() const = 0;
  /// Resets the remaining ticks, e.g. to the compute bandwidth left after the host call charged its own
  /// cost. Negative values are clamped to 0.
  virtual void set_ticks_remaining(int64_t ticks) = 0;
};

/// Outcome of one host call.
struct HostResult {
  enum class Kind : uint8_t {
    ok,     ///< return `value` to the module
    halt,   ///< stop the run successfully (Koinos `exit` with code 0)
    error,  ///< stop the run with `error` (reversion/failure code chosen by the kernel)
  };
  Kind kind = Kind::ok;
  int32_t value = 0;
  util::Error error{};

  /// Return `v` to the module.
  static HostResult ok(int32_t v) { return {Kind::ok, v, {}}; }
  /// Stop the run successfully.
  static HostResult halt() { return {Kind::halt, 0, {}}; }
  /// Stop the run with `e`.
  static HostResult fail(util::Error e) { return {Kind::error, 0, std::move(e)}; }
};

/// Implemented by the kernel (and by tests). Must not throw: an exception escaping invoke() is caught
/// by the engine and reported as `internal_error`.
class HostHandler {
 public:
  virtual ~HostHandler() = default;
  /// Handles one call of env.invoke_system_call or env.invoke_thunk.
  virtual HostResult invoke(HostContext& context, const HostCall& call) = 0;
};

/// Completes a call the §9.2 way: writes `result` at ret_ptr and its length at bytes_written_ptr.
/// `insufficient_return_buffer` if result is longer than ret_len; `reversion` for bad pointers.
util::Status write_host_result(const MemoryView& memory, const HostCall& call, util::ByteView result);

}  // namespace modchain::vm
