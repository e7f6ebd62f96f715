// Randomized model test, large run (label slow): many seeds, long sequences.

#include <gtest/gtest.h>

#include "modchain/state_db/model_harness.hpp"
#include "modchain/state_db/test_support.hpp"

namespace modchain::state_db {
namespace {

class ModelSlowTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(ModelSlowTest, ManySeedsLongRuns) {
  for (uint64_t seed = 100; seed < 112; ++seed) {
    testing::run_model_test(GetParam(), seed, 20000);
    if (HasFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelSlowTest, ::testing::Values(BackendKind::memory, BackendKind::rocksdb),
                         [](const auto& p) { return testing::backend_name(p.param); });

}  // namespace
}  // namespace modchain::state_db
