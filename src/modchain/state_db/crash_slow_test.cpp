// Crash safety, long run (label slow).

#include <gtest/gtest.h>

#include "modchain/state_db/crash_support.hpp"

namespace modchain::state_db {
namespace {

TEST(CrashSafetySlow, ManyRounds) { testing::run_crash_rounds(400, 11); }

}  // namespace
}  // namespace modchain::state_db
