#pragma once
// Shared checks of the protocol fuzz targets: canonical fixed point, ids, JSON round trip.
// A violated property aborts through MODCHAIN_ASSERT, which libFuzzer reports as a crash.

#include <google/protobuf/stubs/logging.h>

#include "modchain/protocol/json.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/assert.hpp"

namespace modchain::fuzz {

/// Silences protobuf's ERROR log lines (e.g. invalid UTF-8 while parsing): expected on fuzz input.
inline const bool k_quiet_protobuf = [] {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}();

/// message → JSON → message must give the same message, minus unknown protobuf fields (not in JSON).
template <class M>
void check_json_round_trip(const M& message) {
  auto text = protocol::to_json(message);
  MODCHAIN_ASSERT(text.ok(), "to_json failed on a parsed message");
  M decoded;
  auto status = protocol::from_json_into(*text, decoded);
  MODCHAIN_ASSERT(status.ok(), "from_json rejected to_json output");
  M known = message;
  known.DiscardUnknownFields();
  MODCHAIN_ASSERT(protocol::serialize(decoded) == protocol::serialize(known), "JSON round trip changed the message");
  auto again = protocol::to_json(decoded);
  MODCHAIN_ASSERT(again.ok() && *again == *text, "JSON encoding is not a fixed point");
}

/// bytes → parse → serialize → parse → serialize must be a fixed point. Returns false if `bytes` is not
/// a valid encoding of M (then nothing else is checked).
template <class M>
bool check_binary_round_trip(util::ByteView bytes, M& out) {
  if (!protocol::parse_into(bytes, out).ok()) return false;
  const auto first = protocol::serialize(out);
  MODCHAIN_ASSERT(first.size() == protocol::serialized_size(out), "serialized_size disagrees with serialize");
  M again;
  MODCHAIN_ASSERT(protocol::parse_into(first, again).ok(), "canonical bytes do not parse");
  MODCHAIN_ASSERT(protocol::serialize(again) == first, "canonical serialization is not a fixed point");
  return true;
}

}  // namespace modchain::fuzz
