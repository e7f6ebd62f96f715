#include "modchain/node/node.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "modchain/node/dev_chain.hpp"
#include "modchain/protocol/ids.hpp"

namespace modchain::node {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("modchain_node_test_" + std::to_string(::getpid()) + "_" +
                                        std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

NodeConfig dev_config(const fs::path& dir) {
  NodeConfig config;
  config.data_dir = dir.string();
  config.dev = true;
  config.jsonrpc_port = 0;
  config.block_interval_ms = 100;
  config.log_level = "error";
  return config;
}

TEST(DevChain, CreatedOnceThenReloaded) {
  TempDir dir;
  const std::string genesis = (dir.path / "genesis_data.json").string();
  auto first = load_or_create_dev_chain(dir.path.string(), genesis, "");
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_TRUE(first->created);
  auto second = load_or_create_dev_chain(dir.path.string(), genesis, "");
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->key.to_wif(), first->key.to_wif());
  EXPECT_EQ(protocol::chain_id(second->genesis).to_bytes(), protocol::chain_id(first->genesis).to_bytes());
  auto other = load_or_create_dev_chain(dir.path.string(), genesis, crypto::PrivateKey::from_seed("other").to_wif());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, util::ErrorCode::invalid_argument);
}

TEST(DevChain, GivenKeyBecomesTheGenesisKey) {
  TempDir dir;
  const auto key = crypto::PrivateKey::from_seed("modchain dev");
  auto chain = load_or_create_dev_chain(dir.path.string(), (dir.path / "g.json").string(), key.to_wif());
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->key.to_wif(), key.to_wif());
}

TEST(DevChain, MissingGenesisFileIsAClearError) {
  auto genesis = read_genesis("/nonexistent/genesis.json");
  ASSERT_FALSE(genesis.ok());
  EXPECT_EQ(genesis.error().code, util::ErrorCode::io_error);
  EXPECT_NE(genesis.error().message.find("cannot open /nonexistent/genesis.json"), std::string::npos);
}

// Runs a dev node until it produced `blocks` blocks in this run; returns the head height at stop.
uint64_t run_until(const NodeConfig& config, uint64_t blocks, NodeInfo* info_out) {
  std::mutex mutex;
  std::condition_variable cv;
  uint64_t produced = 0, last = 0;
  auto node = Node::start(config, {}, [&](uint64_t height) {
    std::lock_guard lock(mutex);
    ++produced;
    last = height;
    cv.notify_all();
  });
  EXPECT_TRUE(node.ok()) << node.error().describe();
  if (!node.ok()) return 0;
  *info_out = (*node)->info();
  std::unique_lock lock(mutex);
  cv.wait(lock, [&] { return produced >= blocks; });
  lock.unlock();
  (*node)->stop();
  return last;
}

TEST(Node, DevNodeProducesStopsAndResumes) {
  TempDir dir;
  NodeInfo first;
  const uint64_t head = run_until(dev_config(dir.path), 3, &first);
  ASSERT_GE(head, 3u);
  EXPECT_FALSE(first.producer_key_wif.empty());  // generated in this run
  EXPECT_EQ(first.genesis_address, first.producer_address);
  EXPECT_EQ(first.head_height, 0u);
  EXPECT_NE(first.rpc_url.find("http://127.0.0.1:"), std::string::npos);

  NodeInfo second;
  const uint64_t later = run_until(dev_config(dir.path), 1, &second);
  EXPECT_TRUE(second.producer_key_wif.empty());  // printed once only
  EXPECT_EQ(second.chain_id_hex, first.chain_id_hex);
  EXPECT_EQ(second.head_height, head);      // every block re-applied from the block store
  EXPECT_EQ(second.replayed_blocks, head);  // LIB is still genesis below 60 blocks
  EXPECT_EQ(later, head + 1);
}

TEST(Node, GovernedProfileInstallsInBlockOneOnceAndSurvivesARestart) {
  TempDir dir;
  NodeConfig config = dev_config(dir.path);
  config.profile = "governed";
  NodeInfo first;
  const uint64_t head = run_until(config, 3, &first);
  EXPECT_EQ(head, 4u);  // block 1 is the install block, then three produced under the consensus contract
  NodeInfo second;
  const uint64_t later = run_until(config, 2, &second);  // replayed, not re-installed, still accepted
  EXPECT_EQ(second.head_height, head);
  EXPECT_EQ(later, head + 2);
}

TEST(Node, BannerNamesEverythingNeeded) {
  NodeInfo info;
  info.chain_id_hex = "0x1220ab";
  info.chain_id_base64 = "EiCr";
  info.genesis_address = "1Gen";
  info.producer_address = "1Gen";
  info.data_dir = "/d";
  info.rpc_url = "http://127.0.0.1:8080/";
  info.block_interval_ms = 1000;
  const std::string text = banner(info);
  EXPECT_NE(text.find("chain id:        0x1220ab\n"), std::string::npos);
  EXPECT_NE(text.find("genesis key:     1Gen\n"), std::string::npos);
  EXPECT_NE(text.find("data dir:        /d\n"), std::string::npos);
  EXPECT_NE(text.find("JSON-RPC:        http://127.0.0.1:8080/\n"), std::string::npos);
  EXPECT_NE(text.find("new Provider(\"http://127.0.0.1:8080/\")"), std::string::npos);
  EXPECT_EQ(text.find("dev key"), std::string::npos);
  EXPECT_NE(text.find("p2p:             off\n"), std::string::npos);
  info.p2p_listen = "127.0.0.1:34227";
  info.p2p_peers = {"127.0.0.1:8888", "127.0.0.1:8889"};
  EXPECT_NE(banner(info).find("p2p:             127.0.0.1:34227, peers 127.0.0.1:8888, 127.0.0.1:8889\n"),
            std::string::npos);
}

}  // namespace
}  // namespace modchain::node
