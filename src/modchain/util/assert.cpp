#include "modchain/util/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace modchain::util {

void assertion_failed(const char* condition, const char* message, const char* file, int line) noexcept {
  std::fprintf(stderr, "modchain: assertion failed: %s (%s) at %s:%d\n", condition, message, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace modchain::util
