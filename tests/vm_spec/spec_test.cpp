// The whole WebAssembly 1.0 core suite, unmetered and metered, with pinned totals: a change in either
// direction (a regression, or a silent new skip) fails until the numbers are updated deliberately.
#include <gtest/gtest.h>

#include <cstdio>

#include "spec_runner.hpp"

namespace modchain::vm::spec {
namespace {

Counts run_suite(const Options& options) {
  auto engine = make_wabt_interp_engine();
  Counts total;
  std::vector<std::string> failures;
  for (const auto& name : suite_files(std::string(MODCHAIN_SHARED_DIR) + "/wasm-testsuite")) {
    const Counts counts = run_file(*engine, std::string(VM_SPEC_JSON_DIR) + "/" + name + ".json", options, &failures);
    std::printf("%-28s passed %5llu failed %3llu skipped %3llu\n", name.c_str(),
                static_cast<unsigned long long>(counts.passed), static_cast<unsigned long long>(counts.failed),
                static_cast<unsigned long long>(counts.skipped));
    total += counts;
  }
  for (size_t i = 0; i < failures.size() && i < 50; ++i) std::printf("FAIL %s\n", failures[i].c_str());
  std::printf("PASSED %llu, FAILED %llu, SKIPPED %llu.\n", static_cast<unsigned long long>(total.passed),
              static_cast<unsigned long long>(total.failed), static_cast<unsigned long long>(total.skipped));
  return total;
}

TEST(SpecSuite, UnmeteredTotalsArePinned) {
  EXPECT_EQ(run_suite(Options{false}), (Counts{19'044, 0, 499}));
}

TEST(SpecSuite, MeteredTotalsArePinned) {
  EXPECT_EQ(run_suite(Options{true}), (Counts{19'044, 0, 499}));
}

}  // namespace
}  // namespace modchain::vm::spec
