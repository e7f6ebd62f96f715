#include "modchain/protocol/transaction_builder.hpp"

#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::protocol {

std::string nonce_bytes(uint64_t nonce) {
  koinos::chain::value_type value;
  value.set_uint64_value(nonce);
  return serialize_to_string(value);
}

koinos::protocol::transaction make_signed_transaction(std::vector<koinos::protocol::operation> operations,
                                                      const TransactionFields& fields,
                                                      std::span<const crypto::PrivateKey* const> signers) {
  koinos::protocol::transaction trx;
  for (auto& op : operations) *trx.add_operations() = std::move(op);
  auto* header = trx.mutable_header();
  header->set_chain_id(fields.chain_id);
  header->set_rc_limit(fields.rc_limit);
  header->set_nonce(nonce_bytes(fields.nonce));
  header->set_operation_merkle_root(util::to_string(operation_merkle_root(trx.operations()).to_bytes()));
  header->set_payer(fields.payer);
  if (!fields.payee.empty()) header->set_payee(fields.payee);
  trx.set_id(util::to_string(transaction_id(*header).to_bytes()));
  const auto digest = transaction_signing_digest(*header);
  for (const auto* signer : signers) {
    const auto signature = signer->sign_compact(digest);
    trx.add_signatures(std::string(signature.begin(), signature.end()));
  }
  return trx;
}

}  // namespace modchain::protocol
