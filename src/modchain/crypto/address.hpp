#pragma once
/// Koinos addresses (= account ids = contract ids), koinos-protocol.md §4.2: 25 bytes
/// `0x00 || ripemd160(sha256(compressed_pubkey33)) || first4(sha256d(those 21 bytes))`, shown in base58.
/// The chain itself never validates addresses (it compares bytes); validation here is for user input.

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::crypto {

/// A 25-byte Koinos address.
struct Address {
  static constexpr size_t k_size = 25;  ///< bytes on the wire
  static constexpr uint8_t k_version = 0x00;  ///< the version byte of every Koinos address

  std::array<uint8_t, k_size> bytes{};  ///< the raw bytes used on the wire

  /// The address of a 33-byte compressed public key (the key is not checked to be on the curve).
  static Address from_public_key(std::span<const uint8_t, 33> compressed_public_key);

  /// Wraps 25 raw bytes; `invalid_argument` if the size differs. Version and checksum are not checked
  /// (wire data is opaque to the chain); see has_valid_checksum().
  static util::Result<Address> from_bytes(util::ByteView raw);

  /// Parses the base58 form strictly: valid base58, exactly 25 bytes, version 0x00, correct checksum
  /// (`invalid_encoding` otherwise, with a message naming the problem).
  static util::Result<Address> from_base58(std::string_view text);

  /// The base58 form, e.g. "1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC".
  std::string to_base58() const;

  /// True iff the last 4 bytes are the checksum of the first 21.
  bool has_valid_checksum() const;

  /// The raw bytes as a view.
  util::ByteView view() const { return bytes; }

  /// Byte-wise equality and ordering (what the chain does with addresses).
  friend bool operator==(const Address&, const Address&) = default;
  friend auto operator<=>(const Address&, const Address&) = default;
};

}  // namespace modchain::crypto
