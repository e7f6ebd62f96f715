// Crypto hot paths of block and transaction application.
// Run: build/<release>/crypto_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "modchain/crypto/address.hpp"
#include "modchain/crypto/hash.hpp"
#include "modchain/crypto/merkle.hpp"
#include "modchain/crypto/multihash.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/crypto/vrf.hpp"
#include "modchain/util/encoding.hpp"

namespace {

using namespace modchain;

// The 136-byte header of a real mainnet transaction (conformance vectors.json, mainnet_transaction).
const util::Bytes& transaction_header() {
  static const util::Bytes header =
      util::from_hex(
          "0a221220592bf18654fd07fdf5d500cde3e8402ecf7f81fa5dde8f14527b08bba8805f481080c0b2cd3b1a0228012222"
          "12206251ad09b6ca15bc33de691de74a3ae08ddc8ca0da354aed9a44f5537fc624b22a1900d946794954bdd7d52641"
          "6fba5a3dff13e7940183cd8d6db2321900230b1bd3a0f1936311154a109f8d8ffc9131d1ae9277d116")
          .value();
  return header;
}

constexpr size_t k_distinct = 1000;  // distinct keys/signatures so no cache effect flatters recovery

struct SignedSet {
  std::vector<crypto::PrivateKey> keys;
  std::vector<crypto::PublicKey> public_keys;
  std::vector<crypto::Digest256> digests;
  std::vector<crypto::CompactSignature> signatures;
};

const SignedSet& signed_set() {
  static const SignedSet set = [] {
    SignedSet s;
    for (size_t i = 0; i < k_distinct; ++i) {
      s.keys.push_back(crypto::PrivateKey::from_seed("bench key " + std::to_string(i)));
      s.public_keys.push_back(s.keys.back().public_key());
      s.digests.push_back(crypto::sha256(util::as_bytes("bench message " + std::to_string(i))));
      s.signatures.push_back(s.keys.back().sign_compact(s.digests.back()));
    }
    return s;
  }();
  return set;
}

void BM_Sha256TransactionHeader(benchmark::State& state) {
  const util::Bytes& header = transaction_header();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::sha256(header));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(header.size()));
}
BENCHMARK(BM_Sha256TransactionHeader);

void BM_TransactionIdMultihash(benchmark::State& state) {
  const util::Bytes& header = transaction_header();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::multihash_sha256(header));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TransactionIdMultihash);

void BM_Keccak256TransactionHeader(benchmark::State& state) {
  const util::Bytes& header = transaction_header();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::keccak256(header));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Keccak256TransactionHeader);

void BM_Sha256Bulk1MiB(benchmark::State& state) {
  const util::Bytes data(1 << 20, 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(crypto::sha256(data));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Sha256Bulk1MiB);

void BM_RecoverCompact(benchmark::State& state) {
  const SignedSet& s = signed_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::recover_compact(s.signatures[i], s.digests[i]));
    i = (i + 1) % k_distinct;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecoverCompact);

// The Koinos authority check: recover, derive the address, compare with the expected account.
void BM_RecoverAndCompareAddress(benchmark::State& state) {
  const SignedSet& s = signed_set();
  std::vector<crypto::Address> expected;
  for (const auto& pub : s.public_keys) expected.push_back(pub.address());
  size_t i = 0;
  for (auto _ : state) {
    auto key = crypto::recover_compact(s.signatures[i], s.digests[i]);
    benchmark::DoNotOptimize(key.ok() && key->address() == expected[i]);
    i = (i + 1) % k_distinct;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecoverAndCompareAddress);

void BM_AddressFromPublicKey(benchmark::State& state) {
  const SignedSet& s = signed_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.public_keys[i].address());
    i = (i + 1) % k_distinct;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddressFromPublicKey);

void BM_AddressToBase58(benchmark::State& state) {
  const crypto::Address address = signed_set().public_keys[0].address();
  for (auto _ : state) benchmark::DoNotOptimize(address.to_base58());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddressToBase58);

void BM_SignCompact(benchmark::State& state) {
  const SignedSet& s = signed_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.keys[i].sign_compact(s.digests[i]));
    i = (i + 1) % k_distinct;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignCompact);

void BM_SignCompactKoinosCpp(benchmark::State& state) {
  const SignedSet& s = signed_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.keys[i].sign_compact_koinos_cpp(s.digests[i]));
    i = (i + 1) % k_distinct;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignCompactKoinosCpp);

void BM_MerkleRoot(benchmark::State& state) {
  std::vector<crypto::Multihash> leaves;
  for (int64_t i = 0; i < state.range(0); ++i) {
    leaves.push_back(crypto::multihash_sha256(util::as_bytes("leaf " + std::to_string(i))));
  }
  for (auto _ : state) benchmark::DoNotOptimize(crypto::merkle_root(leaves));
  state.SetItemsProcessed(state.iterations());  // roots per second
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MerkleRoot)->Arg(1000)->Arg(14);

// verify_vrf_proof (system call 505) on distinct keys: PoB checks one proof per block.
struct VrfSet {
  std::vector<std::array<uint8_t, 33>> public_keys;
  std::vector<std::string> messages;
  std::vector<crypto::VrfProof> proofs;
};

const VrfSet& vrf_set() {
  static const VrfSet set = [] {
    VrfSet v;
    for (size_t i = 0; i < 100; ++i) {
      const auto& key = signed_set().keys[i];
      v.public_keys.push_back(key.public_key().compressed());
      v.messages.push_back("vrf payload " + std::to_string(i));
      v.proofs.push_back(crypto::vrf_prove(key, util::as_bytes(v.messages.back())));
    }
    return v;
  }();
  return set;
}

void BM_VrfVerify(benchmark::State& state) {
  const VrfSet& set = vrf_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::vrf_verify(set.public_keys[i], set.proofs[i], util::as_bytes(set.messages[i])));
    i = (i + 1) % set.proofs.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VrfVerify);

void BM_VrfProve(benchmark::State& state) {
  const SignedSet& set = signed_set();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::vrf_prove(set.keys[i], util::as_bytes("vrf payload")));
    i = (i + 1) % 100;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VrfProve);

}  // namespace

BENCHMARK_MAIN();
