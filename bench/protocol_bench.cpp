// Protocol hot paths: what a node does per received transaction/block before execution, and the JSON
// codec the RPC layer runs per request. Baselines: sha256 of the same bytes (BM_baseline_sha256_*), and
// nlohmann parse/dump of the same text without protobuf (BM_baseline_nlohmann_*).
// Run: build/<release>/protocol_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "modchain/crypto/hash.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/json.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace {

using namespace modchain;

const nlohmann::json& koilib_vectors() {
  static const nlohmann::json vectors =
      nlohmann::json::parse(util::read_file(MODCHAIN_SHARED_DIR "/conformance/koilib-vectors.json").value());
  return vectors;
}

/// The koilib "five_operations" transaction (5 call_contract operations, 1 signature).
const util::Bytes& transaction_bytes() {
  static const util::Bytes bytes = [] {
    for (const auto& trx : koilib_vectors()["transactions"]) {
      if (trx["name"] == "five_operations")
        return util::from_hex(trx["transaction_bytes_hex"].get<std::string>()).value();
    }
    return util::Bytes{};
  }();
  return bytes;
}

/// The koilib height-2 block with two transactions (1175 bytes).
const util::Bytes& block_bytes() {
  static const util::Bytes bytes =
      util::from_hex(koilib_vectors()["blocks"][0]["block_bytes_hex"].get<std::string>()).value();
  return bytes;
}

koinos::protocol::transaction transaction() {
  return protocol::parse<koinos::protocol::transaction>(transaction_bytes()).value();
}

void BM_parse_transaction(benchmark::State& state) {
  koinos::protocol::transaction trx;
  for (auto _ : state) benchmark::DoNotOptimize(protocol::parse_into(transaction_bytes(), trx).ok());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * transaction_bytes().size()));
}
BENCHMARK(BM_parse_transaction);

void BM_serialize_transaction(benchmark::State& state) {
  const auto trx = transaction();
  for (auto _ : state) benchmark::DoNotOptimize(protocol::serialize(trx));
}
BENCHMARK(BM_serialize_transaction);

void BM_transaction_id(benchmark::State& state) {
  const auto trx = transaction();
  for (auto _ : state) benchmark::DoNotOptimize(protocol::transaction_id(trx.header()));
}
BENCHMARK(BM_transaction_id);

void BM_baseline_sha256_header_bytes(benchmark::State& state) {
  const auto header = protocol::serialize(transaction().header());
  for (auto _ : state) benchmark::DoNotOptimize(crypto::sha256(header));
}
BENCHMARK(BM_baseline_sha256_header_bytes);

void BM_operation_merkle_root_5(benchmark::State& state) {
  const auto trx = transaction();
  for (auto _ : state) benchmark::DoNotOptimize(protocol::operation_merkle_root(trx.operations()));
}
BENCHMARK(BM_operation_merkle_root_5);

void BM_parse_block_and_ids(benchmark::State& state) {
  koinos::protocol::block block;
  for (auto _ : state) {
    (void)protocol::parse_into(block_bytes(), block);
    benchmark::DoNotOptimize(protocol::block_id(block.header()));
    benchmark::DoNotOptimize(protocol::transaction_merkle_root(block.transactions()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * block_bytes().size()));
}
BENCHMARK(BM_parse_block_and_ids);

void BM_to_json_transaction(benchmark::State& state) {
  const auto trx = transaction();
  for (auto _ : state) benchmark::DoNotOptimize(protocol::to_json(trx));
}
BENCHMARK(BM_to_json_transaction);

void BM_from_json_transaction(benchmark::State& state) {
  const std::string text = protocol::to_json(transaction()).value();
  koinos::protocol::transaction trx;
  for (auto _ : state) benchmark::DoNotOptimize(protocol::from_json_into(text, trx).ok());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_from_json_transaction);

void BM_baseline_nlohmann_parse_dump(benchmark::State& state) {
  const std::string text = protocol::to_json(transaction()).value();
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text).dump());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_baseline_nlohmann_parse_dump);

}  // namespace

BENCHMARK_MAIN();
