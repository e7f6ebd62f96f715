// modchaind: the modchain node. `modchaind --dev` runs a one-command local chain; see docs/node.md.
#include <signal.h>

#include <atomic>
#include <csignal>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>
#include <vector>

#include "modchain/node/config.hpp"
#include "modchain/node/node.hpp"

namespace {

using modchain::node::LogLevel;

/// Options of this program only (not node configuration), removed before the configuration is parsed.
struct AppOptions {
  long stop_after_blocks = -1;    ///< `--stop-after-blocks N`: exit 0 once block N was produced (tests)
  bool exit_after_start = false;  ///< `--exit-after-start`: print the banner and stop (tests, scripts)
};

constexpr const char* k_app_usage =
    "modchaind-only options:\n"
    "  --stop-after-blocks N   stop after this node produced N blocks in this run (tests)\n"
    "  --exit-after-start      start, print the banner, stop (tests)\n";

bool take_app_options(std::vector<const char*>& args, AppOptions& app, std::string& error) {
  std::vector<const char*> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string arg = args[i];
    if (arg == "--exit-after-start") {
      app.exit_after_start = true;
    } else if (arg == "--stop-after-blocks") {
      if (i + 1 >= args.size()) return error = "--stop-after-blocks needs a number", false;
      char* end = nullptr;
      app.stop_after_blocks = std::strtol(args[++i], &end, 10);
      if (*end != '\0' || app.stop_after_blocks < 0) return error = "--stop-after-blocks needs a number", false;
    } else {
      rest.push_back(args[i]);
    }
  }
  args = std::move(rest);
  return true;
}

void log_line(LogLevel level, std::string_view message) {
  static std::mutex mutex;
  static constexpr const char* k_names[] = {"trace", "debug", "info", "warn", "error"};
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::lock_guard lock(mutex);
  std::fprintf(stderr, "%s.%03dZ %-5s %.*s\n", stamp, static_cast<int>(ms), k_names[static_cast<int>(level)],
               static_cast<int>(message.size()), message.data());
}

// Blocks SIGINT/SIGTERM in every thread (set before any thread starts) so that main can sigwait them.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int run(const modchain::node::NodeConfig& config, const AppOptions& app) {
  const sigset_t signals = block_stop_signals();
  std::signal(SIGPIPE, SIG_IGN);  // a client closing its connection must not kill the node
  std::atomic<bool> done{false};
  auto on_block = [&](uint64_t) {
    static std::atomic<long> produced{0};
    if (app.stop_after_blocks >= 0 && ++produced >= app.stop_after_blocks) done = true;
  };
  auto node = modchain::node::Node::start(config, log_line, on_block);
  if (!node.ok()) {
    std::fprintf(stderr, "modchaind: %s\n", node.error().describe().c_str());
    if (!config.dev) std::fprintf(stderr, "(`modchaind --dev` starts a local development chain)\n");
    return 1;
  }
  std::printf("modchaind %s (Koinos protocol, koinos-proto v2)%s\n%s", MODCHAIN_VERSION, config.dev ? " --dev" : "",
              modchain::node::banner((*node)->info()).c_str());
  std::fflush(stdout);
  log_line(LogLevel::info, "node started; stop with Ctrl-C (SIGINT) or SIGTERM");
  if (app.exit_after_start || app.stop_after_blocks == 0) done = true;
  while (!done) {
    const timespec tick{0, 100'000'000};
    const int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) {
      log_line(LogLevel::info, sig == SIGINT ? "SIGINT: shutting down" : "SIGTERM: shutting down");
      break;
    }
  }
  (*node)->stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<const char*> args(argv, argv + argc);
  AppOptions app;
  std::string error;
  if (!take_app_options(args, app, error)) {
    std::fprintf(stderr, "modchaind: %s\n", error.c_str());
    return 2;
  }
  const char* home = std::getenv("HOME");
  auto config = modchain::node::load_config(static_cast<int>(args.size()), args.data(),
                                            modchain::node::ConfigEnvironment{home != nullptr ? home : ""});
  if (!config.ok()) {
    std::fprintf(stderr, "modchaind: %s\n(see modchaind --help)\n", config.error().message.c_str());
    return 2;
  }
  if (config->help) {
    std::printf("usage: modchaind [--dev] [options]\n%s%s", modchain::node::config_usage().c_str(), k_app_usage);
    return 0;
  }
  return run(config.value(), app);
}
