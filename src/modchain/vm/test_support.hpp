#pragma once
// Shared helpers of the vm unit tests (not part of the library).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/util/bytes.hpp"
#include "modchain/vm/engine.hpp"

namespace modchain::vm::test {

/// A module built from contracts/test/vm/wat/<name>.wat (or a generated one) at build time.
util::Bytes wat_module(std::string_view name);

/// A prebuilt C test contract contracts/test/vm/<name>.wasm.
util::Bytes contract(std::string_view name);

/// Host for tests: records every call; 603 answers `arguments`, 602 stores its argument bytes in
/// `exit_data` and halts; other ids go to `on_call` (default: return 0).
class TestHost : public HostHandler {
 public:
  HostResult invoke(HostContext& context, const HostCall& call) override;

  util::Bytes arguments;
  util::Bytes exit_data;
  std::vector<HostCall> calls;
  std::vector<int64_t> ticks_seen;  ///< ticks_remaining() at each call
  std::function<HostResult(HostContext&, const HostCall&)> on_call;
};

/// Prepare + compile + execute with the reference engine; a preparation error is returned as a
/// trap-outcome result whose error is the preparation error.
struct RunOutput {
  bool prepared = false;
  ExecutionResult result;
};
RunOutput run(util::ByteView wasm, HostHandler& host, int64_t budget, const PrepareOptions& options = {});

/// The same with a given engine.
RunOutput run_on(Engine& engine, util::ByteView wasm, HostHandler& host, int64_t budget,
                 const PrepareOptions& options = {});

/// Just the preparation error message ("" if the module was accepted).
std::string prepare_error(util::ByteView wasm, const PrepareOptions& options = {});

}  // namespace modchain::vm::test
