#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <cstdio>
#include <random>

#include "modchain/p2p/service_impl.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::p2p {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

std::string PeerAddress::to_string() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

util::Result<PeerAddress> parse_peer_address(std::string_view text) {
  const auto fail = [&] {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "p2p peer address '" + std::string(text) + "' is not host:port");
  };
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return fail();
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) return fail();
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  if (host.empty() || port_text.empty() || port_text.size() > 5) return fail();
  uint32_t port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9') return fail();
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return fail();
  return PeerAddress{host, static_cast<uint16_t>(port)};
}

namespace {

std::string random_node_id() {
  std::random_device device;
  std::string id(16, '\0');
  for (auto& c : id) c = static_cast<char>(device() & 0xff);
  return id;
}

}  // namespace

P2pService::Impl::Impl(Options options, ChainView& chain, BlockSink& blocks, TransactionSink& transactions)
    : m_options(std::move(options)),
      m_chain(chain),
      m_block_sink(blocks),
      m_transaction_sink(transactions),
      m_chain_id(util::to_string(chain.chain_id())),
      m_node_id(random_node_id()),
      m_acceptor(m_io),
      m_tick_timer(m_io),
      m_scores(m_options.score),
      m_seen_blocks(m_options.seen_cache_size),
      m_seen_transactions(m_options.seen_cache_size),
      m_accepted_blocks(m_options.seen_cache_size),
      m_sync_timer(m_io) {
  const auto now = Clock::now();
  for (const auto& peer : m_options.peers) m_targets.push_back({peer, true, false, 0, {}, now, {}});
  for (const auto& seed : m_options.seeds) m_targets.push_back({seed, false, false, 0, {}, now, {}});
  m_next_status = now + m_options.status_interval;
  m_sync_pacer.emplace(m_options.sync_request_rate, m_options.sync_request_burst, now);
}

void P2pService::Impl::log(LogLevel level, const std::string& message) const {
  if (m_options.log) {
    m_options.log(level, message);
    return;
  }
  static const char* const names[] = {"debug", "info", "warning", "error"};
  if (level == LogLevel::debug) return;
  std::fprintf(stderr, "[p2p %s] %s\n", names[static_cast<int>(level)], message.c_str());
}

void P2pService::Impl::count(uint64_t Stats::*counter, uint64_t amount) {
  std::lock_guard lock(m_snapshot_mutex);
  m_stats.*counter += amount;
}

util::Status P2pService::Impl::open_listener() {
  error_code ec;
  const auto address = asio::ip::make_address(m_options.listen_address, ec);
  if (ec) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "p2p listen address '" + m_options.listen_address + "' is not an IP literal");
  }
  const tcp::endpoint endpoint(address, m_options.listen_port);
  const std::string where = m_options.listen_address + ":" + std::to_string(m_options.listen_port);
  if (m_acceptor.open(endpoint.protocol(), ec); ec) {
    return util::make_error(util::ErrorCode::io_error, "p2p cannot open a socket for " + where + ": " + ec.message());
  }
  m_acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (m_acceptor.bind(endpoint, ec); ec) {
    return util::make_error(util::ErrorCode::io_error, "p2p cannot bind " + where + ": " + ec.message());
  }
  if (m_acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return util::make_error(util::ErrorCode::io_error, "p2p cannot listen on " + where + ": " + ec.message());
  }
  m_port = m_acceptor.local_endpoint(ec).port();
  return {};
}

void P2pService::Impl::run() {
  // The I/O thread is the exception boundary: nothing thrown inside Asio handlers escapes the service.
  for (;;) {
    try {
      m_io.run();
      return;
    } catch (const std::exception& e) {
      log(LogLevel::error, std::string("p2p I/O thread caught an exception: ") + e.what());
    } catch (...) {
      log(LogLevel::error, "p2p I/O thread caught an unknown exception");
    }
  }
}

void P2pService::Impl::accept_next() {
  m_acceptor.async_accept([this](const error_code& ec, tcp::socket socket) {
    if (m_stopping) return;
    if (!ec) on_accepted(std::move(socket));
    if (ec == asio::error::operation_aborted) return;
    accept_next();
  });
}

void P2pService::Impl::on_accepted(tcp::socket socket) {
  error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  const auto key = score_key_of(remote);
  if (m_scores.is_banned(key, Clock::now())) {
    count(&Stats::refused_banned);
    log(LogLevel::info, "p2p refused banned peer " + key);
    socket.close(ec);
    return;
  }
  const bool full = count_connections(true) >= m_options.max_inbound;
  auto connection = add_connection(std::move(socket), true, /*greet=*/!full);
  if (full) {
    disconnect(*connection, DisconnectReason::too_many_peers,
               "inbound limit " + std::to_string(m_options.max_inbound) + " reached");
  }
}

