// Fuzz target over the p2p frame decoder and the message layer: arbitrary bytes, fed in chunks of a
// fuzzer-chosen size, must never crash, never buffer more than one frame, and every payload that decodes
// must re-encode to a frame that decodes to the same message. Blocks and transactions inside gossip and
// sync messages are parsed the way the service parses them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "modchain/p2p/frame.hpp"
#include "modchain/p2p/wire.hpp"
#include "modchain/protocol/serialization.hpp"

namespace {

constexpr size_t k_max_payload = 64 * 1024;

void check(bool condition) {
  if (!condition) std::abort();
}

void exercise(const modchain::p2p::wire::envelope& message) {
  using namespace modchain;
  switch (message.body_case()) {
    case p2p::wire::envelope::kHello: (void)p2p::from_wire(message.hello().head()); break;
    case p2p::wire::envelope::kStatus: (void)p2p::from_wire(message.status().head()); break;
    case p2p::wire::envelope::kGossipBlock:
      (void)protocol::parse<koinos::protocol::block>(util::as_bytes(message.gossip_block().block()));
      break;
    case p2p::wire::envelope::kGossipTransaction:
      (void)protocol::parse<koinos::protocol::transaction>(util::as_bytes(message.gossip_transaction().transaction()));
      break;
    case p2p::wire::envelope::kBlockBatch:
      for (const auto& block : message.block_batch().blocks()) {
        (void)protocol::parse<koinos::protocol::block>(util::as_bytes(block));
      }
      break;
    default: break;
  }
  // Round trip: what we accept we can send again, and it decodes to the same message.
  auto frame = p2p::encode_message(message, 4 * k_max_payload);
  check(frame.ok());
  p2p::FrameDecoder decoder(4 * k_max_payload);
  check(decoder.feed(*frame).ok());
  auto payload = decoder.next();
  check(payload.has_value() && decoder.pending_bytes() == 0);
  auto again = p2p::decode_message(*payload);
  check(again.ok() && again->SerializeAsString() == message.SerializeAsString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace modchain;
  if (size == 0) return 0;
  const size_t chunk = (data[0] % 64) + 1;
  ++data;
  --size;
  p2p::FrameDecoder decoder(k_max_payload);
  for (size_t offset = 0; offset < size && !decoder.failed(); offset += chunk) {
    const size_t n = std::min(chunk, size - offset);
    (void)decoder.feed(util::ByteView(data + offset, n));
    while (auto payload = decoder.next()) {
      check(payload->size() <= k_max_payload);
      auto message = p2p::decode_message(*payload);
      if (message.ok()) exercise(*message);
    }
    check(decoder.pending_bytes() <= p2p::k_frame_header_size + k_max_payload + chunk);
  }
  return 0;
}
