#pragma once
// Test doubles for the p2p tests: an in-memory chain (blocks linked by id and height) implementing the
// three node interfaces, a node wrapper with captured logs, and bounded waits.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "modchain/p2p/service.hpp"
#include "modchain/protocol/ids.hpp"

namespace modchain::p2p::test {

/// Polls `predicate` until it holds or `timeout` passes (a bounded wait, not a timing assert).
inline bool wait_until(const std::function<bool()>& predicate,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return predicate();
}

/// A chain id multihash derived from a name.
inline util::Bytes test_chain_id(const std::string& name) {
  util::Bytes id{0x12, 0x20};
  for (size_t i = 0; i < 32; ++i) id.push_back(static_cast<uint8_t>(i < name.size() ? name[i] : 0));
  return id;
}

/// A block on top of `previous` at `height`; `salt` makes sibling blocks differ (forks).
inline koinos::protocol::block make_block(const util::Bytes& previous, uint64_t height, uint64_t salt = 0) {
  koinos::protocol::block block;
  auto* header = block.mutable_header();
  header->set_previous(util::to_string(previous));
  header->set_height(height);
  header->set_timestamp(1700000000000 + height * 3000 + salt);
  block.set_id(util::to_string(protocol::block_id(*header).to_bytes()));
  return block;
}

/// A transaction distinguished by `nonce_value`.
inline koinos::protocol::transaction make_transaction(uint64_t nonce_value) {
  koinos::protocol::transaction transaction;
  auto* header = transaction.mutable_header();
  header->set_rc_limit(1000);
  header->set_nonce(std::to_string(nonce_value));
  transaction.set_id(util::to_string(protocol::transaction_id(*header).to_bytes()));
  return transaction;
}

/// In-memory chain: the longest chain wins (first seen on ties); LIB = genesis.
class MemoryChain final : public ChainView, public BlockSink, public TransactionSink {
 public:
  explicit MemoryChain(const std::string& chain_name = "modchain-test") : m_chain_id(test_chain_id(chain_name)) {}

  util::Bytes chain_id() const override { return m_chain_id; }

  Topology head() const override {
    std::lock_guard lock(m_mutex);
    return m_head;
  }

  Topology last_irreversible() const override { return {}; }

  util::Result<std::vector<koinos::protocol::block>> blocks_by_height(const util::Bytes& head_id, uint64_t start,
                                                                       uint32_t count) const override {
    std::lock_guard lock(m_mutex);
    ++m_requests_served;
    auto it = m_blocks.find(util::to_string(head_id.empty() ? m_head.id : head_id));
    if (it == m_blocks.end()) it = m_blocks.find(util::to_string(m_head.id));
    std::vector<koinos::protocol::block> result;
    while (it != m_blocks.end() && it->second.header().height() >= start) {
      if (it->second.header().height() < start + count) result.push_back(it->second);
      it = m_blocks.find(it->second.header().previous());
    }
    return std::vector<koinos::protocol::block>(result.rbegin(), result.rend());
  }

  util::Status submit_block(const koinos::protocol::block& block) override {
    if (m_before_submit) m_before_submit(block);
    std::lock_guard lock(m_mutex);
    ++m_submissions[block.id()];
    return add_locked(block);
  }

  util::Status submit_transaction(const koinos::protocol::transaction& transaction) override {
    std::lock_guard lock(m_mutex);
    ++m_transaction_submissions[transaction.id()];
    if (transaction.header().rc_limit() == 0) {
      return util::make_error(util::ErrorCode::malformed_transaction, "test transaction without rc limit");
    }
    return {};
  }

  /// Adds a block as local production would (not counted as a submission).
  util::Status add(const koinos::protocol::block& block) {
    std::lock_guard lock(m_mutex);
    return add_locked(block);
  }

  /// Appends `n` blocks on top of the head; `salt` selects a fork.
  void extend(size_t n, uint64_t salt = 0) {
    for (size_t i = 0; i < n; ++i) {
      const auto top = head();
      auto status = add(make_block(top.id, top.height + 1, salt));
      MODCHAIN_ASSERT(status.ok(), "MemoryChain::extend");
    }
  }

  /// The block the head would be followed by.
  koinos::protocol::block next_block(uint64_t salt = 0) const {
    const auto top = head();
    return make_block(top.id, top.height + 1, salt);
  }

