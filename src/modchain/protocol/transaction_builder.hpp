#pragma once
/// Building signed transactions (koinos-protocol.md §3.2): header fields, operation merkle root, id and
/// compact signatures. Used by the system contract installer and the tester.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "koinos/protocol/protocol.pb.h"
#include "modchain/crypto/secp256k1.hpp"

namespace modchain::protocol {

/// The header fields a transaction author chooses.
struct TransactionFields {
  std::string chain_id;  ///< chain id multihash bytes
  uint64_t rc_limit = 0;  ///< most rc the payer pays
  uint64_t nonce = 0;     ///< the nonce account's next nonce
  std::string payer;      ///< 25-byte address
  std::string payee;      ///< optional nonce account (empty = payer)
};

/// value_type{uint64_value: n} bytes: how Koinos stores nonces.
std::string nonce_bytes(uint64_t nonce);

/// A transaction with `operations`, its header from `fields`, its id, signed by every key of `signers`
/// (in order) over the transaction signing digest.
koinos::protocol::transaction make_signed_transaction(std::vector<koinos::protocol::operation> operations,
                                                      const TransactionFields& fields,
                                                      std::span<const crypto::PrivateKey* const> signers);

}  // namespace modchain::protocol
