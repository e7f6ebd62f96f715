#pragma once
/// Text encodings of bytes used by the Koinos protocol and APIs: hex, base58 (Bitcoin alphabet),
/// base64 (standard, for genesis files) and base64url with padding (Koinos JSON API).
/// Decoders are strict: any character outside the alphabet, bad padding or odd length is an
/// `invalid_encoding` error whose message names the offending position.

#include <string>
#include <string_view>

#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::util {

/// Lowercase hex, no prefix.
std::string to_hex(ByteView bytes);

/// Decodes hex (either case). An optional `0x` prefix is accepted only when `allow_0x_prefix` is true.
Result<Bytes> from_hex(std::string_view text, bool allow_0x_prefix = false);

/// Bitcoin-alphabet base58 (leading zero bytes become leading '1's).
std::string to_base58(ByteView bytes);

/// Decodes Bitcoin-alphabet base58.
Result<Bytes> from_base58(std::string_view text);

/// The two base64 alphabets the protocol uses.
enum class Base64Alphabet {
  standard,  ///< '+' and '/', with '=' padding (genesis JSON, protobuf JSON)
  url,       ///< '-' and '_', with '=' padding (Koinos JSON-RPC)
};

/// Encodes with '=' padding.
std::string to_base64(ByteView bytes, Base64Alphabet alphabet);

/// Decodes base64 in the given alphabet. Padding is optional on input (Koinos clients differ), but when
/// present it must be correct; characters of the other alphabet are rejected.
Result<Bytes> from_base64(std::string_view text, Base64Alphabet alphabet);

}  // namespace modchain::util
