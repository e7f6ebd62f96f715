// p2p sync vs block-store replay: the same blocks applied through the node's two block paths, in one run.
//
//   p2p:    a source P2pService serves the blocks (from memory) over loopback; a joiner P2pService syncs
//           them in batches of 500 into a ChainService::submit_block with set_store_blocks(true), the way
//           modchaind's NodeBlockSink does (apply on a RocksDB state, add_block to a synced RocksDB block
//           store, koinos.block.accept on the bus). Timed from the joiner's start to its last block.
//   replay: the block store the p2p run filled, opened by a fresh ChainService on a fresh RocksDB state:
//           ChainService::replay_from_block_store, what modchaind does at start-up.
//   unstored: the p2p path again without a block store, which separates the synced block store write per
//           block (the node's crash safety) from the rest of the path (transport, parsing, broadcasts).
//
// Blocks: built once by a kernel Tester. Arg 0 = transfers per block: 0 = empty blocks (the p2p overhead
// at its most visible), 1 = one signed AS-token transfer per block (contracts/as/token, as bench_kernel;
// two setup blocks deploy and mint first). Counters: blocks/s in wall time (the p2p path runs on two
// threads) and ratios in wall and process CPU time (docs/p2p.md "Sync vs block-store replay").
// Run: build/<release>/p2p_sync_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "koinos/contracts/token/token.pb.h"
#include "modchain/block_store/service.hpp"
#include "modchain/block_store/store.hpp"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/chain/chain_service.hpp"
#include "modchain/chain/clock.hpp"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/p2p/service.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/assert.hpp"
#include "modchain/util/file.hpp"

