// state_db benchmarks. The baseline is a raw RocksDB Get on a database with the same options and data as
// the state database's backend (100k objects, 25-byte keys in one space, 100-byte values, flushed to SST by
// a reopen), measured in the same run. Ratios to report: BM_GetThroughFork60 / BM_RawRocksDbGet (target
// ≤ 2) and BM_CommitBlock1000Puts (target < 5 ms per synced commit).

#include <benchmark/benchmark.h>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "modchain/crypto/multihash.hpp"
#include "modchain/state_db/state_db.hpp"

namespace {

using namespace modchain;
using namespace modchain::state_db;

constexpr int k_objects = 100000;
constexpr int k_fork_depth = 60;
constexpr int k_puts_per_block = 1000;
const ObjectSpace k_space{false, util::Bytes(25, 0x11), 1};

util::Bytes object_key(uint64_t i, const char* tag = "root") {
  auto digest = crypto::multihash_sha256(util::as_bytes(std::string(tag) + std::to_string(i))).digest;
  return util::Bytes(digest.begin(), digest.begin() + 25);
}
util::Bytes value_of(uint64_t i) { return util::Bytes(100, static_cast<uint8_t>(i)); }
util::Bytes block_id(uint64_t n) { return crypto::multihash_sha256(util::as_bytes("bench" + std::to_string(n))).to_bytes(); }

std::string bench_dir(const char* name) {
  auto dir = std::filesystem::path(MODCHAIN_BINARY_DIR) / "bench_tmp" / (std::string(name) + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir.parent_path());
  return dir.string();
}

// Raw RocksDB with the options the backend uses.
struct RawDb {
  std::string path = bench_dir("raw");
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::Options options() {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = rocksdb::NewLRUCache(64u << 20);
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    return o;
  }
  RawDb() {
    rocksdb::DB* raw = nullptr;
    rocksdb::DB::Open(options(), path, &raw);
    rocksdb::WriteBatch batch;
    for (int i = 0; i < k_objects; ++i) {
      auto key = serialize_database_key(k_space, object_key(i));
      auto value = value_of(i);
      batch.Put(rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()),
                rocksdb::Slice(reinterpret_cast<const char*>(value.data()), value.size()));
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;
    raw->Write(wo, &batch);
    delete raw;
    rocksdb::DB::Open(options(), path, &raw);  // recovery flushes the memtable to SST, like the state db
    db.reset(raw);
  }
  ~RawDb() {
    db.reset();
    std::filesystem::remove_all(path);
  }
};

// A state database on RocksDB with the same 100k objects committed at the root and a 60-block fork of
// 1,000 puts each (other keys) on top.
struct ForkedDb {
  std::string path = bench_dir("state");
  std::unique_ptr<Database> db;
  uint64_t next_block = 1;

  explicit ForkedDb(BackendKind kind = BackendKind::rocksdb) {
    DatabaseOptions options;
    options.backend = kind;
    options.rocksdb.path = path;
    db = std::move(Database::open(options).value());
    std::vector<GenesisEntry> genesis;
    for (int i = 0; i < k_objects; ++i) genesis.push_back({k_space, object_key(i), value_of(i)});
    (void)db->apply_genesis(genesis);
    if (kind == BackendKind::rocksdb) {
      db.reset();
      db = std::move(Database::open(options).value());
    }
    for (int depth = 0; depth < k_fork_depth; ++depth) add_block(k_puts_per_block, "delta");
  }
  ~ForkedDb() {
    db.reset();
    std::filesystem::remove_all(path);
  }
  StateNode add_block(int puts, const char* tag, bool finalize = true) {
    StateNode head = db->head();
    uint64_t n = next_block++;
    StateNode node = db->create_block_node(head.id(), BlockInfo{block_id(n), head.revision() + 1, n, {}}, {}).value();
    for (int j = 0; j < puts; ++j) {
      (void)node.put_object(k_space, object_key(n * 100000 + j, tag), value_of(j));
    }
    if (finalize) (void)db->finalize_node(node.id());
    return node;
  }
};

std::vector<util::Bytes> random_root_keys(size_t count) {
  std::mt19937_64 rng(42);
  std::vector<util::Bytes> keys;
  for (size_t i = 0; i < count; ++i) keys.push_back(object_key(rng() % k_objects));
  return keys;
}

void BM_RawRocksDbGet(benchmark::State& state) {
  RawDb raw;
  std::vector<util::Bytes> keys;
  for (const auto& k : random_root_keys(4096)) keys.push_back(serialize_database_key(k_space, k));
  size_t i = 0;
  std::string value;
  for (auto _ : state) {
    const auto& key = keys[i++ & 4095];
    // Same work as the backend: Get into a PinnableSlice and copy the value out.
    rocksdb::PinnableSlice pinned;
    auto s = raw.db->Get(rocksdb::ReadOptions(), raw.db->DefaultColumnFamily(),
                         rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()), &pinned);
    util::Bytes copy(reinterpret_cast<const uint8_t*>(pinned.data()),
                     reinterpret_cast<const uint8_t*>(pinned.data()) + pinned.size());
    benchmark::DoNotOptimize(copy);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_RawRocksDbGet);

// Baseline for the commit: the same 1,000 puts as one raw WriteBatch with sync=true.
void BM_RawRocksDbWrite1000Sync(benchmark::State& state) {
  RawDb raw;
  uint64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ++n;
    std::vector<std::pair<util::Bytes, util::Bytes>> puts;
    for (int j = 0; j < k_puts_per_block; ++j) {
      puts.emplace_back(serialize_database_key(k_space, object_key(n * 100000 + j, "raw")), value_of(j));
    }
    state.ResumeTiming();
    rocksdb::WriteBatch batch;
    for (const auto& [key, value] : puts) {
      batch.Put(rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()),
                rocksdb::Slice(reinterpret_cast<const char*>(value.data()), value.size()));
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;
    benchmark::DoNotOptimize(raw.db->Write(wo, &batch));
  }
}
BENCHMARK(BM_RawRocksDbWrite1000Sync)->Unit(benchmark::kMillisecond)->Iterations(200);

