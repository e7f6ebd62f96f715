#pragma once
/// Internal state of P2pService (not part of the public API). Everything below runs on the I/O thread
/// except the snapshot members guarded by m_snapshot_mutex.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "modchain/p2p/connection.hpp"
#include "modchain/p2p/limits.hpp"
#include "modchain/p2p/service.hpp"
#include "modchain/p2p/wire.hpp"

namespace modchain::p2p {

using Clock = std::chrono::steady_clock;

/// An address the service dials.
struct DialTarget {
  PeerAddress address;
  bool persistent = false;         ///< configured peer (true) or seed
  bool connecting = false;         ///< a dial is in progress
  uint64_t connection_id = 0;      ///< the live connection dialed to it (0 = none)
  std::string node_id;             ///< learned in the handshake: not redialed while connected otherwise
  Clock::time_point next_attempt;
  std::chrono::milliseconds backoff{0};
};

/// The one sync request in flight (connection_id 0 = none).
struct SyncState {
  uint64_t connection_id = 0;
  uint64_t request_id = 0;
  uint64_t start_height = 0;
  uint32_t count = 0;
  Clock::time_point deadline;
  bool from_lib = false;         ///< blocks did not connect to our head: walking up again from our LIB
  uint64_t next_height = 0;      ///< while from_lib: the next height to fetch
  bool active = false;           ///< syncing (for the log and stats)
  uint64_t progress_height = 0;  ///< head height at the last progress line
  Clock::time_point progress_time;
};

struct P2pService::Impl final : ConnectionHandler {
  Impl(Options options, ChainView& chain, BlockSink& blocks, TransactionSink& transactions);

  // service.cpp: lifecycle, accept, dial, tick, snapshots
  util::Status open_listener();
  void run();
  void shutdown();
  void accept_next();
  void on_accepted(boost::asio::ip::tcp::socket socket);
  void dial(size_t index);
  void on_dialed(size_t index, boost::asio::ip::tcp::socket socket);
  std::shared_ptr<Connection> add_connection(boost::asio::ip::tcp::socket socket, bool inbound, bool greet = true);
  void schedule_tick();
  void tick();
  void dial_due_targets(Clock::time_point now);
  void check_timeouts(Clock::time_point now);
  void update_snapshot();
  void log(LogLevel level, const std::string& message) const;
  void count(uint64_t Stats::*counter, uint64_t amount = 1);
  unsigned count_connections(bool inbound) const;

  // handlers.cpp: messages, handshake, gossip, scoring
  void on_frame(Connection& connection, util::Bytes payload) override;
  void on_frame_error(Connection& connection, const util::Error& error) override;
  void on_closed(Connection& connection, const std::string& reason) override;
  void send(Connection& connection, const wire::envelope& message);
  void send_hello(Connection& connection);
  void disconnect(Connection& connection, DisconnectReason reason, const std::string& message);
  bool punish(Connection& connection, Offense offense, const std::string& what);
  bool within_rate(Connection& connection, const wire::envelope& message);
  void on_hello(Connection& connection, const wire::hello& hello);
  void on_gossip_block(Connection& connection, const wire::gossip_block& gossip);
  void on_gossip_transaction(Connection& connection, const wire::gossip_transaction& gossip);
  void relay(const wire::envelope& message, uint64_t except_connection);
  void send_status_to_all();
  void publish_block(const koinos::protocol::block& block);
  void publish_transaction(const koinos::protocol::transaction& transaction, bool even_if_seen = false);

  // sync.cpp
  void sync_step();
  bool pace_sync_request(Clock::time_point now);
  void on_get_blocks(Connection& connection, const wire::get_blocks& request);
  void on_blocks(Connection& connection, const wire::block_batch& response);
  bool apply_sync_blocks(Connection& connection, const wire::block_batch& response);
  void log_progress(bool force);

  Options m_options;
  ChainView& m_chain;
  BlockSink& m_block_sink;
  TransactionSink& m_transaction_sink;
  std::string m_chain_id;  ///< cached chain id (it never changes)
  std::string m_node_id;   ///< random, per process

  boost::asio::io_context m_io;
  boost::asio::ip::tcp::acceptor m_acceptor;
  boost::asio::steady_timer m_tick_timer;
  std::thread m_thread;
  uint16_t m_port = 0;
  std::atomic<bool> m_stopping{false};

  std::map<uint64_t, std::shared_ptr<Connection>> m_connections;
  uint64_t m_next_connection_id = 1;
  uint64_t m_next_request_id = 1;
  std::vector<DialTarget> m_targets;
  ScoreBoard m_scores;
  SeenCache m_seen_blocks;
  SeenCache m_seen_transactions;
  SeenCache m_accepted_blocks;  ///< ids our sink accepted (or we published): never submitted again by sync
  SyncState m_sync;
  std::optional<TokenBucket> m_sync_pacer;  ///< paces our sync requests (Options::sync_request_rate)
  boost::asio::steady_timer m_sync_timer;   ///< wakes sync_step when the pacer has a token again
  bool m_sync_timer_armed = false;
  Clock::time_point m_next_status;

  mutable std::mutex m_snapshot_mutex;
  Stats m_stats;  ///< written on the I/O thread under the mutex
  std::vector<PeerInfo> m_peer_snapshot;
  bool m_gossip_enabled = false;  ///< last value given to Options::on_gossip_status (I/O thread only)
};

}  // namespace modchain::p2p
