#pragma once
/// Misbehaviour scores with bans (docs/p2p.md "Scoring"). Weights follow koinos-p2p's error scores; a
/// score decays exponentially (half-life 30 min by default); a key is banned once its score reaches the
/// ban threshold and stays banned until it decays below the unban threshold, so bans expire by themselves.
///
/// The key is the remote IP address, or ip:port for loopback peers (several nodes on one machine must not
/// ban each other for one bad neighbour). Thread-safe: the I/O thread writes, tests and stats read.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace modchain::p2p {

/// Kinds of misbehaviour a peer is scored for.
enum class Offense {
  malformed_frame,       ///< bad frame header, truncated or unparsable envelope
  oversized_frame,       ///< announced frame above the limit
  malformed_message,     ///< a well-formed envelope with invalid content (bad block bytes, message out of order)
  invalid_block,         ///< the block sink rejected a block with a validity failure
  unknown_previous,      ///< a gossiped block whose parent we do not have (may be innocent)
  stale_block,           ///< a block below our last irreversible block
  invalid_transaction,   ///< the transaction sink rejected a transaction with a failure
  rate_limit,            ///< more messages than the per-peer rate allows
  wrong_chain,           ///< another chain id
  incompatible_version,  ///< unsupported protocol version
  request_timeout,       ///< no answer to a sync request in time
  bad_response,          ///< an unsolicited or inconsistent sync response
};

/// Score added for one offense.
int64_t offense_weight(Offense offense) noexcept;

/// The offense's name for logs ("wrong_chain").
const char* offense_name(Offense offense) noexcept;

/// Thresholds and decay of the score board.
struct ScoreOptions {
  double ban_threshold = 100000;            ///< banned at or above
  double unban_threshold = 50000;           ///< a ban ends below this
  std::chrono::seconds half_life{30 * 60};  ///< exponential decay
};

/// Per-key decaying scores.
class ScoreBoard {
 public:
  using Clock = std::chrono::steady_clock;

  /// One key's state, for stats and tests.
  struct Entry {
    std::string key;
    double score = 0;
    bool banned = false;
  };

  /// A board with the given thresholds.
  explicit ScoreBoard(ScoreOptions options = {}) : m_options(options) {}

  /// Adds the offense's weight to `key`; returns true if the key is banned afterwards.
  bool add(const std::string& key, Offense offense, Clock::time_point now);

  /// The decayed score of `key` (0 if unknown).
  double score(const std::string& key, Clock::time_point now) const;

  /// True while `key` is banned.
  bool is_banned(const std::string& key, Clock::time_point now) const;

  /// Every key with a score, decayed to `now`.
  std::vector<Entry> entries(Clock::time_point now) const;

 private:
  struct State {
    double score = 0;
    Clock::time_point updated;
    bool banned = false;
  };
  /// Decays `state` to `now` and clears the ban once below the unban threshold.
  void refresh(State& state, Clock::time_point now) const;

  ScoreOptions m_options;
  mutable std::mutex m_mutex;
  mutable std::unordered_map<std::string, State> m_states;
};

}  // namespace modchain::p2p
