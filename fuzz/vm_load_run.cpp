// libFuzzer target fuzz_vm_load_run: arbitrary bytes as a contract module through prepare (decode,
// validate, Koinos rules, instrument), compile and execute with a small tick budget. Every input must end
// in a clean error or a clean run: no crash, no hang, no sanitizer report. The host answers every call
// through the bounds-checked helpers, echoing the argument bytes back.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "modchain/vm/engine.hpp"

namespace {

class EchoHost final : public modchain::vm::HostHandler {
 public:
  modchain::vm::HostResult invoke(modchain::vm::HostContext& context, const modchain::vm::HostCall& call) override {
    if (call.id == 602) return modchain::vm::HostResult::halt();
    context.set_ticks_remaining(context.ticks_remaining() - 10);
    auto memory = context.memory();
    auto args = memory.read(call.arg_ptr, call.arg_len);
    if (!args) return modchain::vm::HostResult::fail(args.error());
    auto status = modchain::vm::write_host_result(memory, call, args.value());
    if (!status) return modchain::vm::HostResult::ok(static_cast<int32_t>(status.error().code));
    return modchain::vm::HostResult::ok(0);
  }
};

modchain::vm::Engine& engine() {
  static const std::unique_ptr<modchain::vm::Engine> instance = modchain::vm::make_wabt_interp_engine();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  modchain::vm::PrepareOptions options;
  options.limits.max_module_bytes = 256u << 10;
  auto prepared = modchain::vm::prepare_module({data, size}, options);
  if (!prepared) return 0;
  auto compiled = engine().compile(prepared.value());
  if (!compiled) return 0;
  EchoHost host;
  modchain::vm::ExecuteOptions run;
  run.tick_budget = 200'000;
  (void)engine().execute(*compiled.value(), host, run);
  return 0;
}
