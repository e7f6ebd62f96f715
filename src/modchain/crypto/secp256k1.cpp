#include "modchain/crypto/secp256k1.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>

#include "modchain/crypto/base58check.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/crypto/secp256k1_context.hpp"
#include "modchain/util/assert.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::crypto {
namespace {

// The layer's shared context (secp256k1_context.cpp).
const secp256k1_context* context() { return detail::secp256k1_context(); }

// n/2 as the in-memory (little-endian) bytes of a boost uint256_t, which the reference memcmp's against.
constexpr std::array<uint8_t, 32> k_half_n_le_image = {
    0xA0, 0x20, 0x1B, 0x68, 0x46, 0x2F, 0xE9, 0xDF, 0x1D, 0x50, 0xA4, 0x57, 0x73, 0x6E, 0x57, 0x5D,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F};

constexpr uint8_t k_header_base = 31;  // compact header = 31 + recid ("compressed" Bitcoin header)
constexpr uint8_t k_wif_prefix = 0x80;
constexpr uint8_t k_wif_compressed_flag = 0x01;

std::array<uint8_t, 33> serialize_compressed(const secp256k1_pubkey& key) {
  std::array<uint8_t, 33> out{};
  size_t length = out.size();
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_serialize(context(), out.data(), &length, &key, SECP256K1_EC_COMPRESSED) == 1 &&
                      length == out.size(),
                  "secp256k1_ec_pubkey_serialize failed");
  return out;
}

util::Error recovery_error(std::string message) {
  // Code 1: the reference's generic (untyped) crypto exception, see secp256k1.hpp.
  return util::make_error(util::ErrorCode::reversion, std::move(message));
}

}  // namespace

// ---- PublicKey ----

util::Result<PublicKey> PublicKey::from_bytes(util::ByteView bytes) {
  const bool compressed_form = bytes.size() == k_compressed_size && (bytes[0] == 0x02 || bytes[0] == 0x03);
  const bool uncompressed_form = bytes.size() == k_uncompressed_size && bytes[0] == 0x04;
  if (!compressed_form && !uncompressed_form) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "public key must be 33 bytes starting 02/03 or 65 bytes starting 04, got " +
                                std::to_string(bytes.size()) + " bytes" +
                                (bytes.empty() ? "" : " starting " + util::to_hex(bytes.first(1))));
  }
  secp256k1_pubkey key;
  if (secp256k1_ec_pubkey_parse(context(), &key, bytes.data(), bytes.size()) != 1) {
    return util::make_error(util::ErrorCode::invalid_argument, "public key is not a point on secp256k1");
  }
  return PublicKey(serialize_compressed(key));
}

std::array<uint8_t, 65> PublicKey::uncompressed() const {
  secp256k1_pubkey key;
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_parse(context(), &key, m_compressed.data(), m_compressed.size()) == 1,
                  "PublicKey holds an invalid point");
  std::array<uint8_t, 65> out{};
  size_t length = out.size();
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_serialize(context(), out.data(), &length, &key, SECP256K1_EC_UNCOMPRESSED) == 1,
                  "secp256k1_ec_pubkey_serialize failed");
  return out;
}

util::Bytes PublicKey::serialize(bool compressed) const {
  if (compressed) return {m_compressed.begin(), m_compressed.end()};
  const auto full = uncompressed();
  return {full.begin(), full.end()};
}

// ---- PrivateKey ----

PrivateKey::~PrivateKey() { OPENSSL_cleanse(m_secret.data(), m_secret.size()); }

util::Result<PrivateKey> PrivateKey::from_bytes(util::ByteView secret) {
  if (secret.size() != 32) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "private key must be 32 bytes, got " + std::to_string(secret.size()));
  }
  if (secp256k1_ec_seckey_verify(context(), secret.data()) != 1) {
    return util::make_error(util::ErrorCode::invalid_argument, "private key is zero or not below the curve order n");
  }
  std::array<uint8_t, 32> bytes{};
  std::memcpy(bytes.data(), secret.data(), bytes.size());
  PrivateKey key(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return key;
}

