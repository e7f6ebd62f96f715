#include "modchain/p2p/score.hpp"

#include <cmath>

namespace modchain::p2p {

int64_t offense_weight(Offense offense) noexcept {
  switch (offense) {
    case Offense::malformed_frame: return 5000;
    case Offense::oversized_frame: return 5000;
    case Offense::malformed_message: return 5000;
    case Offense::invalid_block: return 10000;
    case Offense::unknown_previous: return 2500;
    case Offense::stale_block: return 100;
    case Offense::invalid_transaction: return 100;
    case Offense::rate_limit: return 1000;
    case Offense::wrong_chain: return 200000;
    case Offense::incompatible_version: return 200000;
    case Offense::request_timeout: return 3500;
    case Offense::bad_response: return 5000;
  }
  return 5000;
}

const char* offense_name(Offense offense) noexcept {
  switch (offense) {
    case Offense::malformed_frame: return "malformed_frame";
    case Offense::oversized_frame: return "oversized_frame";
    case Offense::malformed_message: return "malformed_message";
    case Offense::invalid_block: return "invalid_block";
    case Offense::unknown_previous: return "unknown_previous";
    case Offense::stale_block: return "stale_block";
    case Offense::invalid_transaction: return "invalid_transaction";
    case Offense::rate_limit: return "rate_limit";
    case Offense::wrong_chain: return "wrong_chain";
    case Offense::incompatible_version: return "incompatible_version";
    case Offense::request_timeout: return "request_timeout";
    case Offense::bad_response: return "bad_response";
  }
  return "unknown";
}

void ScoreBoard::refresh(State& state, Clock::time_point now) const {
  if (now > state.updated) {
    const double elapsed = std::chrono::duration<double>(now - state.updated).count();
    const double half_life = std::chrono::duration<double>(m_options.half_life).count();
    state.score *= std::exp2(-elapsed / half_life);
    state.updated = now;
  }
  if (state.banned && state.score < m_options.unban_threshold) state.banned = false;
}

bool ScoreBoard::add(const std::string& key, Offense offense, Clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto [it, inserted] = m_states.try_emplace(key);
  if (inserted) it->second.updated = now;
  refresh(it->second, now);
  it->second.score += static_cast<double>(offense_weight(offense));
  if (it->second.score >= m_options.ban_threshold) it->second.banned = true;
  return it->second.banned;
}

double ScoreBoard::score(const std::string& key, Clock::time_point now) const {
  std::lock_guard lock(m_mutex);
  auto it = m_states.find(key);
  if (it == m_states.end()) return 0;
  refresh(it->second, now);
  return it->second.score;
}

bool ScoreBoard::is_banned(const std::string& key, Clock::time_point now) const {
  std::lock_guard lock(m_mutex);
  auto it = m_states.find(key);
  if (it == m_states.end()) return false;
  refresh(it->second, now);
  return it->second.banned;
}

std::vector<ScoreBoard::Entry> ScoreBoard::entries(Clock::time_point now) const {
  std::lock_guard lock(m_mutex);
  std::vector<Entry> result;
  for (auto it = m_states.begin(); it != m_states.end();) {
    refresh(it->second, now);
    if (it->second.score < 1 && !it->second.banned) {
      it = m_states.erase(it);  // forgotten once harmless, so the map stays small
      continue;
    }
    result.push_back({it->first, it->second.score, it->second.banned});
    ++it;
  }
  return result;
}

}  // namespace modchain::p2p
