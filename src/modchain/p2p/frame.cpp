#include "modchain/p2p/frame.hpp"

#include <string>

namespace modchain::p2p {

namespace {

uint32_t read_be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

}  // namespace

util::Result<util::Bytes> encode_frame(util::ByteView payload, size_t max_payload) {
  if (payload.size() > max_payload) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "p2p frame payload of " + std::to_string(payload.size()) + " bytes exceeds the limit of " +
                                std::to_string(max_payload));
  }
  const uint32_t length = static_cast<uint32_t>(payload.size() + 1);
  util::Bytes frame;
  frame.reserve(k_frame_header_size + payload.size());
  frame.push_back(static_cast<uint8_t>(length >> 24));
  frame.push_back(static_cast<uint8_t>(length >> 16));
  frame.push_back(static_cast<uint8_t>(length >> 8));
  frame.push_back(static_cast<uint8_t>(length));
  frame.push_back(k_wire_version);
  frame.insert(frame.end(), payload.begin(), payload.end());
  return frame;
}

util::Status FrameDecoder::feed(util::ByteView bytes) {
  if (m_failed) return m_error;
  // Compact before growing so the buffer never holds more than one partial frame plus this read.
  if (m_read > 0 && m_read == m_buffer.size()) {
    m_buffer.clear();
    m_read = 0;
  }
  m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
  auto status = check_header();
  if (!status.ok()) {
    m_failed = true;
    m_error = status.error();
  }
  return status;
}

util::Status FrameDecoder::check_header() {
  // Only the header of the next frame can be checked before next() consumes frames; next() re-checks.
  if (pending_bytes() < k_frame_header_size) return {};
  const uint8_t* header = m_buffer.data() + m_read;
  const uint32_t length = read_be32(header);
  if (length == 0) return util::make_error(util::ErrorCode::invalid_encoding, "p2p frame with length 0");
  if (length - 1 > m_max_payload) {
    return util::make_error(util::ErrorCode::network_bandwidth_limit_exceeded,
                            "p2p frame payload of " + std::to_string(length - 1) + " bytes exceeds the limit of " +
                                std::to_string(m_max_payload));
  }
  if (header[4] != k_wire_version) {
    return util::make_error(util::ErrorCode::invalid_encoding,
                            "p2p frame wire version " + std::to_string(header[4]) + ", expected " +
                                std::to_string(k_wire_version));
  }
  return {};
}

std::optional<util::Bytes> FrameDecoder::next() {
  if (m_failed || pending_bytes() < k_frame_header_size) return std::nullopt;
  const uint8_t* header = m_buffer.data() + m_read;
  const size_t payload_size = read_be32(header) - 1;
  if (pending_bytes() < k_frame_header_size + payload_size) return std::nullopt;
  const auto begin = m_buffer.begin() + static_cast<std::ptrdiff_t>(m_read + k_frame_header_size);
  util::Bytes payload(begin, begin + static_cast<std::ptrdiff_t>(payload_size));
  m_read += k_frame_header_size + payload_size;
  if (m_read == m_buffer.size()) {
    m_buffer.clear();
    m_read = 0;
  } else if (auto status = check_header(); !status.ok()) {
    m_failed = true;  // the following frame's header is bad: the caller sees failed() after this frame
    m_error = status.error();
  }
  return payload;
}

}  // namespace modchain::p2p
