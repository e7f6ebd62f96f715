#include "modchain/p2p/score.hpp"

#include <gtest/gtest.h>

namespace modchain::p2p {
namespace {

using namespace std::chrono_literals;

TEST(ScoreTest, WeightsFollowTheKoinosTable) {
  EXPECT_EQ(offense_weight(Offense::wrong_chain), 200000);
  EXPECT_EQ(offense_weight(Offense::invalid_block), 10000);
  EXPECT_EQ(offense_weight(Offense::malformed_frame), 5000);
  EXPECT_EQ(offense_weight(Offense::request_timeout), 3500);
  EXPECT_EQ(offense_weight(Offense::invalid_transaction), 100);
  EXPECT_STREQ(offense_name(Offense::oversized_frame), "oversized_frame");
}

TEST(ScoreTest, WrongChainBansAtOnce) {
  ScoreBoard board;
  const auto now = ScoreBoard::Clock::now();
  EXPECT_TRUE(board.add("10.0.0.1", Offense::wrong_chain, now));
  EXPECT_TRUE(board.is_banned("10.0.0.1", now));
  EXPECT_FALSE(board.is_banned("10.0.0.2", now));
}

TEST(ScoreTest, ScoresAccumulateToABan) {
  ScoreBoard board;
  const auto now = ScoreBoard::Clock::now();
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(board.add("peer", Offense::invalid_block, now));
  EXPECT_DOUBLE_EQ(board.score("peer", now), 90000);
  EXPECT_TRUE(board.add("peer", Offense::invalid_block, now));
}

TEST(ScoreTest, ScoresDecayWithTheHalfLifeAndBansExpire) {
  ScoreBoard board(ScoreOptions{100000, 50000, std::chrono::seconds(60)});
  const auto t0 = ScoreBoard::Clock::now();
  ASSERT_TRUE(board.add("peer", Offense::wrong_chain, t0));                 // 200000
  EXPECT_NEAR(board.score("peer", t0 + 60s), 100000, 1e-6);                // one half-life
  EXPECT_TRUE(board.is_banned("peer", t0 + 60s));                            // still >= 50000
  EXPECT_TRUE(board.is_banned("peer", t0 + 119s));                           // 50000 * 2^(1/60) > 50000
  EXPECT_FALSE(board.is_banned("peer", t0 + 121s));                          // below 50000: ban over
  EXPECT_FALSE(board.add("peer", Offense::malformed_frame, t0 + 121s));      // ~54.6k: not banned again
}

TEST(ScoreTest, EntriesListScoresAndForgetHarmlessKeys) {
  ScoreBoard board(ScoreOptions{100000, 50000, std::chrono::seconds(1)});
  const auto t0 = ScoreBoard::Clock::now();
  board.add("a", Offense::stale_block, t0);
  board.add("b", Offense::wrong_chain, t0);
  auto entries = board.entries(t0);
  ASSERT_EQ(entries.size(), 2u);
  entries = board.entries(t0 + 1h);  // everything decayed to ~0
  EXPECT_TRUE(entries.empty());
}

}  // namespace
}  // namespace modchain::p2p
