#pragma once
/// Test-only: the parent side of the crash test (see crash_protocol.hpp and crash_helper.cpp).

#include <cstdint>

namespace modchain::state_db::testing {

/// Runs `rounds` rounds on one RocksDB directory: start the helper, SIGKILL it after a random delay,
/// reopen and require the durable root to be exactly the last announced "committed" LIB or the one
/// announced as "committing" after it. Reports gtest failures; prints a summary.
void run_crash_rounds(int rounds, uint64_t seed);

}  // namespace modchain::state_db::testing
