// fuzz_base58: text codecs must round-trip and reject bad input without crashing.
// Invariants: encode(decode(text)) == text for base58 (a bijection); decode(encode(bytes)) == bytes for
// base58/hex/base64 (both alphabets); base58check decode → encode gives back the text; address and WIF
// parsers never crash and accept only what round-trips.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "modchain/crypto/address.hpp"
#include "modchain/crypto/base58check.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/encoding.hpp"

namespace {

using namespace modchain;

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

void text_invariants(std::string_view text) {
  if (auto bytes = util::from_base58(text); bytes.ok()) {
    check(util::to_base58(bytes.value()) == text, "base58: encode(decode(text)) != text");
  } else {
    check(bytes.error().code == util::ErrorCode::invalid_encoding, "base58: unexpected error code");
  }
  if (auto payload = crypto::base58check_decode(text); payload.ok()) {
    check(crypto::base58check_encode(payload.value()) == text, "base58check: encode(decode(text)) != text");
  }
  if (auto address = crypto::Address::from_base58(text); address.ok()) {
    check(address->to_base58() == text && address->has_valid_checksum(), "address: parse/print mismatch");
  }
  if (auto key = crypto::PrivateKey::from_wif(text); key.ok()) {
    // Compressed WIF round-trips exactly; the legacy uncompressed form re-encodes compressed.
    auto again = crypto::PrivateKey::from_wif(key->to_wif());
    check(again.ok() && again.value() == key.value(), "wif: parse(print(key)) != key");
    check(text.size() != 52 || key->to_wif() == text, "wif: compressed form does not round-trip");
  }
  if (auto bytes = util::from_hex(text); bytes.ok()) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    check(util::to_hex(bytes.value()) == lower, "hex: encode(decode(text)) != lowercase(text)");
  }
  for (auto alphabet : {util::Base64Alphabet::standard, util::Base64Alphabet::url}) {
    if (auto bytes = util::from_base64(text, alphabet); bytes.ok()) {
      const std::string canonical = util::to_base64(bytes.value(), alphabet);
      auto again = util::from_base64(canonical, alphabet);
      check(again.ok() && again.value() == bytes.value(), "base64: decode(encode(decode(text))) differs");
      // Accepted text is the canonical form, possibly without its padding.
      check(canonical.substr(0, text.size()) == text, "base64: accepted text is not a prefix of the canonical form");
    }
  }
}

void byte_invariants(util::ByteView data) {
  auto b58 = util::from_base58(util::to_base58(data));
  check(b58.ok() && b58.value() == util::to_bytes(data), "base58: decode(encode(bytes)) != bytes");
  auto b58c = crypto::base58check_decode(crypto::base58check_encode(data));
  check(b58c.ok() && b58c.value() == util::to_bytes(data), "base58check: decode(encode(bytes)) != bytes");
  auto hex = util::from_hex(util::to_hex(data));
  check(hex.ok() && hex.value() == util::to_bytes(data), "hex: decode(encode(bytes)) != bytes");
  for (auto alphabet : {util::Base64Alphabet::standard, util::Base64Alphabet::url}) {
    auto b64 = util::from_base64(util::to_base64(data, alphabet), alphabet);
    check(b64.ok() && b64.value() == util::to_bytes(data), "base64: decode(encode(bytes)) != bytes");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 512) return 0;  // base58 is quadratic; longer inputs add time, not coverage
  const util::ByteView bytes(data, size);
  text_invariants(std::string_view(reinterpret_cast<const char*>(data), size));
  byte_invariants(bytes);
  return 0;
}
