// bench_vm: what a contract run costs on the reference engine, and how its compute speed compares with
// the same C code run natively and the same .wasm run by node (V8). Checksums must agree everywhere.
//   bench_vm                         Google Benchmark suite
//   bench_vm --ratio_table           the docs/performance.md table (medians; thread CPU time)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "modchain/util/file.hpp"
#include "modchain/vm/engine.hpp"
#include "modchain/vm/raw.hpp"

extern "C" uint64_t kernels_run(uint32_t which, uint32_t n);

namespace modchain::vm {
namespace {

struct Workload {
  const char* name;
  uint32_t which;
  uint32_t n;
};
constexpr Workload k_workloads[] = {{"sha256_64KiB", 0, 64u << 10}, {"fib_22", 1, 22}, {"map_20k", 2, 20'000}};

util::Bytes contract(const char* name) {
  auto text = util::read_file(std::string(MODCHAIN_SOURCE_DIR) + "/contracts/test/vm/" + name + ".wasm");
  return text ? util::to_bytes(text.value()) : util::Bytes{};
}

class NullHost final : public HostHandler {
 public:
  HostResult invoke(HostContext&, const HostCall& call) override {
    return call.id == 602 ? HostResult::halt() : HostResult::ok(0);
  }
};

// A raw instance of kernels.wasm whose `run` can be called directly.
struct KernelInstance {
  std::unique_ptr<Engine> engine = make_wabt_interp_engine();
  std::unique_ptr<RawStore> store;
  InstanceId id = 0;

  explicit KernelInstance(bool meter) {
    PrepareOptions options;
    options.rules = ModuleRules::raw;
    options.meter = meter;
    auto prepared = prepare_module(contract("kernels"), options);
    auto compiled = engine->compile(prepared.value());
    store = engine->create_raw_store();
    auto host = store->make_function({std::vector<ValueType>(6, ValueType::i32), {ValueType::i32}},
                                     [](std::span<const Value>, std::span<Value> out) {
                                       out[0] = Value::i32(0);
                                       return util::Status();
                                     });
    id = store->instantiate(*compiled.value(), [&](std::string_view, std::string_view) { return host; }, 1).value();
  }

  InvokeResult run(const Workload& w) {
    const Value args[] = {Value::i32(w.which), Value::i32(w.n)};
    return store->invoke(id, "run", args, int64_t{1} << 60);
  }
};

void BM_ExecuteEcho(benchmark::State& state) {
  auto engine = make_wabt_interp_engine();
  auto compiled = engine->compile(prepare_module(contract("echo"), {}).value()).value();
  NullHost host;
  for (auto _ : state) benchmark::DoNotOptimize(engine->execute(*compiled, host, {1'000'000, "_start"}));
}
BENCHMARK(BM_ExecuteEcho);

void BM_PrepareAndCompileKernels(benchmark::State& state) {
  auto engine = make_wabt_interp_engine();
  const util::Bytes wasm = contract("kernels");
  for (auto _ : state) benchmark::DoNotOptimize(engine->compile(prepare_module(wasm, {}).value()));
}
BENCHMARK(BM_PrepareAndCompileKernels);

void BM_Native(benchmark::State& state) {
  const Workload& w = k_workloads[state.range(0)];
  for (auto _ : state) benchmark::DoNotOptimize(kernels_run(w.which, w.n));
  state.SetLabel(w.name);
}
BENCHMARK(BM_Native)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_WabtInterp(benchmark::State& state) {
  const Workload& w = k_workloads[state.range(0)];
  KernelInstance instance(state.range(1) != 0);
  uint64_t ticks = 0;
  for (auto _ : state) ticks = instance.run(w).execution.ticks_used;
  state.counters["ticks/s"] = benchmark::Counter(static_cast<double>(ticks), benchmark::Counter::kIsIterationInvariantRate);
  state.SetLabel(std::string(w.name) + (state.range(1) ? " metered" : " unmetered"));
}
BENCHMARK(BM_WabtInterp)->ArgsProduct({{0, 1, 2}, {0, 1}})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace modchain::vm

int ratio_table();  // vm_kernels_table part below

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--ratio_table") == 0) return ratio_table();
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

namespace {

// Thread CPU time: the shared machine runs other builds, and CPU time is what the workload itself used.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

template <class F>
double median_ms(int reps, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const double start = thread_cpu_ms();
    f();
    times.push_back(thread_cpu_ms() - start);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Runs node on the same .wasm; returns {median ms, checksum}.
std::pair<double, uint64_t> node_run(const modchain::vm::Workload& w) {
  const std::string command = std::string(MODCHAIN_NODE) + " " + MODCHAIN_SOURCE_DIR + "/bench/vm_node_runner.js " +
                              MODCHAIN_SOURCE_DIR + "/contracts/test/vm/kernels.wasm " + std::to_string(w.which) + " " +
                              std::to_string(w.n) + " 21";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {0, 0};
  char line[512] = {};
  const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
  pclose(pipe);
  unsigned long long checksum = 0;
  double ns = 0;
  if (!got || std::sscanf(line, "{\"checksum\":\"%llu\",\"ns_per_call\":%lf", &checksum, &ns) != 2) return {0, 0};
  return {ns / 1e6, checksum};
}

}  // namespace

int ratio_table() {
  using namespace modchain::vm;
  KernelInstance metered(true);
  KernelInstance unmetered(false);
  std::printf("| workload | native ms | wabt-interp metered ms (x native) | unmetered ms (x native) | "
              "metering overhead | ticks | Mticks/s | node ms (x native) | checksums |\n|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& w : k_workloads) {
    uint64_t native_sum = 0;
    const double native = median_ms(21, [&] { native_sum = kernels_run(w.which, w.n); });
    InvokeResult m;
    const double wm = median_ms(7, [&] { m = metered.run(w); });
    InvokeResult u;
    const double wu = median_ms(7, [&] { u = unmetered.run(w); });
    const auto [node_ms, node_sum] = node_run(w);
    const bool agree = !m.results.empty() && !u.results.empty() && m.results[0].bits == native_sum &&
                       u.results[0].bits == native_sum && node_sum == native_sum;
    const uint64_t ticks = m.execution.ticks_used;
    std::printf("| %s | %.3f | %.1f (%.0fx) | %.1f (%.0fx) | %.2fx | %llu | %.1f | %.3f (%.2fx) | %s |\n", w.name,
                native, wm, wm / native, wu, wu / native, wm / wu, static_cast<unsigned long long>(ticks),
                static_cast<double>(ticks) / wm / 1e3, node_ms, node_ms / native, agree ? "agree" : "MISMATCH");
  }
  return 0;
}