namespace {

using namespace modchain;
using kernel::testing::Tester;
namespace kp = koinos::protocol;
namespace kt = koinos::contracts::token;
namespace fs = std::filesystem;

constexpr uint32_t k_mint = 0xdc6f17bb;
constexpr uint32_t k_transfer = 0x27f576ca;
constexpr int k_blocks = 2000;

struct Workload {
  koinos::chain::genesis_data genesis;
  std::vector<kp::block> blocks;  // heights 1..k_blocks
  int transactions = 0;
};

kp::operation token_call(const std::string& token, uint32_t entry, const google::protobuf::Message& args) {
  return Tester::call_contract(token, entry, protocol::serialize_to_string(args));
}

// k_blocks blocks on one chain; with transfers, block 1 deploys the token, block 2 mints to the senders.
Workload build_workload(int transfers_per_block) {
  Tester producer;
  Workload workload;
  workload.genesis = producer.genesis();
  auto keep = [&](size_t transactions) {
    workload.blocks.push_back(producer.last_block());
    workload.transactions += static_cast<int>(transactions);
  };
  std::string token;
  std::vector<crypto::PrivateKey> senders;
  if (transfers_per_block > 0) {
    const auto token_key = Tester::key("token");
    auto wasm = util::read_file(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/as/token/token.wasm");
    MODCHAIN_ASSERT(wasm.ok(), "token.wasm");
    auto deployed = producer.deploy(token_key, util::as_bytes(wasm.value()));
    MODCHAIN_ASSERT(deployed.ok(), "deploy");
    token = deployed.value();
    keep(1);
    std::vector<kp::transaction> mints;
    for (int i = 0; i < transfers_per_block; ++i) {
      senders.push_back(Tester::key("sender " + std::to_string(i)));
      kt::mint_arguments mint;
      mint.set_to(Tester::address(senders.back()));
      mint.set_value(1'000'000);
      mints.push_back(producer.transaction(token_key, {token_call(token, k_mint, mint)}));
    }
    MODCHAIN_ASSERT(producer.produce_block(mints).ok(), "mint block");
    keep(mints.size());
  }
  const std::string sink = Tester::address(Tester::key("sink"));
  while (workload.blocks.size() < k_blocks) {
    std::vector<kp::transaction> transfers;
    for (const auto& sender : senders) {
      kt::transfer_arguments transfer;
      transfer.set_from(Tester::address(sender));
      transfer.set_to(sink);
      transfer.set_value(1);
      transfers.push_back(producer.transaction(sender, {token_call(token, k_transfer, transfer)}));
    }
    auto receipt = producer.produce_block(transfers);
    MODCHAIN_ASSERT(receipt.ok() && receipt.value().transaction_receipts_size() == transfers_per_block, "block");
    for (const auto& r : receipt.value().transaction_receipts()) MODCHAIN_ASSERT(!r.reverted(), "transfer reverted");
    keep(transfers.size());
  }
  return workload;
}

const Workload& workload(int transfers_per_block) {
  static std::map<int, Workload> cache;  // built once per argument (≈ 10 s with transfers)
  auto it = cache.find(transfers_per_block);
  if (it == cache.end()) it = cache.emplace(transfers_per_block, build_workload(transfers_per_block)).first;
  return it->second;
}

// A node's chain side on disk: block store and state database (RocksDB), chain service, one bus.
struct ChainStack {
  chain::SystemClock clock;
  bus::InProcessBus bus;
  std::unique_ptr<block_store::Store> store;
  std::unique_ptr<block_store::StoreService> store_service;
  std::unique_ptr<kernel::Controller> controller;
  std::unique_ptr<chain::ChainService> chain;

  // An empty `block_store_dir`: no block store on the bus (nothing stores the blocks).
  ChainStack(const Workload& work, const fs::path& block_store_dir, const fs::path& state_dir) {
    if (!block_store_dir.empty()) {
      auto opened_store = block_store::Store::open({block_store_dir.string(), true});  // synced, as modchaind
      MODCHAIN_ASSERT(opened_store.ok(), "block store");
      store = std::move(opened_store).value();
      auto attached = block_store::StoreService::attach(bus, *store);
      MODCHAIN_ASSERT(attached.ok(), "block store service");
      store_service = std::move(attached).value();
    }
    kernel::ControllerOptions options;
    options.database.backend = state_db::BackendKind::rocksdb;
    options.database.rocksdb.path = state_dir.string();
    options.database.fork_resolution = state_db::ForkResolution::block_time;  // the Tester's
    auto opened = kernel::Controller::open(options, work.genesis);
    MODCHAIN_ASSERT(opened.ok(), "controller");
    controller = std::move(opened).value();
    chain = std::make_unique<chain::ChainService>(*controller, bus, clock);
    MODCHAIN_ASSERT(chain->attach().ok(), "chain attach");
  }

  std::string head_id() {
    auto info = chain->head_info();
    MODCHAIN_ASSERT(info.ok(), "head_info");
    return info->head_topology().id();
  }
};

// The source: serves the workload from memory (a peer's cost, kept small so the joiner's is measured).
class SourceChain final : public p2p::ChainView, public p2p::BlockSink, public p2p::TransactionSink {
 public:
  SourceChain(const Workload& work, util::Bytes chain_id) : m_work(work), m_chain_id(std::move(chain_id)) {}
  util::Bytes chain_id() const override { return m_chain_id; }
  p2p::Topology head() const override {
    const auto& top = m_work.blocks.back();
    return {util::to_bytes(top.id()), top.header().height(), util::to_bytes(top.header().previous())};
  }
  p2p::Topology last_irreversible() const override { return {}; }
  util::Result<std::vector<kp::block>> blocks_by_height(const util::Bytes&, uint64_t start,
                                                        uint32_t count) const override {
    const auto& blocks = m_work.blocks;
    if (start == 0 || start > blocks.size()) return std::vector<kp::block>{};
    const auto end = std::min<size_t>(blocks.size(), start - 1 + count);
    return std::vector<kp::block>(blocks.begin() + static_cast<long>(start - 1), blocks.begin() + static_cast<long>(end));
  }
  util::Status submit_block(const kp::block&) override { return {}; }
  util::Status submit_transaction(const kp::transaction&) override { return {}; }

 private:
  const Workload& m_work;
  util::Bytes m_chain_id;
};

// The joiner: head from the chain service, blocks into ChainService::submit_block (modchaind's
// NodeBlockSink); signals when the last block is in.
class JoinerChain final : public p2p::ChainView, public p2p::BlockSink, public p2p::TransactionSink {
 public:
  JoinerChain(chain::ChainService& chain, util::Bytes chain_id, uint64_t target)
      : m_chain(chain), m_chain_id(std::move(chain_id)), m_target(target) {}
  util::Bytes chain_id() const override { return m_chain_id; }
  p2p::Topology head() const override {
    auto info = m_chain.head_info();
    MODCHAIN_ASSERT(info.ok(), "head_info");
    const auto& topology = info->head_topology();
    return {util::to_bytes(topology.id()), topology.height(), util::to_bytes(topology.previous())};
  }
  p2p::Topology last_irreversible() const override {
    auto info = m_chain.head_info();
    return {{}, info.ok() ? info->last_irreversible_block() : 0, {}};
  }
  util::Result<std::vector<kp::block>> blocks_by_height(const util::Bytes&, uint64_t, uint32_t) const override {
    return std::vector<kp::block>{};  // nobody syncs from the joiner here
  }
  util::Status submit_block(const kp::block& block) override {
    auto receipt = m_chain.submit_block(block);
    if (!receipt.ok()) return receipt.error();
    if (block.header().height() == m_target) {
      std::lock_guard lock(m_mutex);
      m_done = true;
      m_done_signal.notify_all();
    }
    return {};
  }
  util::Status submit_transaction(const kp::transaction&) override { return {}; }
  void wait() {
    std::unique_lock lock(m_mutex);
    m_done_signal.wait(lock, [this] { return m_done; });
  }

 private:
  chain::ChainService& m_chain;
  util::Bytes m_chain_id;
  uint64_t m_target;
  std::mutex m_mutex;
  std::condition_variable m_done_signal;
  bool m_done = false;
};

// Wall and process CPU seconds (all threads: the source's serving is counted on the p2p path) of a phase.
struct Timing {
  double wall = 0;
  double cpu = 0;
};

class Stopwatch {
 public:
  Stopwatch() : m_wall(std::chrono::steady_clock::now()), m_cpu(std::clock()) {}
  Timing elapsed() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - m_wall).count(),
            static_cast<double>(std::clock() - m_cpu) / CLOCKS_PER_SEC};
  }

 private:
  std::chrono::steady_clock::time_point m_wall;
  std::clock_t m_cpu;
};

