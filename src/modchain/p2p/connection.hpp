#pragma once
/// One TCP connection to a peer (internal to the p2p service): reads frames, queues writes, closes once.
/// Lives on the service's I/O thread; every method must be called there.

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "modchain/p2p/frame.hpp"
#include "modchain/p2p/interfaces.hpp"
#include "modchain/p2p/limits.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/error.hpp"

namespace modchain::p2p {

class Connection;

/// Receives a connection's events (implemented by the service).
class ConnectionHandler {
 public:
  virtual ~ConnectionHandler() = default;
  /// A complete frame payload arrived.
  virtual void on_frame(Connection& connection, util::Bytes payload) = 0;
  /// The byte stream broke the frame rules (the connection is still open; the handler closes it).
  virtual void on_frame_error(Connection& connection, const util::Error& error) = 0;
  /// The connection is closed (called exactly once).
  virtual void on_closed(Connection& connection, const std::string& reason) = 0;
};

/// Protocol state of the peer at the other end, kept by the service.
struct PeerState {
  bool handshaken = false;
  std::string node_id;    ///< from hello
  Topology head;          ///< last known head
  uint16_t listen_port = 0;
  std::chrono::steady_clock::time_point handshake_deadline;
  std::optional<TokenBucket> block_bucket;
  std::optional<TokenBucket> transaction_bucket;
  std::optional<TokenBucket> request_bucket;
  std::optional<TokenBucket> other_bucket;
  int dial_index = -1;    ///< index into the service's dial targets for outbound connections
};

/// A framed TCP connection.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  /// Wraps a connected socket; call start() to begin reading.
  Connection(boost::asio::ip::tcp::socket socket, ConnectionHandler& handler, uint64_t id, bool inbound,
             size_t max_payload, size_t max_write_queue_bytes);

  /// Starts the read loop.
  void start();

  /// Queues a frame. A queue above the limit closes the connection (a peer that does not read).
  void send(util::Bytes frame);

  /// Closes at once (idempotent); on_closed follows.
  void close(const std::string& reason);

  /// Closes after the queued frames are written (used after a disconnect message).
  void close_after_flush(const std::string& reason);

  /// True once closing started.
  bool closing() const noexcept { return m_closing; }

  uint64_t id() const noexcept { return m_id; }                  ///< unique per service
  bool inbound() const noexcept { return m_inbound; }            ///< accepted (true) or dialed
  const std::string& endpoint() const noexcept { return m_endpoint; }  ///< "ip:port" of the remote end
  const std::string& score_key() const noexcept { return m_score_key; }  ///< see ScoreBoard
  PeerState& peer() noexcept { return m_peer; }                  ///< protocol state

 private:
  void read_some();
  void on_read(size_t bytes);
  void write_next();
  void finish(const std::string& reason);

  boost::asio::ip::tcp::socket m_socket;
  ConnectionHandler& m_handler;
  uint64_t m_id;
  bool m_inbound;
  std::string m_endpoint;
  std::string m_score_key;
  FrameDecoder m_decoder;
  size_t m_max_write_queue_bytes;
  std::vector<uint8_t> m_read_buffer;
  std::deque<util::Bytes> m_write_queue;
  size_t m_queued_bytes = 0;
  bool m_writing = false;
  bool m_closing = false;
  bool m_close_after_flush = false;
  std::string m_close_reason;
  bool m_closed_notified = false;
  PeerState m_peer;
};

/// The score key of a remote address: the IP, or ip:port for loopback addresses (several local nodes).
std::string score_key_of(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace modchain::p2p
