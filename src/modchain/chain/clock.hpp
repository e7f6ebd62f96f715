#pragma once
/// Wall-clock time for the services, injected so that tests are deterministic (the kernel takes the time
/// as an argument; the services above it ask a Clock).

#include <atomic>
#include <cstdint>

namespace modchain::chain {

/// A source of the current time in milliseconds since the Unix epoch.
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current time, ms since the epoch.
  virtual uint64_t now_ms() const = 0;
};

/// The system clock (std::chrono::system_clock).
class SystemClock final : public Clock {
 public:
  /// The system time in ms since the epoch.
  uint64_t now_ms() const override;
};

/// A clock that only moves when told to (tests). Thread-safe.
class ManualClock final : public Clock {
 public:
  /// Starts at `start_ms`.
  explicit ManualClock(uint64_t start_ms) : m_now(start_ms) {}
  /// The set time.
  uint64_t now_ms() const override { return m_now.load(); }
  /// Moves the time forward by `delta_ms`.
  void advance(uint64_t delta_ms) { m_now += delta_ms; }
  /// Sets the time.
  void set(uint64_t now_ms) { m_now = now_ms; }

 private:
  std::atomic<uint64_t> m_now;
};

}  // namespace modchain::chain
