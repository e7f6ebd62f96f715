// Fuzz target: parse_database_key never crashes; whatever it accepts re-serializes canonically and parses
// back to the same value; the canonical form is a fixed point.

#include <cstdint>
#include <cstdlib>

#include "modchain/state_db/database_key.hpp"

using namespace modchain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto parsed = state_db::parse_database_key(util::ByteView(data, size));
  if (!parsed) return 0;
  util::Bytes canonical = state_db::serialize_database_key(parsed->space, parsed->key);
  auto again = state_db::parse_database_key(canonical);
  if (!again || !(*again == *parsed)) std::abort();
  if (state_db::serialize_database_key(again->space, again->key) != canonical) std::abort();
  util::Bytes prefix = state_db::space_prefix(parsed->space);
  if (canonical.size() < prefix.size() || !std::equal(prefix.begin(), prefix.end(), canonical.begin())) std::abort();
  return 0;
}
