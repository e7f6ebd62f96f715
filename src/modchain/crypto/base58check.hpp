#pragma once
/// Base58Check (Bitcoin style): base58(payload || first4(sha256(sha256(payload)))). Used for Koinos
/// addresses (koinos-protocol.md §4.2) and WIF private keys (§4.1).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "modchain/crypto/hash.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::crypto {

/// sha256(sha256(data)), Bitcoin's double hash.
Digest256 sha256d(util::ByteView data);

/// The 4-byte Base58Check checksum of `payload`: the first 4 bytes of sha256d(payload).
std::array<uint8_t, 4> base58check_checksum(util::ByteView payload);

/// base58(payload || checksum).
std::string base58check_encode(util::ByteView payload);

/// Decodes Base58Check text and returns the payload without the checksum. Errors (all `invalid_encoding`):
/// a character outside the Bitcoin alphabet, fewer than 4 decoded bytes, a checksum mismatch (the message
/// gives expected and actual checksums in hex).
util::Result<util::Bytes> base58check_decode(std::string_view text);

}  // namespace modchain::crypto