std::shared_ptr<Connection> P2pService::Impl::add_connection(tcp::socket socket, bool inbound, bool greet) {
  auto connection = std::make_shared<Connection>(std::move(socket), *this, m_next_connection_id++, inbound,
                                                 m_options.max_frame_payload, m_options.max_write_queue_bytes);
  const auto now = Clock::now();
  auto& peer = connection->peer();
  peer.handshake_deadline = now + m_options.handshake_timeout;
  peer.block_bucket.emplace(m_options.block_rate, m_options.block_burst, now);
  peer.transaction_bucket.emplace(m_options.transaction_rate, m_options.transaction_burst, now);
  peer.request_bucket.emplace(m_options.request_rate, m_options.request_burst, now);
  peer.other_bucket.emplace(m_options.other_rate, m_options.other_burst, now);
  m_connections.emplace(connection->id(), connection);
  connection->start();
  if (greet) send_hello(*connection);
  log(LogLevel::debug, std::string("p2p ") + (inbound ? "accepted " : "connected to ") + connection->endpoint());
  return connection;
}

unsigned P2pService::Impl::count_connections(bool inbound) const {
  unsigned n = 0;
  for (const auto& [id, connection] : m_connections) n += (connection->inbound() == inbound) ? 1 : 0;
  return n;
}

void P2pService::Impl::dial(size_t index) {
  auto& target = m_targets[index];
  target.connecting = true;
  auto resolver = std::make_shared<tcp::resolver>(m_io);
  resolver->async_resolve(
      target.address.host, std::to_string(target.address.port),
      [this, index, resolver](const error_code& ec, const tcp::resolver::results_type& results) {
        if (m_stopping) return;
        if (ec) {
          on_dialed(index, tcp::socket(m_io));
          return;
        }
        auto socket = std::make_shared<tcp::socket>(m_io);
        asio::async_connect(*socket, results, [this, index, socket](const error_code& connect_ec, const tcp::endpoint&) {
          if (m_stopping) return;
          on_dialed(index, connect_ec ? tcp::socket(m_io) : std::move(*socket));
        });
      });
}

void P2pService::Impl::on_dialed(size_t index, tcp::socket socket) {
  auto& target = m_targets[index];
  target.connecting = false;
  if (!socket.is_open()) {
    target.backoff = std::min(m_options.reconnect_max, std::max(m_options.reconnect_min, target.backoff * 2));
    target.next_attempt = Clock::now() + target.backoff;
    log(LogLevel::debug, "p2p cannot connect to " + target.address.to_string() + ", retry in " +
                             std::to_string(target.backoff.count()) + " ms");
    return;
  }
  error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec || m_scores.is_banned(score_key_of(remote), Clock::now())) {
    socket.close(ec);
    target.backoff = m_options.reconnect_max;  // banned: try again much later (the ban may expire)
    target.next_attempt = Clock::now() + target.backoff;
    return;
  }
  auto connection = add_connection(std::move(socket), false);
  connection->peer().dial_index = static_cast<int>(index);
  target.connection_id = connection->id();
}

void P2pService::Impl::dial_due_targets(Clock::time_point now) {
  size_t handshaken = 0;
  for (const auto& [id, connection] : m_connections) handshaken += connection->peer().handshaken ? 1 : 0;
  for (size_t i = 0; i < m_targets.size(); ++i) {
    auto& target = m_targets[i];
    if (target.connecting || target.connection_id != 0 || now < target.next_attempt) continue;
    if (!target.persistent && handshaken > 0) continue;  // seeds only bootstrap
    if (count_connections(false) >= m_options.max_outbound) return;
    bool already = false;  // connected to the same node through an inbound connection
    for (const auto& [id, connection] : m_connections) {
      already = already || (!target.node_id.empty() && connection->peer().node_id == target.node_id);
    }
    if (already) {
      target.next_attempt = now + m_options.reconnect_max;
      continue;
    }
    dial(i);
  }
}

void P2pService::Impl::check_timeouts(Clock::time_point now) {
  std::vector<std::shared_ptr<Connection>> late;
  for (const auto& [id, connection] : m_connections) {
    if (!connection->peer().handshaken && now > connection->peer().handshake_deadline) late.push_back(connection);
  }
  for (auto& connection : late) disconnect(*connection, DisconnectReason::handshake_timeout, "no hello in time");
  if (m_sync.connection_id != 0 && now > m_sync.deadline) {
    auto it = m_connections.find(m_sync.connection_id);
    m_sync.connection_id = 0;
    if (it != m_connections.end()) {
      auto connection = it->second;
      punish(*connection, Offense::request_timeout, "sync request " + std::to_string(m_sync.request_id));
      // A peer that does not answer is useless for sync until it announces a new head.
      connection->peer().head.height = 0;
    }
  }
}

void P2pService::Impl::schedule_tick() {
  m_tick_timer.expires_after(m_options.tick);
  m_tick_timer.async_wait([this](const error_code& ec) {
    if (ec || m_stopping) return;
    tick();
    schedule_tick();
  });
}

