#include "modchain/crypto/secp256k1_context.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <secp256k1.h>

#include "modchain/util/assert.hpp"

namespace modchain::crypto::detail {

const secp256k1_context_struct* secp256k1_context() {
  static const ::secp256k1_context* ctx = [] {
    ::secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    MODCHAIN_ASSERT(c != nullptr, "secp256k1_context_create failed");
    unsigned char seed[32];
    if (RAND_bytes(seed, sizeof seed) == 1) {
      MODCHAIN_ASSERT(secp256k1_context_randomize(c, seed) == 1, "secp256k1_context_randomize failed");
    }
    OPENSSL_cleanse(seed, sizeof seed);
    return c;
  }();
  return ctx;
}

}  // namespace modchain::crypto::detail