p2p::Options loopback_options() {
  p2p::Options options;
  options.listen_address = "127.0.0.1";
  options.listen_port = 0;
  options.log = [](p2p::LogLevel, const std::string&) {};
  return options;
}

// Syncs the workload over loopback into a fresh stack under `dir`/`name` (default p2p options: batch
// 500, request pacing 50/s); returns the time from the joiner's start to its last block. With
// `store_blocks` each block is also added to a synced block store, as modchaind does; without, there is
// no block store at all (its koinos.block.accept subscription would store the blocks too).
Timing p2p_sync(const Workload& work, const fs::path& dir, const std::string& name, bool store_blocks) {
  ChainStack stack(work, store_blocks ? dir / (name + "_block_store") : fs::path(), dir / (name + "_state"));
  auto chain_id = stack.controller->chain_id();
  MODCHAIN_ASSERT(chain_id.ok(), "chain id");
  stack.chain->set_store_blocks(store_blocks);
  SourceChain source_chain(work, util::to_bytes(chain_id.value()));
  auto source = p2p::P2pService::start(loopback_options(), source_chain, source_chain, source_chain);
  MODCHAIN_ASSERT(source.ok(), "source start");
  JoinerChain joiner_chain(*stack.chain, util::to_bytes(chain_id.value()), work.blocks.size());
  auto joiner_options = loopback_options();
  joiner_options.listen = false;
  joiner_options.peers = {p2p::PeerAddress{"127.0.0.1", (*source)->port()}};
  const Stopwatch watch;
  auto joiner = p2p::P2pService::start(joiner_options, joiner_chain, joiner_chain, joiner_chain);
  MODCHAIN_ASSERT(joiner.ok(), "joiner start");
  joiner_chain.wait();
  const Timing timing = watch.elapsed();
  (*joiner)->stop();
  (*source)->stop();
  MODCHAIN_ASSERT(stack.head_id() == work.blocks.back().id(), "p2p: wrong head");
  return timing;
}

// Replays the block store `dir`/p2p_block_store (filled by p2p_sync) on a fresh state; returns the time.
Timing store_replay(const Workload& work, const fs::path& dir) {
  ChainStack stack(work, dir / "p2p_block_store", dir / "replay_state");
  const Stopwatch watch;
  auto applied = stack.chain->replay_from_block_store();
  const Timing timing = watch.elapsed();
  MODCHAIN_ASSERT(applied.ok() && applied.value() == work.blocks.size(), "replay: wrong block count");
  MODCHAIN_ASSERT(stack.head_id() == work.blocks.back().id(), "replay: wrong head");
  return timing;
}

void BM_P2pSyncVsStoreReplay(benchmark::State& state) {
  const Workload& work = workload(static_cast<int>(state.range(0)));
  const auto blocks = static_cast<double>(work.blocks.size());
  Timing p2p;
  Timing replay;
  Timing unstored;
  for (auto _ : state) {
    const fs::path dir = fs::temp_directory_path() / ("modchain_p2p_bench_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    p2p = p2p_sync(work, dir, "p2p", true);
    replay = store_replay(work, dir);
    unstored = p2p_sync(work, dir, "unstored", false);
    fs::remove_all(dir);
    state.SetIterationTime(p2p.wall);
  }
  state.counters["blocks"] = blocks;
  state.counters["transactions"] = work.transactions;
  // Wall clock: what a syncing node sees.
  state.counters["p2p_blocks/s"] = blocks / p2p.wall;
  state.counters["replay_blocks/s"] = blocks / replay.wall;
  state.counters["p2p/replay"] = replay.wall / p2p.wall;
  state.counters["unstored_blocks/s"] = blocks / unstored.wall;  // p2p without the block store writes
  state.counters["unstored/replay"] = replay.wall / unstored.wall;
  // Process CPU time (less sensitive to other load on a shared machine; the p2p side includes the source).
  state.counters["p2p_cpu_blocks/s"] = blocks / p2p.cpu;
  state.counters["replay_cpu_blocks/s"] = blocks / replay.cpu;
  state.counters["cpu_p2p/replay"] = replay.cpu / p2p.cpu;
}
BENCHMARK(BM_P2pSyncVsStoreReplay)->ArgName("transfers_per_block")->Arg(0)->Arg(1)->Iterations(1)->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
