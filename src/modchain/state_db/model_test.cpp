// Randomized model test, default size (fast). The large run is model_slow_test.cpp (label slow).

#include <gtest/gtest.h>

#include "modchain/state_db/model_harness.hpp"
#include "modchain/state_db/test_support.hpp"

namespace modchain::state_db {
namespace {

class ModelTest : public ::testing::TestWithParam<BackendKind> {};

TEST_P(ModelTest, RandomOperationsMatchNaiveModel) {
  for (uint64_t seed : {testing::seed_from_env(1), uint64_t{2}, uint64_t{3}}) {
    testing::run_model_test(GetParam(), seed, 1500);
    if (HasFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelTest, ::testing::Values(BackendKind::memory, BackendKind::rocksdb),
                         [](const auto& p) { return testing::backend_name(p.param); });

}  // namespace
}  // namespace modchain::state_db
