#include "modchain/util/error.hpp"

#include <gtest/gtest.h>

namespace modchain::util {
namespace {

TEST(ErrorCode, NumbersMatchKoinos) {
  EXPECT_EQ(static_cast<int32_t>(ErrorCode::insufficient_rc), 104);
  EXPECT_EQ(static_cast<int32_t>(ErrorCode::invalid_signature), -202);
  EXPECT_EQ(static_cast<int32_t>(ErrorCode::pre_irreversibility_block), -1015);
  EXPECT_TRUE(is_reversion(ErrorCode::read_only_context));
  EXPECT_TRUE(is_failure(ErrorCode::malformed_block));
  EXPECT_FALSE(is_failure(ErrorCode::success));
  EXPECT_STREQ(error_code_name(ErrorCode::unknown_thunk), "unknown_thunk");
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 5;
  Result<int> bad = make_error(ErrorCode::invalid_argument, "x must be positive");
  EXPECT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().describe(), "x must be positive (invalid_argument -2001)");
}

Status fails_then_propagates() {
  MODCHAIN_TRY_STATUS(Status(make_error(ErrorCode::io_error, "disk full")));
  return {};
}

TEST(Status, TryPropagates) {
  auto status = fails_then_propagates();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::io_error);
}

TEST(AssertDeathTest, AlwaysOnAssertAborts) {
  EXPECT_DEATH(MODCHAIN_ASSERT(1 + 1 == 3, "arithmetic"), "assertion failed: 1 \\+ 1 == 3 \\(arithmetic\\)");
}

}  // namespace
}  // namespace modchain::util
