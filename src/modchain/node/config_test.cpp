#include "modchain/node/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace modchain::node {
namespace {

class TempHome {
 public:
  TempHome() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() / ("modchain_config_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  std::string path() const { return m_path.string(); }
  std::string write(const std::string& relative, const std::string& text) const {
    auto file = m_path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }

 private:
  std::filesystem::path m_path;
};

util::Result<NodeConfig> load(const TempHome& home, std::vector<const char*> args) {
  args.insert(args.begin(), "modchaind");
  return load_config(static_cast<int>(args.size()), args.data(), ConfigEnvironment{home.path()});
}

// WIF of the koinos-rpc.md §6 probe key.
constexpr const char* k_wif = "KxACh9LH4UcY98CTe1QumtvR9CoKc28Qp6fd2AfwkAhQ1STPMdYc";

TEST(Config, Defaults) {
  TempHome home;
  auto config = load(home, {});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->data_dir, home.path() + "/.modchain");
  EXPECT_EQ(config->config_file, "");
  EXPECT_EQ(config->jsonrpc_address, "127.0.0.1");
  EXPECT_EQ(config->jsonrpc_port, 8080);
  EXPECT_EQ(config->jsonrpc_threads, 2u);
  EXPECT_EQ(config->jsonrpc_max_body_bytes, 1048576u);
  EXPECT_EQ(config->jsonrpc_blacklist,
            (std::vector<std::string>{"koinos.rpc.block_store.add_block", "koinos.rpc.chain.propose_block"}));
  EXPECT_EQ(config->p2p_listen, "");
  EXPECT_TRUE(config->p2p_peers.empty());
  EXPECT_EQ(config->genesis_path, home.path() + "/.modchain/genesis_data.json");
  EXPECT_EQ(config->producer_key_wif, "");
  EXPECT_EQ(config->block_interval_ms, 5000u);
  EXPECT_EQ(config->log_level, "info");
  EXPECT_EQ(config->fork_algorithm, "fifo");
  EXPECT_FALSE(config->dev);
  EXPECT_FALSE(config->help);
}

TEST(Config, YamlInTheDataDirIsReadAndFlagsOverrideIt) {
  TempHome home;
  home.write(".modchain/config.yml",
             "jsonrpc-listen: 0.0.0.0:9090\nlog-level: debug\njsonrpc-blacklist: []\n"
             "jsonrpc-whitelist:\n  - koinos.rpc.chain.\n  - koinos.rpc.block_store.get\nproducer-key: " +
                 std::string(k_wif) + "\n");
  auto config = load(home, {"--log-level", "warning", "--dev", "--block-interval=1000"});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->config_file, home.path() + "/.modchain/config.yml");
  EXPECT_EQ(config->jsonrpc_address, "0.0.0.0");
  EXPECT_EQ(config->jsonrpc_port, 9090);
  EXPECT_EQ(config->log_level, "warning");
  EXPECT_TRUE(config->jsonrpc_blacklist.empty());
  EXPECT_EQ(config->jsonrpc_whitelist, (std::vector<std::string>{"koinos.rpc.chain.", "koinos.rpc.block_store.get"}));
  EXPECT_EQ(config->producer_key_wif, k_wif);
  EXPECT_TRUE(config->dev);
  EXPECT_EQ(config->block_interval_ms, 1000u);
}

TEST(Config, P2pListenAndRepeatedPeers) {
  TempHome home;
  home.write(".modchain/config.yml", "p2p-listen: 127.0.0.1:8888\np2p-peer:\n  - 127.0.0.1:9001\n");
  auto config = load(home, {"--p2p-peer", "127.0.0.1:9002", "--p2p-peer=[::1]:9003,10.0.0.1:9004"});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->p2p_listen, "127.0.0.1:8888");
  EXPECT_EQ(config->p2p_peers,
            (std::vector<std::string>{"127.0.0.1:9001", "127.0.0.1:9002", "[::1]:9003", "10.0.0.1:9004"}));
  config = load(home, {"--p2p-listen", "off"});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->p2p_listen, "");
  EXPECT_EQ(load(home, {"--p2p-peer", "localhost"}).error().message,
            "command line: 'p2p-peer': invalid value 'localhost': expected HOST:PORT");
  EXPECT_EQ(load(home, {"--p2p-listen", "127.0.0.1:70000"}).error().message,
            "command line: 'p2p-listen': invalid value '70000': must be between 0 and 65535");
}