  /// Marks a block id invalid: submit_block fails with malformed_block.
  void reject(const std::string& id) {
    std::lock_guard lock(m_mutex);
    m_rejected.insert({id, true});
  }

  uint64_t height() const { return head().height; }

  /// How often submit_block saw this id.
  int submissions(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_submissions.find(id);
    return it == m_submissions.end() ? 0 : it->second;
  }

  /// How often submit_transaction saw this id.
  int transaction_submissions(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_transaction_submissions.find(id);
    return it == m_transaction_submissions.end() ? 0 : it->second;
  }

  uint64_t requests_served() const {
    std::lock_guard lock(m_mutex);
    return m_requests_served;
  }

  /// Called (outside the lock) before each submit_block, on the p2p I/O thread.
  void set_before_submit(std::function<void(const koinos::protocol::block&)> hook) { m_before_submit = std::move(hook); }

 private:
  util::Status add_locked(const koinos::protocol::block& block) {
    const auto& header = block.header();
    if (block.id() != util::to_string(protocol::block_id(header).to_bytes()) || m_rejected.count(block.id())) {
      return util::make_error(util::ErrorCode::malformed_block, "test block rejected");
    }
    if (m_blocks.count(block.id())) return {};
    uint64_t parent_height = 0;
    if (!header.previous().empty() || header.height() != 1) {
      auto parent = m_blocks.find(header.previous());
      if (parent == m_blocks.end()) return util::make_error(util::ErrorCode::unknown_previous_block, "unknown parent");
      parent_height = parent->second.header().height();
    }
    if (header.height() != parent_height + 1) return util::make_error(util::ErrorCode::unexpected_height, "height");
    m_blocks.emplace(block.id(), block);
    if (header.height() > m_head.height) {
      m_head = Topology{util::to_bytes(block.id()), header.height(), util::to_bytes(header.previous())};
    }
    return {};
  }

  util::Bytes m_chain_id;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, koinos::protocol::block> m_blocks;
  std::map<std::string, bool> m_rejected;
  std::map<std::string, int> m_submissions;
  std::map<std::string, int> m_transaction_submissions;
  Topology m_head;
  mutable uint64_t m_requests_served = 0;
  std::function<void(const koinos::protocol::block&)> m_before_submit;
};

/// A chain plus a running service, with the service's log captured.
struct TestNode {
  std::unique_ptr<MemoryChain> chain;
  std::unique_ptr<P2pService> service;
  std::shared_ptr<std::mutex> log_mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::string>> log_lines = std::make_shared<std::vector<std::string>>();

  /// True if some log line contains `text`.
  bool logged(const std::string& text) const {
    std::lock_guard lock(*log_mutex);
    for (const auto& line : *log_lines) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  uint16_t port() const { return service->port(); }
  PeerAddress address() const { return PeerAddress{"127.0.0.1", port()}; }
};

/// Options for loopback tests: ephemeral port, fast ticks and reconnects.
inline Options test_options(std::vector<PeerAddress> peers = {}) {
  Options options;
  options.listen_address = "127.0.0.1";
  options.listen_port = 0;
  options.peers = std::move(peers);
  options.tick = std::chrono::milliseconds(10);
  options.reconnect_min = std::chrono::milliseconds(20);
  options.reconnect_max = std::chrono::milliseconds(500);
  options.status_interval = std::chrono::milliseconds(200);
  options.progress_interval = std::chrono::milliseconds(200);
  options.score.half_life = std::chrono::hours(1000);  // negligible decay: scores can be compared exactly
  return options;
}

/// Starts a node on `chain`; fails the test if the service does not start.
inline TestNode start_node(std::unique_ptr<MemoryChain> chain, Options options) {
  TestNode node;
  node.chain = std::move(chain);
  const bool verbose = std::getenv("MODCHAIN_P2P_TEST_LOG") != nullptr;
  options.log = [mutex = node.log_mutex, lines = node.log_lines, verbose](LogLevel level, const std::string& line) {
    if (verbose && level != LogLevel::debug) std::fprintf(stderr, "%s\n", line.c_str());
    std::lock_guard lock(*mutex);
    lines->push_back(line);
  };
  auto service = P2pService::start(std::move(options), *node.chain, *node.chain, *node.chain);
  EXPECT_TRUE(service.ok()) << (service.ok() ? "" : service.error().describe());
  if (service.ok()) node.service = std::move(*service);
  return node;
}

}  // namespace modchain::p2p::test
