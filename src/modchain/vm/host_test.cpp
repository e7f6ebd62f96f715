#include "modchain/vm/host.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace modchain::vm {
namespace {

TEST(MemoryView, AcceptsRangesInsideMemoryIncludingEmptyRangeAtTheEnd) {
  std::vector<uint8_t> memory(16, 0);
  MemoryView view(memory.data(), memory.size());
  ASSERT_TRUE(view.read(0, 16).ok());
  ASSERT_TRUE(view.read(16, 0).ok());
  EXPECT_EQ(view.read(16, 0).value().size(), 0u);
  ASSERT_TRUE(view.write_u32(12, 0x04030201).ok());
  EXPECT_EQ(memory[12], 1);
  EXPECT_EQ(memory[15], 4);
  EXPECT_EQ(view.read_u32(12).value(), 0x04030201u);
}

TEST(MemoryView, RejectsOutOfBoundsAndWrappingRanges) {
  std::vector<uint8_t> memory(16, 0);
  MemoryView view(memory.data(), memory.size());
  auto past_end = view.read(17, 0);
  ASSERT_FALSE(past_end.ok());
  EXPECT_EQ(past_end.error().code, util::ErrorCode::reversion);
  EXPECT_EQ(past_end.error().message, "host call memory range [17, +0) is outside memory of 16 bytes");
  auto wrapping = view.read(0xffffffffu, 2);
  ASSERT_FALSE(wrapping.ok());
  EXPECT_EQ(wrapping.error().message, "host call memory range [4294967295, +2) is outside memory of 16 bytes");
  EXPECT_FALSE(view.write_u32(13, 1).ok());
  EXPECT_FALSE(MemoryView().read(0, 1).ok());
  EXPECT_TRUE(MemoryView().read(0, 0).ok());
}

TEST(WriteHostResult, WritesResultAndLength) {
  std::vector<uint8_t> memory(32, 0);
  MemoryView view(memory.data(), memory.size());
  HostCall call{HostFunction::invoke_system_call, 1, 8, 8, 0, 0, 0};
  const std::vector<uint8_t> result = {0xaa, 0xbb, 0xcc};
  ASSERT_TRUE(write_host_result(view, call, result).ok());
  EXPECT_EQ(memory[0], 3);
  EXPECT_EQ(memory[8], 0xaa);
  EXPECT_EQ(memory[10], 0xcc);
}

TEST(WriteHostResult, TooSmallBufferIsInsufficientReturnBufferWithZeroBytesWritten) {
  std::vector<uint8_t> memory(32, 0xff);
  MemoryView view(memory.data(), memory.size());
  HostCall call{HostFunction::invoke_system_call, 1, 8, 2, 0, 0, 0};
  const std::vector<uint8_t> result = {1, 2, 3};
  auto status = write_host_result(view, call, result);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::insufficient_return_buffer);
  EXPECT_EQ(memory[0], 0);
  EXPECT_EQ(memory[8], 0xff);
}

TEST(WriteHostResult, BadPointersFailBeforeAnythingIsWritten) {
  std::vector<uint8_t> memory(32, 0xff);
  MemoryView view(memory.data(), memory.size());
  HostCall bad_ret{HostFunction::invoke_system_call, 1, 30, 8, 0, 0, 0};
  auto status = write_host_result(view, bad_ret, std::vector<uint8_t>{1});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::reversion);
  EXPECT_EQ(memory[0], 0xff);
  HostCall bad_written{HostFunction::invoke_system_call, 1, 0, 8, 0, 0, 29};
  EXPECT_FALSE(write_host_result(view, bad_written, std::vector<uint8_t>{1}).ok());
}

}  // namespace
}  // namespace modchain::vm
