#pragma once
/// Wire messages (proto/p2p/p2p.proto) on top of frames: encoding, decoding with structural checks, and
/// conversions. Structural checks bound every field a peer controls so later code can trust sizes.

#include <cstdint>
#include <string>

#include "modchain/p2p/frame.hpp"
#include "modchain/p2p/interfaces.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"
#include "p2p/p2p.pb.h"

namespace modchain::p2p {

/// The protocol version this build speaks (hello.protocol_version).
inline constexpr uint32_t k_protocol_version = 1;
/// The oldest protocol version this build accepts from a peer.
inline constexpr uint32_t k_min_protocol_version = 1;
/// Largest number of blocks in one sync response (and in one request).
inline constexpr uint32_t k_max_blocks_per_message = 1000;
/// Largest id / chain id / node id a peer may send (a sha2-512 multihash is 66 bytes).
inline constexpr size_t k_max_id_size = 128;

/// Why a connection was closed on purpose (disconnect.reason).
enum class DisconnectReason : uint32_t {
  shutdown = 1,
  wrong_chain = 2,
  incompatible_version = 3,
  banned = 4,
  misbehaviour = 5,
  duplicate_connection = 6,
  self_connection = 7,
  too_many_peers = 8,
  handshake_timeout = 9,
};

/// The reason's name for logs ("wrong_chain").
const char* disconnect_reason_name(DisconnectReason reason) noexcept;

/// Serializes `message` into a frame. Errors: invalid_argument if it exceeds `max_payload`.
util::Result<util::Bytes> encode_message(const wire::envelope& message,
                                         size_t max_payload = k_default_max_frame_payload);

/// Parses a frame payload and checks its structure (a body is set, ids and lists within bounds, a sync
/// request asks for 1..k_max_blocks_per_message blocks). Errors: invalid_encoding naming the problem.
util::Result<wire::envelope> decode_message(util::ByteView payload);

/// Converts a chain topology to its wire form.
wire::topology to_wire(const Topology& topology);

/// Converts a wire topology (already bounds-checked by decode_message).
Topology from_wire(const wire::topology& topology);

/// Name of the envelope's body ("hello"), for logs.
std::string message_name(const wire::envelope& message);

}  // namespace modchain::p2p
