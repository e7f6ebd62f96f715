// Crash safety (default size): 50 SIGKILL rounds against a child process committing LIBs.

#include <gtest/gtest.h>

#include "modchain/state_db/crash_support.hpp"
#include "modchain/state_db/model_harness.hpp"

namespace modchain::state_db {
namespace {

TEST(CrashSafety, KilledWriterLeavesExactlyOneAnnouncedLibState) {
  testing::run_crash_rounds(50, testing::seed_from_env(7));
}

}  // namespace
}  // namespace modchain::state_db
