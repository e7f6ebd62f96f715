// Kernel throughput: blocks of N signed transfers of the AssemblyScript token (contracts/as/token), produced
// once on one chain and replayed (apply_block only) on fresh chains; transfers/s. The ceiling is signature
// recovery: every transfer recovers at least two signatures (the payer's authority in the pre-check and the
// token's check_authority(from)), so the run also measures secp256k1 recovery on distinct signatures.
// CPU time (the machine is shared and loaded). Run: build/<release>/bench_kernel --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "koinos/contracts/token/token.pb.h"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/assert.hpp"
#include "modchain/util/file.hpp"

namespace {

using namespace modchain;
using kernel::testing::Tester;
namespace kp = koinos::protocol;
namespace kt = koinos::contracts::token;

constexpr uint32_t k_mint = 0xdc6f17bb;
constexpr uint32_t k_transfer = 0x27f576ca;
constexpr int k_blocks = 4;

struct Workload {
  std::vector<kp::block> setup;      // deploy + mint blocks
  std::vector<kp::block> transfers;  // the measured blocks
  double compute_per_transfer = 0;   // receipts' compute_bandwidth_used (ticks incl. system call costs)
  double rc_per_transfer = 0;
};

kp::operation transfer_op(const std::string& token, const std::string& from, const std::string& to) {
  kt::transfer_arguments transfer;
  transfer.set_from(from);
  transfer.set_to(to);
  transfer.set_value(1);
  return Tester::call_contract(token, k_transfer, protocol::serialize_to_string(transfer));
}

// Builds every block once on a producer chain.
Workload make_workload(int per_block) {
  Tester producer;
  Workload workload;
  const auto token_key = Tester::key("token");
  auto wasm = util::read_file(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/as/token/token.wasm");
  MODCHAIN_ASSERT(wasm.ok(), "token.wasm");
  auto token = producer.deploy(token_key, util::as_bytes(wasm.value()));
  MODCHAIN_ASSERT(token.ok(), "deploy");
  workload.setup.push_back(producer.last_block());
  std::vector<crypto::PrivateKey> senders;
  std::vector<kp::transaction> mints;
  for (int i = 0; i < per_block; ++i) {
    senders.push_back(Tester::key("sender " + std::to_string(i)));
    kt::mint_arguments mint;
    mint.set_to(Tester::address(senders.back()));
    mint.set_value(1'000'000);
    mints.push_back(producer.transaction(token_key, {Tester::call_contract(token.value(), k_mint,
                                                                           protocol::serialize_to_string(mint))}));
  }
  MODCHAIN_ASSERT(producer.produce_block(mints).ok(), "mint block");
  workload.setup.push_back(producer.last_block());
  const std::string sink = Tester::address(Tester::key("sink"));
  for (int b = 0; b < k_blocks; ++b) {
    std::vector<kp::transaction> transfers;
    for (const auto& sender : senders) {
      transfers.push_back(producer.transaction(sender, {transfer_op(token.value(), Tester::address(sender), sink)}));
    }
    auto receipt = producer.produce_block(transfers);
    MODCHAIN_ASSERT(receipt.ok() && receipt.value().transaction_receipts_size() == per_block, "transfer block");
    for (const auto& r : receipt.value().transaction_receipts()) {
      MODCHAIN_ASSERT(!r.reverted(), "transfer reverted");
      workload.compute_per_transfer += static_cast<double>(r.compute_bandwidth_used()) / (k_blocks * per_block);
      workload.rc_per_transfer += static_cast<double>(r.rc_used()) / (k_blocks * per_block);
    }
    workload.transfers.push_back(producer.last_block());
  }
  return workload;
}

void BM_ApplyTransferBlocks(benchmark::State& state) {
  const int per_block = static_cast<int>(state.range(0));
  const Workload workload = make_workload(per_block);
  for (auto _ : state) {
    state.PauseTiming();
    Tester chain;
    for (const auto& block : workload.setup) MODCHAIN_ASSERT(chain.push_block(block).ok(), "setup replay");
    state.ResumeTiming();
    for (const auto& block : workload.transfers) {
      auto receipt = chain.push_block(block);
      MODCHAIN_ASSERT(receipt.ok(), "transfer replay");
      benchmark::DoNotOptimize(receipt);
    }
  }
  state.SetItemsProcessed(state.iterations() * k_blocks * per_block);
  state.counters["ticks/transfer"] = workload.compute_per_transfer;
  state.counters["rc/transfer"] = workload.rc_per_transfer;
  state.counters["transfers/s"] =
      benchmark::Counter(static_cast<double>(k_blocks * per_block), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ApplyTransferBlocks)->Arg(100)->Unit(benchmark::kMillisecond);

// The ceiling: secp256k1 public key recovery over distinct signatures (what check_authority does).
void BM_Secp256k1Recover(benchmark::State& state) {
  std::vector<crypto::CompactSignature> signatures;
  std::vector<crypto::Digest256> digests;
  for (int i = 0; i < 256; ++i) {
    const auto key = Tester::key("recover " + std::to_string(i));
    digests.push_back(crypto::sha256(util::as_bytes("message " + std::to_string(i))));
    signatures.push_back(key.sign_compact(digests.back()));
  }
  size_t i = 0;
  for (auto _ : state) {
    auto key = crypto::recover_compact(signatures[i % 256], digests[i % 256]);
    benchmark::DoNotOptimize(key);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["recoveries/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Secp256k1Recover);

}  // namespace

BENCHMARK_MAIN();
