// Validation: MVP decoding/validation, Koinos import/export rules and ModuleLimits, each with its exact
// error. Every rejection is a reversion (code 1): koinos-protocol.md §2.3.
#include "modchain/vm/module.hpp"

#include <gtest/gtest.h>

#include <string>

#include "modchain/vm/test_support.hpp"

namespace modchain::vm {
namespace {

void expect_rejected(const util::Bytes& wasm, const std::string& message) {
  auto prepared = prepare_module(wasm, PrepareOptions{});
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.error().code, util::ErrorCode::reversion);
  EXPECT_EQ(prepared.error().message, message);
}

TEST(PrepareModule, WrongImportsAreRejected) {
  expect_rejected(test::wat_module("import_unknown"),
                  "koinos: import env.read_file is not allowed (only env.invoke_system_call, env.invoke_thunk)");
  expect_rejected(test::wat_module("import_wrong_module"),
                  "koinos: import wasi.invoke_system_call is not allowed (only env.invoke_system_call, "
                  "env.invoke_thunk)");
  expect_rejected(test::wat_module("import_wrong_signature"), "koinos: import env.invoke_thunk must have type (i32 x6) -> i32");
  expect_rejected(test::wat_module("import_memory"),
                  "koinos: import env.memory is not a function (only env functions may be imported)");
}

TEST(PrepareModule, WrongExportsAreRejected) {
  expect_rejected(test::wat_module("no_start"), "koinos: module does not export function _start");
  expect_rejected(test::wat_module("start_with_params"), "koinos: _start must have type () -> ()");
  expect_rejected(test::wat_module("no_memory_export"), "koinos: module does not export its memory");
  expect_rejected(test::wat_module("reserved_export"), "invalid module: export name modchain.ticks is reserved");
}

TEST(PrepareModule, LimitsAreEnforcedBeforeDecoding) {
  expect_rejected(test::wat_module("memory_too_big"), "limit: memory initial pages 513 exceeds 512");
  expect_rejected(test::wat_module("huge_table"), "limit: table initial size 100000 exceeds 65536");
  expect_rejected(test::wat_module("too_many_functions"), "limit: functions 16385 exceeds 16384");
  expect_rejected(test::wat_module("too_many_globals"), "limit: globals 1025 exceeds 1024");
  expect_rejected(test::wat_module("too_many_locals"), "limit: locals in one function 4097 exceeds 4096");
  expect_rejected(test::wat_module("too_deep_nesting"), "limit: block nesting depth 1025 exceeds 1024");
  EXPECT_EQ(test::prepare_error(test::wat_module("max_nesting")), "");
  PrepareOptions small;
  small.limits.max_module_bytes = 16;
  EXPECT_EQ(test::prepare_error(test::wat_module("tick_count"), small), "limit: module of 107 bytes exceeds 16");
}

TEST(PrepareModule, InvalidAndMalformedBinariesAreCleanErrors) {
  expect_rejected(test::wat_module("invalid_type_mismatch"),
                  "invalid module: type mismatch in implicit return, expected [i32] but got []");
  const util::Bytes good = test::wat_module("tick_count");
  expect_rejected(util::Bytes(good.begin(), good.end() - 3), "malformed module: invalid section size: extends past end");
  util::Bytes bad_magic = good;
  bad_magic[0] = 1;
  expect_rejected(bad_magic, "malformed module: bad magic value");
  util::Bytes bad_version = good;
  bad_version[4] = 2;
  expect_rejected(bad_version, "malformed module: bad wasm file version: 0x2 (expected 0x1)");
  expect_rejected({}, "malformed module: unable to read uint32_t: magic");
}

TEST(PrepareModule, AcceptsAValidContractAndRecordsItsImports) {
  auto prepared = prepare_module(test::wat_module("thunk_and_syscall"), PrepareOptions{});
  ASSERT_TRUE(prepared.ok()) << prepared.error().message;
  const PreparedModule& module = *prepared.value();
  EXPECT_TRUE(module.metered());
  EXPECT_TRUE(module.floats_trap());
  EXPECT_FALSE(module.deferred_start());
  EXPECT_EQ(module.max_memory_pages(), 512u);
  ASSERT_EQ(module.imports().size(), 2u);
  EXPECT_EQ(module.imports()[0].name, "invoke_thunk");
  EXPECT_EQ(module.imports()[1].name, "invoke_system_call");
  EXPECT_GT(module.code().size(), module.original_size());  // instrumented
}

TEST(PrepareModule, UnmeteredRawModeKeepsTheOriginalBytes) {
  PrepareOptions raw;
  raw.rules = ModuleRules::raw;
  raw.meter = false;
  const util::Bytes wasm = test::wat_module("no_start");  // not a contract, but valid WebAssembly
  auto prepared = prepare_module(wasm, raw);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared.value()->code(), wasm);
  EXPECT_FALSE(prepared.value()->metered());
}

TEST(PrepareModule, StartSectionIsDeferredWhenMetered) {
  auto prepared = prepare_module(test::wat_module("start_section"), PrepareOptions{});
  ASSERT_TRUE(prepared.ok());
  EXPECT_TRUE(prepared.value()->deferred_start());
}

}  // namespace
}  // namespace modchain::vm
