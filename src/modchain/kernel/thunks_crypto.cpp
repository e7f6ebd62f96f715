// Hashing, signature and merkle system calls (koinos-protocol.md §4.3, §8 rows 501–505).
#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/crypto/vrf.hpp"
#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;

// Registry name prefix of a hash code ("sha2_256"), or "" when the hash system call does not support it.
std::string_view hash_cost_prefix(uint64_t code) {
  switch (code) {
    case crypto::hash_code::sha1: return "sha1";
    case crypto::hash_code::sha2_256: return "sha2_256";
    case crypto::hash_code::sha2_512: return "sha2_512";
    case crypto::hash_code::keccak_256: return "keccak_256";
    case crypto::hash_code::ripemd_160: return "ripemd_160";
    default: return "";
  }
}

util::Status charge_hash(ExecutionContext& context, std::string_view prefix, uint64_t base_units, uint64_t bytes) {
  MODCHAIN_TRY_STATUS(context.charge_compute(std::string(prefix) + "_base", base_units));
  return context.charge_compute(std::string(prefix) + "_per_byte", bytes);
}

// Hashes the merkle computation needs for n leaves (§8 row 503).
uint64_t hashes_per_leaves(uint64_t n) {
  if (n <= 2) return 1;
  const uint64_t even = 2 * ((n + 1) / 2);
  if ((even & (even - 1)) == 0) return even - 1;
  return even / 2 + hashes_per_leaves(even / 2);
}

}  // namespace

util::Result<kc::hash_result> hash_(ExecutionContext& context, const kc::hash_arguments& args) {
  const std::string_view prefix = hash_cost_prefix(args.code());
  if (prefix.empty()) {
    return kernel_error(ErrorCode::unknown_hash_code, "unknown hash code " + std::to_string(args.code()));
  }
  MODCHAIN_TRY_STATUS(charge_hash(context, prefix, 1, args.obj().size()));
  auto digest = crypto::multihash(args.code(), util::as_bytes(args.obj()));
  if (!digest.ok()) return digest.error();
  const size_t standard = digest.value().digest.size();
  if (args.size() != 0 && args.size() != standard) {
    if (args.code() != crypto::hash_code::keccak_256 || args.size() > standard) {
      return reversion("unsupported digest size " + std::to_string(args.size()));
    }
    digest.value().digest.resize(args.size());
  }
  kc::hash_result result;
  result.set_value(util::to_string(digest.value().to_bytes()));
  return result;
}

util::Result<kc::recover_public_key_result> recover_public_key(ExecutionContext& /*context*/,
                                                               const kc::recover_public_key_arguments& args) {
  if (args.type() != kc::ecdsa_secp256k1) return kernel_error(ErrorCode::unknown_dsa, "unknown dsa");
  auto key = crypto::recover_compact_multihash(util::as_bytes(args.signature()), util::as_bytes(args.digest()));
  if (!key.ok()) return key.error();
  kc::recover_public_key_result result;
  result.set_value(util::to_string(key.value().serialize(args.compressed())));
  return result;
}

util::Result<kc::verify_merkle_root_result> verify_merkle_root(ExecutionContext& context,
                                                               const kc::verify_merkle_root_arguments& args) {
  auto root = crypto::Multihash::from_bytes_koinos_lenient(util::as_bytes(args.root()));
  if (!root.ok()) return reversion("malformed merkle root: " + root.error().message);
  const std::string_view prefix = hash_cost_prefix(root.value().code);
  if (prefix.empty()) return kernel_error(ErrorCode::unknown_hash_code, "unknown merkle root hash code");
  const uint64_t n = static_cast<uint64_t>(args.hashes_size());
  MODCHAIN_TRY_STATUS(context.charge_compute("deserialize_multihash_base", n + 1));
  MODCHAIN_TRY_STATUS(context.charge_compute("deserialize_multihash_per_byte", (n + 1) * args.root().size()));
  const uint64_t hashes = hashes_per_leaves(n);
  MODCHAIN_TRY_STATUS(charge_hash(context, prefix, hashes, hashes * 2 * root.value().digest.size()));
  std::vector<crypto::Multihash> leaves;
  leaves.reserve(n);
  for (const auto& bytes : args.hashes()) {
    auto leaf = crypto::Multihash::from_bytes_koinos_lenient(util::as_bytes(bytes));
    if (!leaf.ok()) return reversion("malformed merkle leaf: " + leaf.error().message);
    leaves.push_back(std::move(leaf).value());
  }
  kc::verify_merkle_root_result result;
  result.set_value(crypto::verify_merkle_root(root.value(), leaves));
  return result;
}

util::Result<kc::verify_signature_result> verify_signature(ExecutionContext& context,
                                                           const kc::verify_signature_arguments& args) {
  kc::recover_public_key_arguments recover;
  recover.set_type(args.type());
  recover.set_signature(args.signature());
  recover.set_digest(args.digest());
  recover.set_compressed(args.compressed());
  auto key = call_system<kc::recover_public_key_result>(context, kc::recover_public_key, recover);
  if (!key.ok()) return key.error();
  kc::verify_signature_result result;
  result.set_value(key.value().value() == args.public_key());
  return result;
}

util::Result<kc::verify_vrf_proof_result> verify_vrf_proof(ExecutionContext& /*context*/,
                                                           const kc::verify_vrf_proof_arguments& args) {
  // §4.4 / §8 row 505, in the reference thunk's order: dsa check, key and multihash decoding (their failures are
  // generic exceptions there, i.e. reversions), then the proof, whose failures only make the result false.
  if (args.type() != kc::ecdsa_secp256k1) return kernel_error(ErrorCode::unknown_dsa, "unknown dsa");
  // converter::to<public_key>: 33 bytes read from the argument, then secp256k1_ec_pubkey_parse (02/03 only).
  const util::ByteView key_bytes = util::as_bytes(args.public_key());
  if (key_bytes.size() < crypto::PublicKey::k_compressed_size) return reversion("malformed vrf public key");
  auto key = crypto::PublicKey::from_bytes(key_bytes.first(crypto::PublicKey::k_compressed_size));
  if (!key.ok()) return reversion("malformed vrf public key: " + key.error().message);
  auto expected = crypto::Multihash::from_bytes_koinos_lenient(util::as_bytes(args.hash()));
  if (!expected.ok()) return reversion("malformed vrf hash: " + expected.error().message);
  const auto beta =
      crypto::vrf_verify(key.value().compressed(), util::as_bytes(args.proof()), util::as_bytes(args.message()));
  kc::verify_vrf_proof_result result;
  result.set_value(beta.has_value() && expected.value() == crypto::Multihash{crypto::hash_code::sha2_256,
                                                                            util::Bytes(beta->begin(), beta->end())});
  return result;
}

}  // namespace modchain::kernel::thunks
