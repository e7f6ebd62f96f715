#include "modchain/p2p/limits.hpp"

#include <gtest/gtest.h>

namespace modchain::p2p {
namespace {

using namespace std::chrono_literals;

TEST(SeenCacheTest, DeduplicatesAndForgetsOldestFirst) {
  SeenCache cache(2);
  EXPECT_TRUE(cache.insert("a"));
  EXPECT_FALSE(cache.insert("a"));
  EXPECT_TRUE(cache.insert("b"));
  EXPECT_TRUE(cache.insert("c"));  // evicts a
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.contains("a"));
  EXPECT_TRUE(cache.contains("b"));
  EXPECT_TRUE(cache.insert("a"));
}

TEST(TokenBucketTest, BurstThenRate) {
  const auto t0 = TokenBucket::Clock::now();
  TokenBucket bucket(10, 3, t0);  // 10 per second, burst 3
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_TRUE(bucket.take(t0));
  EXPECT_FALSE(bucket.take(t0));
  EXPECT_FALSE(bucket.take(t0 + 50ms));  // half a token
  EXPECT_TRUE(bucket.take(t0 + 100ms));  // one token refilled
  EXPECT_FALSE(bucket.take(t0 + 100ms));
  EXPECT_TRUE(bucket.take(t0 + 10s));    // refill is capped at the burst
  EXPECT_TRUE(bucket.take(t0 + 10s));
  EXPECT_TRUE(bucket.take(t0 + 10s));
  EXPECT_FALSE(bucket.take(t0 + 10s));
}

}  // namespace
}  // namespace modchain::p2p
