#pragma once
/// The Koinos system call table (koinos-protocol.md §8): ONE declarative table of rows
/// `{id, name, handler, privilege, genesis, compute cost name}`. A shipped row's behaviour is never changed
/// in place; new behaviour gets a new id. The table is constant data, not a registry object.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "modchain/protocol/serialization.hpp"
#include "modchain/kernel/types.hpp"

namespace modchain::kernel {

class ExecutionContext;

/// A native handler: serialized `*_arguments` in, serialized `*_result` out.
using ThunkHandler = util::Result<std::string> (*)(ExecutionContext& context, std::string_view arguments);

/// Who may call a system call natively.
enum class CallPrivilege : uint8_t {
  any,          ///< user and kernel callers
  kernel_only,  ///< user-mode callers get insufficient_privileges (103)
};

/// One row of the table.
struct SystemCallRow {
  uint32_t id = 0;                      ///< koinos.chain.system_call_id
  std::string_view name;                ///< the enum name
  ThunkHandler handler = nullptr;       ///< null: no native thunk (override only: 112, 10000, 10001)
  CallPrivilege privilege = CallPrivilege::any;
  bool genesis = true;                  ///< enabled without an override (every id but nop)
  std::string_view compute_cost;        ///< compute_bandwidth_registry entry charged per call ("" = none)
};

/// Every Koinos system call, sorted by id.
std::span<const SystemCallRow> koinos_system_calls();

/// The row for `id`, or null for an unregistered id.
const SystemCallRow* find_system_call(uint32_t id);

/// Adapts a typed handler `Result<Res> fn(ExecutionContext&, const Args&)` to a ThunkHandler. Arguments
/// are parsed partially and leniently, like the reference (protobuf parse errors from WASM are ignored).
template <class Args, class Res, util::Result<Res> (*Fn)(ExecutionContext&, const Args&)>
util::Result<std::string> typed_thunk(ExecutionContext& context, std::string_view bytes) {
  Args args;
  (void)args.ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()));
  auto result = Fn(context, args);
  if (!result.ok()) return result.error();
  return protocol::serialize_to_string(result.value());
}

}  // namespace modchain::kernel
