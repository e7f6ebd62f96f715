#include "modchain/vm/test_support.hpp"

#include "modchain/util/assert.hpp"
#include "modchain/util/file.hpp"

namespace modchain::vm::test {

namespace {
util::Bytes read(const std::string& path) {
  auto text = util::read_file(path);
  MODCHAIN_ASSERT(text.ok(), "test module missing (build the vm_test_modules target)");
  return util::to_bytes(text.value());
}
}  // namespace

util::Bytes wat_module(std::string_view name) {
  return read(std::string(MODCHAIN_BINARY_DIR) + "/vm_test_modules/" + std::string(name) + ".wasm");
}

util::Bytes contract(std::string_view name) {
  return read(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/test/vm/" + std::string(name) + ".wasm");
}

HostResult TestHost::invoke(HostContext& context, const HostCall& call) {
  calls.push_back(call);
  ticks_seen.push_back(context.ticks_remaining());
  if (call.function == HostFunction::invoke_system_call && call.id == 603) {
    auto status = write_host_result(context.memory(), call, arguments);
    if (!status.ok()) {
      if (status.error().code == util::ErrorCode::insufficient_return_buffer) {
        return HostResult::ok(static_cast<int32_t>(status.error().code));
      }
      return HostResult::fail(status.error());
    }
    return HostResult::ok(0);
  }
  if (call.function == HostFunction::invoke_system_call && call.id == 602) {
    auto bytes = context.memory().read(call.arg_ptr, call.arg_len);
    if (!bytes) return HostResult::fail(bytes.error());
    exit_data = util::to_bytes(bytes.value());
    return HostResult::halt();
  }
  if (on_call) return on_call(context, call);
  return HostResult::ok(0);
}

RunOutput run(util::ByteView wasm, HostHandler& host, int64_t budget, const PrepareOptions& options) {
  auto engine = make_wabt_interp_engine();
  return run_on(*engine, wasm, host, budget, options);
}

RunOutput run_on(Engine& engine, util::ByteView wasm, HostHandler& host, int64_t budget,
                 const PrepareOptions& options) {
  RunOutput out;
  auto prepared = prepare_module(wasm, options);
  if (!prepared) {
    out.result = {Outcome::trap, prepared.error(), 0};
    return out;
  }
  out.prepared = true;
  auto compiled = engine.compile(prepared.value());
  if (!compiled) {
    out.result = {Outcome::trap, compiled.error(), 0};
    return out;
  }
  ExecuteOptions execute_options;
  execute_options.tick_budget = budget;
  out.result = engine.execute(*compiled.value(), host, execute_options);
  return out;
}

std::string prepare_error(util::ByteView wasm, const PrepareOptions& options) {
  auto prepared = prepare_module(wasm, options);
  return prepared ? std::string() : prepared.error().message;
}

}  // namespace modchain::vm::test
