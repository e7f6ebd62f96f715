#pragma once
/// The p2p service: modchain's own TCP wire protocol between nodes (docs/p2p.md).
///
/// It keeps connections to configured peers and seeds (reconnecting with backoff) and accepts inbound
/// connections within limits; checks chain id and protocol version in a handshake; gossips blocks and
/// transactions (de-duplicated by id, relayed only after the local sink accepted them, never back to the
/// sender); syncs from peers whose head is ahead, in batches of blocks by height applied in order through
/// the BlockSink; scores misbehaviour and bans peers for a while.
///
/// Threading: one I/O thread owned by the service runs every connection, timer and sink call, so calls
/// into ChainView / BlockSink / TransactionSink are serialized. Public methods are thread-safe; the ones
/// that return data read a snapshot and never wait for the I/O thread. stop() (or the destructor) closes
/// every connection and joins the thread; the sinks are not called after it returns.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/p2p/frame.hpp"
#include "modchain/p2p/interfaces.hpp"
#include "modchain/p2p/score.hpp"
#include "modchain/util/error.hpp"

namespace modchain::p2p {

/// A peer's address as configured ("host:port", IPv6 as "[::1]:port").
struct PeerAddress {
  std::string host;
  uint16_t port = 0;
  /// "host:port" (IPv6 hosts bracketed).
  std::string to_string() const;
};

/// Parses "host:port" / "[v6]:port". Errors: invalid_argument naming the text.
util::Result<PeerAddress> parse_peer_address(std::string_view text);

/// Log severity.
enum class LogLevel { debug, info, warning, error };

/// Log sink; called on the I/O thread (keep it cheap and thread-safe).
using LogFunction = std::function<void(LogLevel, const std::string&)>;

/// Configuration (docs/p2p.md "Limits" gives the reasons for the defaults).
struct Options {
  std::string listen_address = "0.0.0.0";  ///< IPv4 or IPv6 literal
  uint16_t listen_port = 8888;             ///< 0 = ephemeral (see P2pService::port())
  bool listen = true;                      ///< false = outbound only
  std::vector<PeerAddress> peers;          ///< always kept connected (reconnect with backoff)
  std::vector<PeerAddress> seeds;          ///< dialed while there is no peer
  unsigned max_inbound = 32;
  unsigned max_outbound = 16;
  size_t max_frame_payload = k_default_max_frame_payload;
  size_t max_write_queue_bytes = 64 * 1024 * 1024;
  uint32_t sync_batch = 500;               ///< blocks per sync request (at most 1000)
  std::chrono::milliseconds tick{100};     ///< housekeeping period (dials, timeouts, sync)
  std::chrono::milliseconds handshake_timeout{5000};
  std::chrono::milliseconds request_timeout{15000};
  std::chrono::milliseconds reconnect_min{500};
  std::chrono::milliseconds reconnect_max{30000};
  std::chrono::milliseconds status_interval{5000};  ///< how often peers hear our head
  std::chrono::milliseconds progress_interval{2000};  ///< sync progress log period
  /// Gossip blocks per second per peer. An honest producer must never exceed it: modchaind accepts block
  /// intervals down to 10 ms (100 blocks/s), so the limit sits at twice that. (At 50/s, followers banned a
  /// producer running 10 ms blocks: functional.p2p_late_joiner found it.)
  double block_rate = 200, block_burst = 400;
  double transaction_rate = 1000, transaction_burst = 5000;  ///< gossip transactions per second per peer
  double request_rate = 100, request_burst = 200;           ///< sync requests served per second per peer
  /// Our own sync requests per second (all peers): kept below the peers' request_rate so an honest fast
  /// sync is never taken for a flood. With sync_batch 500 this caps sync at 25,000 blocks/s.
  double sync_request_rate = 50, sync_request_burst = 100;
  double other_rate = 50, other_burst = 100;                ///< status / ping / pong per second per peer
  size_t seen_cache_size = 200000;                          ///< ids remembered per kind (blocks, transactions)
  ScoreOptions score;
  std::string user_agent = "modchain/0.1";
  LogFunction log;  ///< empty = stderr
  /// Called on the I/O thread each time gossip_enabled(stats()) changes (it starts false), e.g. for the node
  /// to publish koinos.gossip.status. Keep it cheap; it may call stats() but nothing that waits for the I/O
  /// thread. Empty = not called.
  std::function<void(bool enabled)> on_gossip_status;
};

/// A connected peer, for stats and tests.
struct PeerInfo {
  uint64_t connection_id = 0;
  std::string endpoint;  ///< remote "ip:port"
  std::string node_id;   ///< hex
  bool inbound = false;
  uint64_t head_height = 0;
};

/// Counters, for stats and tests.
struct Stats {
  size_t peers = 0;                  ///< handshaken connections
  uint64_t blocks_synced = 0;        ///< blocks applied from sync responses
  uint64_t blocks_gossiped = 0;      ///< gossiped blocks accepted by the sink
  uint64_t transactions_gossiped = 0;  ///< gossiped transactions accepted by the sink
  uint64_t duplicates = 0;           ///< gossip dropped by the seen-cache
  uint64_t sync_requests_served = 0;  ///< get_blocks answered
  uint64_t misbehaviour_disconnects = 0;  ///< connections closed for misbehaviour
  uint64_t refused_banned = 0;       ///< inbound connections refused because banned
  bool syncing = false;              ///< a sync request is in flight or due
};

/// Koinos' "gossip enabled" (koinos-rpc.md §5, `p2p.get_gossip_status`) from a stats snapshot: at least one
/// handshaken peer and no sync in progress (docs/p2p.md "Gossip status").
bool gossip_enabled(const Stats& stats);

/// The running service.
class P2pService {
 public:
  /// Binds (if listening), starts the I/O thread and dials peers and seeds. The three interfaces must
  /// outlive the service. Errors: invalid_argument (options), io_error naming the address (bind failed).
  static util::Result<std::unique_ptr<P2pService>> start(Options options, ChainView& chain, BlockSink& blocks,
                                                         TransactionSink& transactions);
  ~P2pService();
  P2pService(const P2pService&) = delete;
  P2pService& operator=(const P2pService&) = delete;

  /// The bound port (0 when not listening).
  uint16_t port() const noexcept;

  /// Gossips a block the local chain accepted (produced here or applied from elsewhere); ignored if
  /// already seen. The node calls it on koinos.mempool.block_accepted.
  void broadcast_block(const koinos::protocol::block& block);

  /// Gossips a transaction the local mempool accepted; ignored if already seen.
  void broadcast_transaction(const koinos::protocol::transaction& transaction);
  /// Gossips a transaction again even if seen: the mempool brought it back after a fork switch orphaned
  /// the block that had included it, and peers on the winning chain may never have had it.
  void rebroadcast_transaction(const koinos::protocol::transaction& transaction);

  /// Tells the service our head changed outside p2p (e.g. local production): peers get a status soon.
  void notify_head_changed();

  /// Counters snapshot.
  Stats stats() const;

  /// Handshaken peers snapshot.
  std::vector<PeerInfo> peers() const;

  /// Misbehaviour scores (decayed to now), including bans.
  std::vector<ScoreBoard::Entry> scores() const;

  /// Closes every connection and joins the I/O thread; idempotent.
  void stop();

  struct Impl;  ///< implementation (service_impl.hpp)

 private:
  explicit P2pService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace modchain::p2p