TEST(Config, ExplicitConfigAndDataDirFlags) {
  TempHome home;
  std::string file = home.write("elsewhere.yml", "data-dir: ~/chain\ngenesis: ~/g.json\ndev: false\n");
  auto config = load(home, {"--config", file.c_str(), "--jsonrpc-listen", "[::1]:0", "--dev=true"});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->data_dir, home.path() + "/chain");
  EXPECT_EQ(config->genesis_path, home.path() + "/g.json");
  EXPECT_EQ(config->jsonrpc_address, "::1");
  EXPECT_EQ(config->jsonrpc_port, 0);
  EXPECT_TRUE(config->dev);
  home.write("other/config.yml", "log-level: error\n");
  config = load(home, {"--data-dir", (home.path() + "/other").c_str()});
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->log_level, "error");
  EXPECT_EQ(config->genesis_path, home.path() + "/other/genesis_data.json");
}

TEST(Config, UnknownKeysAndFlagsAreNamed) {
  TempHome home;
  std::string file = home.write("c.yml", "log-level: info\njsonrpc-port: 80\n");
  auto config = load(home, {"--config", file.c_str()});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, util::ErrorCode::invalid_argument);
  EXPECT_EQ(config.error().message, file + ": unknown key 'jsonrpc-port'");
  config = load(home, {"--verbose"});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, "command line: unknown option '--verbose'");
  EXPECT_EQ(load(home, {"extra"}).error().message, "command line: unexpected argument 'extra'");
  EXPECT_EQ(load(home, {"--log-level"}).error().message, "command line: '--log-level' needs a value");
}

TEST(Config, BadValuesAreNamed) {
  TempHome home;
  EXPECT_EQ(load(home, {"--log-level", "loud"}).error().message,
            "command line: 'log-level': invalid value 'loud': expected one of trace, debug, info, warning, error");
  EXPECT_EQ(load(home, {"--jsonrpc-listen", "127.0.0.1:70000"}).error().message,
            "command line: 'jsonrpc-listen': invalid value '70000': must be between 0 and 65535");
  EXPECT_EQ(load(home, {"--jsonrpc-listen", "localhost"}).error().message,
            "command line: 'jsonrpc-listen': invalid value 'localhost': expected HOST:PORT");
  EXPECT_EQ(load(home, {"--block-interval", "-5"}).error().message,
            "command line: 'block-interval': invalid value '-5': not an unsigned integer");
  EXPECT_EQ(load(home, {"--fork-algorithm", "longest"}).error().message,
            "command line: 'fork-algorithm': invalid value 'longest': expected one of fifo, pob, block-time");
  EXPECT_EQ(load(home, {"--producer-key", "not-a-key"}).error().message,
            "command line: 'producer-key': invalid value '<hidden>': not a WIF private key");
  EXPECT_EQ(load(home, {"--dev=maybe"}).error().message, "command line: 'dev': invalid value 'maybe': expected true or false");
}

TEST(Config, BadFilesAreErrors) {
  TempHome home;
  auto missing = load(home, {"--config", "/nonexistent/modchain.yml"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, util::ErrorCode::io_error);
  EXPECT_EQ(missing.error().message.rfind("cannot read config file /nonexistent/modchain.yml", 0), 0u);
  std::string broken = home.write("b.yml", "log-level: [unclosed\n");
  EXPECT_EQ(load(home, {"--config", broken.c_str()}).error().message.rfind(broken + ": not valid YAML: ", 0), 0u);
  std::string list = home.write("l.yml", "- a\n- b\n");
  EXPECT_EQ(load(home, {"--config", list.c_str()}).error().message, list + ": expected a mapping of option names to values");
  std::string nested = home.write("n.yml", "log-level:\n  x: 1\n");
  EXPECT_EQ(load(home, {"--config", nested.c_str()}).error().message, nested + ": 'log-level': expected a single value");
  std::string empty = home.write("e.yml", "");
  EXPECT_TRUE(load(home, {"--config", empty.c_str()}).ok());
}

TEST(Config, NoHomeNeedsADataDir) {
  const char* args[] = {"modchaind"};
  auto config = load_config(1, args, ConfigEnvironment{});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, "no data directory: HOME is not set and --data-dir was not given");
}

TEST(Config, HelpAndUsage) {
  TempHome home;
  auto config = load(home, {"--help"});
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->help);
  std::string usage = config_usage();
  EXPECT_NE(usage.find("--jsonrpc-listen VALUE"), std::string::npos);
  EXPECT_NE(usage.find("--dev "), std::string::npos);
}

}  // namespace
}  // namespace modchain::node
