#include "modchain/chain/clock.hpp"

#include <chrono>

namespace modchain::chain {

uint64_t SystemClock::now_ms() const {
  using namespace std::chrono;
  return static_cast<uint64_t>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace modchain::chain
