// fuzz_signature: signature recovery, public key and multihash parsing over arbitrary bytes.
// Layout: bytes 0..64 signature, 65..96 digest, the rest a multihash candidate (the whole input is also
// tried as a multihash and as a public key). Invariants: recovery returns a key or an error with one of the
// documented codes; a recovered key verifies and re-parses; parsed multihashes and keys round-trip;
// the fast and general merkle paths agree.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/crypto/secp256k1.hpp"

namespace {

using namespace modchain;

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

bool documented_code(util::ErrorCode code) {
  return code == util::ErrorCode::invalid_signature || code == util::ErrorCode::reversion;
}

void recovery(util::ByteView signature, const crypto::Digest256& digest) {
  auto key = crypto::recover_compact(signature, digest);
  if (!key.ok()) {
    check(documented_code(key.error().code), "recover: undocumented error code");
    return;
  }
  check(crypto::is_koinos_canonical(signature), "recover: accepted a non-canonical signature");
  check(signature[0] >= 31 && signature[0] <= 33, "recover: accepted a bad header byte");
  auto verified = crypto::verify_compact(key.value(), signature, digest);
  check(verified.ok() && verified.value(), "verify: recovered key does not verify");
  auto reparsed = crypto::PublicKey::from_bytes(key->serialize(false));
  check(reparsed.ok() && reparsed.value() == key.value(), "public key: uncompressed round trip");
}

void multihash_round_trip(util::ByteView bytes) {
  auto parsed = crypto::Multihash::from_bytes(bytes);
  if (!parsed.ok()) {
    check(parsed.error().code == util::ErrorCode::invalid_encoding, "multihash: unexpected error code");
    return;
  }
  auto again = crypto::Multihash::from_bytes(parsed->to_bytes());
  check(again.ok() && again.value() == parsed.value(), "multihash: parse(serialize(parse(x))) != parse(x)");
  check(parsed->to_bytes().size() <= bytes.size(), "multihash: serialization longer than the input");
  // Where varints stay below 2^28 the reference decoding agrees with the strict one.
  if (parsed->code < (1u << 28) && parsed->digest.size() < (1u << 20)) {
    auto lenient = crypto::Multihash::from_bytes_koinos_lenient(bytes);
    check(lenient.ok() && lenient.value() == parsed.value(), "multihash: lenient and strict parses differ");
  }
}

void lenient_multihash(util::ByteView bytes) {
  auto parsed = crypto::Multihash::from_bytes_koinos_lenient(bytes);
  if (!parsed.ok()) {
    check(parsed.error().code == util::ErrorCode::invalid_encoding, "lenient multihash: unexpected error code");
    return;
  }
  check(parsed->digest.size() <= crypto::Multihash::k_max_lenient_digest, "lenient multihash: digest too large");
}

void merkle_agreement(util::ByteView bytes) {
  // 32-byte leaves, plus a shorter last leaf if the input does not divide evenly.
  std::vector<crypto::Multihash> leaves;
  for (size_t i = 0; i < bytes.size(); i += 32) {
    const auto chunk = bytes.subspan(i, std::min<size_t>(32, bytes.size() - i));
    leaves.push_back({crypto::hash_code::sha2_256, util::to_bytes(chunk)});
  }
  const crypto::Multihash fast = crypto::merkle_root(leaves);
  auto general = crypto::merkle_root(crypto::hash_code::sha2_256, leaves);
  check(general.ok() && general.value() == fast, "merkle: fast and general paths differ");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const util::ByteView bytes(data, size);
  if (size >= 97) {
    crypto::Digest256 digest{};
    std::memcpy(digest.data(), data + 65, 32);
    recovery(bytes.first(65), digest);
    auto via_multihash = crypto::recover_compact_multihash(bytes.first(65), bytes.subspan(97));
    if (!via_multihash.ok()) check(documented_code(via_multihash.error().code), "recover mh: undocumented code");
    multihash_round_trip(bytes.subspan(97));
  } else {
    // Shorter inputs: the whole input is the signature (over a zero digest); only 65 bytes may recover.
    if (size == 65) {
      recovery(bytes, crypto::Digest256{});
    } else {
      auto key = crypto::recover_compact(bytes, crypto::Digest256{});
      check(!key.ok() && key.error().code == util::ErrorCode::invalid_signature, "recover: bad length accepted");
    }
  }
  multihash_round_trip(bytes);
  lenient_multihash(bytes);
  if (auto pub = crypto::PublicKey::from_bytes(bytes); pub.ok()) {
    auto again = crypto::PublicKey::from_bytes(pub->serialize(true));
    check(again.ok() && again.value() == pub.value(), "public key: compressed round trip");
  }
  merkle_agreement(bytes);
  return 0;
}
