// Test contract `caller`: contract-to-contract calls, caller/contract id reporting and recursion depth.
// Argument and result layouts: docs/contracts.md ("caller").
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_recurse = sdk::entry_point_id("recurse");

// call_contract {contract_id=1 bytes, entry_point=2 uint32, args=3 bytes} -> the callee's result bytes.
// A failure (negative code) of the callee is passed on with the same code and message; reversions never
// come back to a user-mode contract (the host aborts it), so they propagate by themselves.
void call_contract(sdk::Bytes args) {
  auto r = sdk::call(pb::find_bytes(args, 1), static_cast<uint32_t>(pb::find_uint64(args, 2)),
                     pb::find_bytes(args, 3));
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  sdk::exit_success(r.value);
}

// whoami {} -> caller_info {caller=1 bytes, caller_privilege=2 uint32, contract_id=3 bytes,
// entry_point=4 uint32} from get_caller, get_contract_id and get_arguments.
void whoami(sdk::Bytes) {
  sdk::CallerData caller = sdk::get_caller();
  sdk::Bytes self = sdk::get_contract_id();
  sdk::Arguments call = sdk::get_arguments();
  pb::Writer w(sdk::arena().free_space());
  w.bytes_field(1, caller.caller);
  w.uint64_field(2, static_cast<uint32_t>(caller.privilege));
  w.bytes_field(3, self);
  w.uint64_field(4, call.entry_point);
  sdk::arena().commit(w.size());
  sdk::exit_success(w.view());
}

// recurse {depth=1 uint32} -> depth_result {value=1 uint32}: calls itself `depth` times through the
// `call` system call (each level adds a contract frame) and returns the number of nested calls made,
// i.e. `depth` when every level succeeded.
void recurse(sdk::Bytes args) {
  auto depth = static_cast<uint32_t>(pb::find_uint64(args, 1));
  uint32_t levels = 0;
  if (depth > 0) {
    uint8_t child_args[8];
    pb::Writer w(sdk::MutableBytes{child_args, sizeof child_args});
    w.uint64_field(1, depth - 1);
    auto r = sdk::call(sdk::get_contract_id(), k_recurse, w.view());
    if (!r.ok()) sdk::exit_error(r.code, r.message);
    levels = static_cast<uint32_t>(pb::find_uint64(r.value, 1)) + 1;
  }
  uint8_t result[8];
  pb::Writer w(sdk::MutableBytes{result, sizeof result});
  w.uint64_field(1, levels);
  sdk::exit_success(w.view());
}

constexpr sdk::Method k_methods[] = {
    {sdk::entry_point_id("call_contract"), call_contract},
    {sdk::entry_point_id("whoami"), whoami},
    {k_recurse, recurse},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