void P2pService::Impl::tick() {
  const auto now = Clock::now();
  dial_due_targets(now);
  check_timeouts(now);
  sync_step();
  if (now >= m_next_status) {
    m_next_status = now + m_options.status_interval;
    send_status_to_all();
  }
  log_progress(false);
  update_snapshot();
}

void P2pService::Impl::update_snapshot() {
  std::vector<PeerInfo> peers;
  for (const auto& [id, connection] : m_connections) {
    const auto& peer = connection->peer();
    if (!peer.handshaken || connection->closing()) continue;
    peers.push_back({id, connection->endpoint(), util::to_hex(util::as_bytes(peer.node_id)),
                     connection->inbound(), peer.head.height});
  }
  bool enabled = false;
  {
    std::lock_guard lock(m_snapshot_mutex);
    m_stats.peers = peers.size();
    m_stats.syncing = m_sync.active;
    m_peer_snapshot = std::move(peers);
    enabled = gossip_enabled(m_stats);
  }
  // Outside the lock: the callback may read stats().
  if (enabled != m_gossip_enabled) {
    m_gossip_enabled = enabled;
    if (m_options.on_gossip_status) m_options.on_gossip_status(enabled);
  }
}

void P2pService::Impl::shutdown() {
  m_stopping = true;
  error_code ec;
  m_acceptor.close(ec);
  m_tick_timer.cancel();
  m_sync_timer.cancel();
  // Plain closes: a disconnect message would need the loop to keep running until it is written.
  auto connections = m_connections;
  for (auto& [id, connection] : connections) connection->close("node stopping");
}

// ---- public API ----

P2pService::P2pService(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

P2pService::~P2pService() { stop(); }

util::Result<std::unique_ptr<P2pService>> P2pService::start(Options options, ChainView& chain, BlockSink& blocks,
                                                             TransactionSink& transactions) {
  if (options.sync_batch == 0 || options.sync_batch > k_max_blocks_per_message) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "p2p sync_batch " + std::to_string(options.sync_batch) + " not in 1..1000");
  }
  if (options.tick.count() <= 0) return util::make_error(util::ErrorCode::invalid_argument, "p2p tick must be > 0");
  if (!(options.sync_request_rate > 0)) {
    return util::make_error(util::ErrorCode::invalid_argument, "p2p sync_request_rate must be > 0");
  }
  try {
    auto impl = std::make_unique<Impl>(std::move(options), chain, blocks, transactions);
    if (impl->m_options.listen) {
      MODCHAIN_TRY_STATUS(impl->open_listener());
      impl->accept_next();
    }
    impl->schedule_tick();
    asio::post(impl->m_io, [raw = impl.get()] { raw->tick(); });
    impl->m_thread = std::thread([raw = impl.get()] { raw->run(); });
    return std::unique_ptr<P2pService>(new P2pService(std::move(impl)));
  } catch (const std::exception& e) {
    return util::make_error(util::ErrorCode::io_error, std::string("p2p failed to start: ") + e.what());
  }
}

uint16_t P2pService::port() const noexcept { return m_impl->m_port; }

void P2pService::broadcast_block(const koinos::protocol::block& block) {
  if (m_impl->m_stopping) return;
  asio::post(m_impl->m_io, [impl = m_impl.get(), block] { impl->publish_block(block); });
}

void P2pService::broadcast_transaction(const koinos::protocol::transaction& transaction) {
  if (m_impl->m_stopping) return;
  asio::post(m_impl->m_io, [impl = m_impl.get(), transaction] { impl->publish_transaction(transaction); });
}

void P2pService::rebroadcast_transaction(const koinos::protocol::transaction& transaction) {
  if (m_impl->m_stopping) return;
  asio::post(m_impl->m_io, [impl = m_impl.get(), transaction] { impl->publish_transaction(transaction, true); });
}

void P2pService::notify_head_changed() {
  if (m_impl->m_stopping) return;
  asio::post(m_impl->m_io, [impl = m_impl.get()] {
    impl->m_next_status = Clock::now();  // the next tick sends it, batching bursts of head changes
  });
}

bool gossip_enabled(const Stats& stats) { return stats.peers > 0 && !stats.syncing; }

Stats P2pService::stats() const {
  std::lock_guard lock(m_impl->m_snapshot_mutex);
  return m_impl->m_stats;
}

std::vector<PeerInfo> P2pService::peers() const {
  std::lock_guard lock(m_impl->m_snapshot_mutex);
  return m_impl->m_peer_snapshot;
}

std::vector<ScoreBoard::Entry> P2pService::scores() const { return m_impl->m_scores.entries(Clock::now()); }

void P2pService::stop() {
  if (!m_impl || !m_impl->m_thread.joinable()) return;
  asio::post(m_impl->m_io, [impl = m_impl.get()] {
    impl->shutdown();
    impl->m_io.stop();  // pending writes (disconnect messages) are abandoned: the sockets are closed
  });
  m_impl->m_thread.join();
}

}  // namespace modchain::p2p
