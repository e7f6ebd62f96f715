// fuzz_json_codec: arbitrary text decoded as JSON into a transaction, a block or a value_type (the last
// reaches google.protobuf.Any and recursive list_type). Decoding must give a value or a clean
// invalid_encoding error, never crash; decoded values must round-trip through JSON and protobuf.
// The first input byte selects the type, the rest is the JSON text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "protocol_roundtrip.hpp"

namespace {

template <class M>
void decode_and_check(std::string_view text) {
  using namespace modchain;
  M message;
  auto status = protocol::from_json_into(text, message);
  if (!status.ok()) {
    MODCHAIN_ASSERT(status.error().code == util::ErrorCode::invalid_encoding, "JSON error with a wrong code");
    MODCHAIN_ASSERT(!status.error().message.empty(), "JSON error without a message");
    return;
  }
  M reparsed;
  MODCHAIN_ASSERT(fuzz::check_binary_round_trip(protocol::serialize(message), reparsed),
                  "decoded value does not parse");
  fuzz::check_json_round_trip(message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0:
      decode_and_check<koinos::protocol::transaction>(text);
      break;
    case 1:
      decode_and_check<koinos::protocol::block>(text);
      break;
    default:
      decode_and_check<koinos::chain::value_type>(text);
      break;
  }
  return 0;
}
