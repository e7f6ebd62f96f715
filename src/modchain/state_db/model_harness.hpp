#pragma once
/// Test-only: the randomized model test. A deliberately naive reference model — every node keeps a full
/// copy of its merged state plus its own written/removed bookkeeping — is driven by the same random
/// operations as the real database and compared after every step.

#include <cstdint>

#include "modchain/state_db/state_db.hpp"

namespace modchain::state_db::testing {

/// Runs `steps` random operations with `seed` on `kind` and reports mismatches as gtest failures (the first
/// mismatch ends the run; the seed and step are in the failure message).
void run_model_test(BackendKind kind, uint64_t seed, int steps);

/// The seed to use: MODCHAIN_STATE_DB_SEED from the environment if set, else `fallback`.
uint64_t seed_from_env(uint64_t fallback);

}  // namespace modchain::state_db::testing
