// The committed contracts on modchain's own VM: every module passes vm::prepare_module (Koinos rules,
// metered) and runs on the wabt-interp engine with a minimal host (get_arguments, get_contract_id, exit). Results
// are checked exactly; tick counts are not (they follow the VM's metering, docs/vm.md).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "modchain/sdk/protobuf.hpp"
#include "modchain/util/file.hpp"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/host.hpp"
#include "modchain/vm/module.hpp"
#include "test_contracts.hpp"

namespace {

using namespace modchain;
namespace pb = modchain::sdk::pb;

namespace tc = modchain::test_contracts;

std::string encode(void (*fill)(pb::Writer&)) {
  static uint8_t buffer[256];
  pb::Writer w(sdk::MutableBytes{buffer, sizeof buffer});
  fill(w);
  return std::string(reinterpret_cast<const char*>(w.view().data), w.size());
}

// Answers get_arguments (603), get_contract_id (604) and exit (602); anything else is unknown_thunk.
class MiniHost : public vm::HostHandler {
 public:
  MiniHost(uint32_t entry_point, std::string args) : m_entry_point(entry_point), m_args(std::move(args)) {}

  vm::HostResult invoke(vm::HostContext& context, const vm::HostCall& call) override {
    vm::MemoryView memory = context.memory();
    auto input = memory.read(call.arg_ptr, call.arg_len);
    if (!input) return vm::HostResult::fail(input.error());
    uint8_t buffer[512];
    pb::Writer w(sdk::MutableBytes{buffer, sizeof buffer});
    switch (call.id) {
      case 603: {
        auto m = w.begin_message(1);
        w.uint64_field(1, m_entry_point);
        w.bytes_field(2, sdk::Bytes(reinterpret_cast<const uint8_t*>(m_args.data()), m_args.size()));
        w.end_message(m);
        break;
      }
      case 604: w.bytes_field(1, "contract-id"); break;
      case 602:
        exit_arguments = util::to_string(input.value());
        return vm::HostResult::halt();
      default:
        return vm::HostResult::fail(util::make_error(util::ErrorCode::unknown_thunk, "not in MiniHost"));
    }
    util::Status written = vm::write_host_result(memory, call, util::ByteView(w.view().data, w.size()));
    if (!written) return vm::HostResult::fail(written.error());
    return vm::HostResult::ok(0);
  }

  std::string exit_arguments;  ///< what the module passed to exit

 private:
  uint32_t m_entry_point;
  std::string m_args;
};

struct RunOutput {
  vm::ExecutionResult result;
  std::string exit_arguments;
};

RunOutput run(const std::string& name, uint32_t entry_point, const std::string& args, int64_t ticks = 100'000'000) {
  const std::string file = tc::wasm_path(name);
  auto wasm = util::read_file(file);
  EXPECT_TRUE(wasm) << file;
  if (!wasm) return {};
  const std::string& bytes = wasm.value();
  auto prepared = vm::prepare_module(util::as_bytes(bytes), vm::PrepareOptions{});
  EXPECT_TRUE(prepared) << file << ": " << (prepared ? "" : prepared.error().message);
  if (!prepared) return {};
  auto engine = vm::make_wabt_interp_engine();
  auto compiled = engine->compile(prepared.value());
  EXPECT_TRUE(compiled) << file;
  if (!compiled) return {};
  MiniHost host(entry_point, args);
  vm::ExecuteOptions options;
  options.tick_budget = ticks;
  RunOutput out;
  out.result = engine->execute(*compiled.value(), host, options);
  out.exit_arguments = host.exit_arguments;
  return out;
}

// exit_arguments of exit(1, "unknown entry point"), as every SDK contract ends an unknown entry point.
const std::string k_unknown_entry("\x08\x01\x12\x17\x12\x15\x0a\x13unknown entry point", 27);

class EveryTestContract : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryTestContract, PreparesAndEndsAnUnknownEntryPointWithReversion) {
  RunOutput r = run(GetParam(), 0xffffffffu, "");
  EXPECT_EQ(r.result.outcome, vm::Outcome::halted) << r.result.error.message;
  EXPECT_EQ(r.exit_arguments, k_unknown_entry);
}

INSTANTIATE_TEST_SUITE_P(Contracts, EveryTestContract,
                         ::testing::Values("authority", "caller", "context", "privilege_probe", "rc_override",
                                           "signature_override", "spin", "storage"));

TEST(ContractsOnVm, StorageEchoReturnsItsArguments) {
  RunOutput r = run("storage", tc::storage::k_echo, "hello");
  EXPECT_EQ(r.result.outcome, vm::Outcome::halted);
  EXPECT_EQ(r.exit_arguments, std::string("\x12\x07\x0a\x05hello", 9));  // exit{res{object="hello"}}
}

TEST(ContractsOnVm, SpinComputesXorshiftAndRunsOutOfTicks) {
  uint64_t x = 1;
  for (int i = 0; i < 1000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  static uint64_t expected_value;
  expected_value = x;
  std::string value = encode([](pb::Writer& w) { w.uint64_field(1, expected_value); });
  RunOutput r = run("spin", tc::spin::k_spin, encode([](pb::Writer& w) { w.uint64_field(1, 1000); }));
  EXPECT_EQ(r.result.outcome, vm::Outcome::halted);
  // exit_arguments{res=2{object=1: spin_result{value=1}}}
  std::string object = std::string("\x0a", 1) + static_cast<char>(value.size()) + value;
  EXPECT_EQ(r.exit_arguments, std::string("\x12", 1) + static_cast<char>(object.size()) + object);

  RunOutput endless = run("spin", tc::spin::k_spin,
                    encode([](pb::Writer& w) { w.uint64_field(1, UINT64_MAX); }), 1'000'000);
  EXPECT_EQ(endless.result.outcome, vm::Outcome::out_of_ticks);
  EXPECT_EQ(endless.exit_arguments, "");
}

TEST(ContractsOnVm, AssemblyScriptTokenAnswersDecimals) {
  RunOutput r = run("../as/token/token", tc::token::k_decimals, "");
  EXPECT_EQ(r.result.outcome, vm::Outcome::halted) << r.result.error.message;
  EXPECT_EQ(r.exit_arguments, std::string("\x12\x04\x0a\x02\x08\x08", 6));  // decimals_result{value=8}
}

}  // namespace
