#pragma once
/// Always-on assertion: checked in every build type, including release. A failed assertion means a bug
/// in modchain (never bad input), so it prints where and why and aborts instead of corrupting state.

namespace modchain::util {

/// Prints the failed condition with its location and aborts. Never returns.
[[noreturn]] void assertion_failed(const char* condition, const char* message, const char* file, int line) noexcept;

}  // namespace modchain::util

#define MODCHAIN_ASSERT(condition, message)                                                   \
  do {                                                                                        \
    if (!(condition)) [[unlikely]]                                                            \
      ::modchain::util::assertion_failed(#condition, (message), __FILE__, __LINE__);          \
  } while (false)