PrivateKey PrivateKey::from_seed(std::string_view seed) {
  Digest256 secret = sha256(util::as_bytes(seed));
  auto key = from_bytes(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  MODCHAIN_ASSERT(key.ok(), "sha256(seed) is not a valid secp256k1 scalar");
  return std::move(key).value();
}

PrivateKey PrivateKey::generate(std::span<const uint8_t, 32> entropy) {
  Digest256 candidate{};
  std::memcpy(candidate.data(), entropy.data(), candidate.size());
  while (secp256k1_ec_seckey_verify(context(), candidate.data()) != 1) candidate = sha256(candidate);
  PrivateKey key(candidate);
  OPENSSL_cleanse(candidate.data(), candidate.size());
  return key;
}

util::Result<PrivateKey> PrivateKey::from_wif(std::string_view wif) {
  auto payload = base58check_decode(wif);
  if (!payload) return util::make_error(util::ErrorCode::invalid_encoding, "WIF: " + payload.error().message);
  util::Bytes& bytes = payload.value();
  auto fail = [&bytes](std::string message) {
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return util::make_error(util::ErrorCode::invalid_encoding, "WIF: " + std::move(message));
  };
  if (bytes.size() != 34 && bytes.size() != 33) {
    return fail("payload is " + std::to_string(bytes.size()) +
                " bytes, expected 34 (0x80, 32-byte secret, 0x01 compressed flag) or 33 (uncompressed form)");
  }
  if (bytes[0] != k_wif_prefix) return fail("prefix byte is " + util::to_hex(util::ByteView(bytes).first(1)) + ", expected 80");
  if (bytes.size() == 34 && bytes[33] != k_wif_compressed_flag) {
    return fail("compression flag is " + util::to_hex(util::ByteView(bytes).subspan(33)) + ", expected 01");
  }
  auto key = from_bytes(util::ByteView(bytes).subspan(1, 32));
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return key;
}

std::string PrivateKey::to_wif() const {
  util::Bytes payload;
  payload.reserve(34);
  payload.push_back(k_wif_prefix);
  payload.insert(payload.end(), m_secret.begin(), m_secret.end());
  payload.push_back(k_wif_compressed_flag);
  std::string wif = base58check_encode(payload);
  OPENSSL_cleanse(payload.data(), payload.size());
  return wif;
}

PublicKey PrivateKey::public_key() const {
  secp256k1_pubkey key;
  MODCHAIN_ASSERT(secp256k1_ec_pubkey_create(context(), &key, m_secret.data()) == 1, "invalid private key");
  return PublicKey(serialize_compressed(key));
}

CompactSignature PrivateKey::sign_compact(const Digest256& digest) const {
  secp256k1_ecdsa_recoverable_signature signature;
  // nullptr nonce function = secp256k1_nonce_function_default (RFC 6979, HMAC-SHA256), no extra entropy:
  // the signature is a function of (key, digest) only. libsecp256k1 always emits low-S.
  MODCHAIN_ASSERT(secp256k1_ecdsa_sign_recoverable(context(), &signature, digest.data(), m_secret.data(), nullptr,
                                                   nullptr) == 1,
                  "secp256k1_ecdsa_sign_recoverable failed");
  CompactSignature out{};
  int recid = 0;
  MODCHAIN_ASSERT(secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), out.data() + 1, &recid,
                                                                          &signature) == 1,
                  "secp256k1 serialize_compact failed");
  // recid 2/3 (R.x >= n) has probability ~2^-127; the header would be 33/34 like the reference's.
  out[0] = static_cast<uint8_t>(k_header_base + recid);
  return out;
}

namespace {

// koinos-crypto-cpp's extended_nonce_function: increments its own counter, then asks the RFC 6979 function
// for that candidate (ignoring libsecp256k1's attempt number).
int koinos_cpp_nonce(unsigned char* nonce32, const unsigned char* msg32, const unsigned char* key32,
                     const unsigned char* algo16, void* data, unsigned int /*attempt*/) {
  auto* counter = static_cast<unsigned int*>(data);
  ++*counter;
  return secp256k1_nonce_function_rfc6979(nonce32, msg32, key32, algo16, nullptr, *counter);
}

}  // namespace

CompactSignature PrivateKey::sign_compact_koinos_cpp(const Digest256& digest) const {
  CompactSignature out{};
  unsigned int counter = 0;
  do {
    secp256k1_ecdsa_recoverable_signature signature;
    MODCHAIN_ASSERT(secp256k1_ecdsa_sign_recoverable(context(), &signature, digest.data(), m_secret.data(),
                                                     koinos_cpp_nonce, &counter) == 1,
                    "secp256k1_ecdsa_sign_recoverable failed");
    int recid = 0;
    MODCHAIN_ASSERT(secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), out.data() + 1, &recid,
                                                                            &signature) == 1,
                    "secp256k1 serialize_compact failed");
    out[0] = static_cast<uint8_t>(k_header_base + recid);
  } while (!is_koinos_canonical(out));
  return out;
}

// ---- Verification ----

bool is_koinos_canonical(util::ByteView signature) noexcept {
  if (signature.size() != 65) return false;
  return std::memcmp(signature.data() + 33, k_half_n_le_image.data(), k_half_n_le_image.size()) <= 0;
}

util::Result<PublicKey> recover_compact(util::ByteView signature, const Digest256& digest) {
  if (signature.size() != 65) {
    return util::make_error(util::ErrorCode::invalid_signature,
                            "signature must be 65 bytes, got " + std::to_string(signature.size()));
  }
  if (!is_koinos_canonical(signature)) {
    return util::make_error(util::ErrorCode::invalid_signature, "signature is not canonical (s too high)");
  }
  const uint8_t header = signature[0];
  if (header < 31 || header > 33) {
    return recovery_error("signature header byte " + std::to_string(header) + " is outside 31..33");
  }
  // The reference hands libsecp256k1 `header >> 5`, not `header - 31`: 33 becomes recid 1. Reproduced.
  const int recid = header >> 5;
  secp256k1_ecdsa_recoverable_signature parsed;
  if (secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &parsed, signature.data() + 1, recid) != 1) {
    return recovery_error("signature r or s is not below the curve order");
  }
  secp256k1_pubkey key;
  if (secp256k1_ecdsa_recover(context(), &key, &parsed, digest.data()) != 1) {
    return recovery_error("no public key recovers from this signature and digest");
  }
  return PublicKey(serialize_compressed(key));
}

util::Result<PublicKey> recover_compact_multihash(util::ByteView signature, util::ByteView digest_multihash) {
  // The reference decodes the digest argument before looking at the signature.
  auto parsed = Multihash::from_bytes_koinos_lenient(digest_multihash);
  if (!parsed) return recovery_error("digest: " + parsed.error().message);
  if (parsed->digest.size() != 32) {
    return recovery_error("digest must be 32 bytes, got " + std::to_string(parsed->digest.size()));
  }
  Digest256 digest{};
  std::memcpy(digest.data(), parsed->digest.data(), digest.size());
  return recover_compact(signature, digest);
}

util::Result<bool> verify_compact(const PublicKey& public_key, util::ByteView signature, const Digest256& digest) {
  auto recovered = recover_compact(signature, digest);
  if (!recovered) return recovered.error();
  return recovered.value() == public_key;
}

}  // namespace modchain::crypto