void BM_GetAtRoot(benchmark::State& state) {
  ForkedDb forked;
  StateNode root = forked.db->root();
  auto keys = random_root_keys(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(root.get_object(k_space, keys[i++ & 4095]));
}
BENCHMARK(BM_GetAtRoot);

// Keys committed at the root, read through 60 block deltas that do not contain them.
void BM_GetThroughFork60(benchmark::State& state) {
  ForkedDb forked;
  StateNode head = forked.db->head();
  auto keys = random_root_keys(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(head.get_object(k_space, keys[i++ & 4095]));
  state.counters["depth"] = static_cast<double>(head.revision() - forked.db->root().revision());
}
BENCHMARK(BM_GetThroughFork60);

// Keys written 30 blocks below the head: found in a delta, no RocksDB access.
void BM_GetDeltaHitFork60(benchmark::State& state) {
  ForkedDb forked;
  StateNode head = forked.db->head();
  std::vector<util::Bytes> keys;
  for (int j = 0; j < 4096; ++j) keys.push_back(object_key(30 * 100000 + j % k_puts_per_block, "delta"));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(head.get_object(k_space, keys[i++ & 4095]));
}
BENCHMARK(BM_GetDeltaHitFork60);

void BM_GetThroughFork60Memory(benchmark::State& state) {
  ForkedDb forked(BackendKind::memory);
  StateNode head = forked.db->head();
  auto keys = random_root_keys(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(head.get_object(k_space, keys[i++ & 4095]));
}
BENCHMARK(BM_GetThroughFork60Memory);

// put_object on a block node whose parent is the root (the disk-delta lookup reads the root).
void BM_PutOnRootChild(benchmark::State& state) {
  ForkedDb forked;
  (void)forked.db->commit_node(forked.db->head().id());
  StateNode node = forked.add_block(0, "put", false);
  auto keys = random_root_keys(4096);
  util::Bytes value(100, 7);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(node.put_object(k_space, keys[i++ & 4095], value));
}
BENCHMARK(BM_PutOnRootChild);

void BM_NextAtRoot(benchmark::State& state) {
  ForkedDb forked;
  StateNode root = forked.db->root();
  auto keys = random_root_keys(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(root.get_next_object(k_space, keys[i++ & 4095]));
}
BENCHMARK(BM_NextAtRoot);

void BM_NextThroughFork60(benchmark::State& state) {
  ForkedDb forked;
  StateNode head = forked.db->head();
  auto keys = random_root_keys(4096);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(head.get_next_object(k_space, keys[i++ & 4095]));
}
BENCHMARK(BM_NextThroughFork60);

// The LIB commit write: one block of 1,000 puts (25-byte keys, 100-byte values) into RocksDB, synced.
void BM_CommitBlock1000Puts(benchmark::State& state) {
  ForkedDb forked;
  (void)forked.db->commit_node(forked.db->head().id());
  for (auto _ : state) {
    state.PauseTiming();
    StateNode node = forked.add_block(k_puts_per_block, "commit");
    state.ResumeTiming();
    auto status = forked.db->commit_node(node.id());
    if (!status) state.SkipWithError(status.error().message.c_str());
  }
  state.counters["puts_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * k_puts_per_block,
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CommitBlock1000Puts)->Unit(benchmark::kMillisecond)->Iterations(200);

void BM_FinalizeMerkle1000Puts(benchmark::State& state) {
  ForkedDb forked;
  for (auto _ : state) {
    state.PauseTiming();
    StateNode node = forked.add_block(k_puts_per_block, "merkle", false);
    state.ResumeTiming();
    benchmark::DoNotOptimize(forked.db->finalize_node(node.id()));
    state.PauseTiming();
    (void)forked.db->commit_node(forked.db->node_at_revision(forked.db->head().revision() - 1).value().id());
    state.ResumeTiming();
  }
}
BENCHMARK(BM_FinalizeMerkle1000Puts)->Unit(benchmark::kMicrosecond)->Iterations(100);

}  // namespace

BENCHMARK_MAIN();
