#pragma once
/// Frame codec of the modchain p2p wire (docs/p2p.md "Frames").
///
/// A frame is `[u32 big-endian length][u8 wire version][payload]`, where length = 1 + payload size and
/// the payload is one serialized `modchain.p2p.wire.envelope`. The decoder is incremental (bytes arrive
/// in arbitrary pieces from TCP) and strict: a length of 0, a length above the limit or a wrong version is
/// an error that ends the connection. It never buffers more than one frame.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::p2p {

/// The wire version written in every frame; a frame with another version is rejected.
inline constexpr uint8_t k_wire_version = 1;

/// Bytes before the payload: 4 length bytes and the version byte.
inline constexpr size_t k_frame_header_size = 5;

/// Default upper bound of a frame's payload (4 MiB; sync responses are cut to fit).
inline constexpr size_t k_default_max_frame_payload = 4 * 1024 * 1024;

/// Builds a frame around `payload`. Errors: invalid_argument if payload exceeds `max_payload`.
util::Result<util::Bytes> encode_frame(util::ByteView payload, size_t max_payload = k_default_max_frame_payload);

/// Incremental frame decoder for one connection.
class FrameDecoder {
 public:
  /// `max_payload` bounds the payload size the peer may announce.
  explicit FrameDecoder(size_t max_payload = k_default_max_frame_payload) : m_max_payload(max_payload) {}

  /// Appends received bytes. Errors (the decoder then stays failed): invalid_encoding for a zero length or
  /// a wrong version, network_bandwidth_limit_exceeded for an announced length above the limit.
  util::Status feed(util::ByteView bytes);

  /// Removes and returns the next complete payload, if any.
  std::optional<util::Bytes> next();

  /// True once a bad header was seen (by feed() or, for a following frame, by next()).
  bool failed() const noexcept { return m_failed; }

  /// What was wrong when failed().
  const util::Error& error() const noexcept { return m_error; }

  /// Bytes of an incomplete frame held (0 between frames): > 0 at end of stream means a truncated frame.
  size_t pending_bytes() const noexcept { return m_buffer.size() - m_read; }

 private:
  util::Status check_header();

  util::Bytes m_buffer;
  size_t m_read = 0;  ///< consumed prefix of m_buffer
  size_t m_max_payload;
  bool m_failed = false;
  util::Error m_error;
};

}  // namespace modchain::p2p
