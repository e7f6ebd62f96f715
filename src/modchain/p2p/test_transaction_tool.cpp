// p2p_test_transaction: prints one signed transaction (no operations) as Koinos JSON, for the functional
// p2p tests, which are Python stdlib only and cannot sign secp256k1.
// Usage: p2p_test_transaction KEY_SEED CHAIN_ID_BASE64URL NONCE RC_LIMIT
// The payer is PrivateKey::from_seed(KEY_SEED); NONCE is the payer's nonce (value_type{uint64_value}).
// Two calls with the same seed and nonce but another RC_LIMIT give two conflicting transactions.
#include <cstdio>
#include <string>

#include "modchain/crypto/secp256k1.hpp"
#include "modchain/protocol/json.hpp"
#include "modchain/protocol/transaction_builder.hpp"
#include "modchain/util/encoding.hpp"

namespace {

using namespace modchain;

int fail(const std::string& message) {
  std::fprintf(stderr, "p2p_test_transaction: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) return fail("usage: p2p_test_transaction KEY_SEED CHAIN_ID_BASE64URL NONCE RC_LIMIT");
  auto chain_id = util::from_base64(argv[2], util::Base64Alphabet::url);
  if (!chain_id.ok()) return fail("chain id: " + chain_id.error().message);
  const auto key = crypto::PrivateKey::from_seed(argv[1]);
  protocol::TransactionFields fields;
  fields.chain_id = util::to_string(chain_id.value());
  fields.rc_limit = std::stoull(argv[4]);
  fields.nonce = std::stoull(argv[3]);
  fields.payer = util::to_string(key.public_key().address().view());
  const crypto::PrivateKey* signers[] = {&key};
  auto json = protocol::to_json(protocol::make_signed_transaction({}, fields, signers));
  if (!json.ok()) return fail("json: " + json.error().message);
  std::printf("%s\n", json.value().c_str());
  return 0;
}
