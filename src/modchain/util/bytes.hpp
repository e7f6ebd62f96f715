#pragma once
/// Byte containers used across modchain.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace modchain::util {

/// An owned byte string.
using Bytes = std::vector<uint8_t>;

/// A read-only view of bytes owned elsewhere.
using ByteView = std::span<const uint8_t>;

/// Views the characters of a std::string (protobuf's bytes type) as bytes.
inline ByteView as_bytes(std::string_view text) noexcept {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

/// Copies bytes into a std::string, the container protobuf uses for `bytes` fields.
inline std::string to_string(ByteView bytes) { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }

/// Copies a view into an owned byte string.
inline Bytes to_bytes(ByteView bytes) { return {bytes.begin(), bytes.end()}; }

/// Copies the characters of a string into an owned byte string.
inline Bytes to_bytes(std::string_view text) { return to_bytes(as_bytes(text)); }

}  // namespace modchain::util
