#pragma once
// A scripted peer for tests: a plain blocking POSIX socket that writes arbitrary bytes and reads what the
// node answers until it closes the connection (with a receive timeout, so a test cannot hang).

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "modchain/p2p/wire.hpp"

namespace modchain::p2p::test {

class RawPeer {
 public:
  /// Connects to 127.0.0.1:port.
  explicit RawPeer(uint16_t port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{30, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~RawPeer() { ::close(m_fd); }
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  bool connected() const { return m_connected; }

  /// The node's score key for us ("127.0.0.1:<our port>").
  std::string score_key() const {
    sockaddr_in address{};
    socklen_t size = sizeof(address);
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size);
    return "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  }

  /// Writes all bytes (false if the node already closed).
  bool send(const util::Bytes& bytes) {
    size_t offset = 0;
    while (offset < bytes.size()) {
      const auto n = ::send(m_fd, bytes.data() + offset, bytes.size() - offset, MSG_NOSIGNAL);
      if (n <= 0) return false;
      offset += static_cast<size_t>(n);
    }
    return true;
  }

  /// Sends one message in a frame.
  bool send_message(const wire::envelope& message) {
    auto frame = encode_message(message);
    return frame.ok() && send(*frame);
  }

  /// Reads until the node closes the connection; returns false on timeout (30 s).
  bool read_until_closed() {
    uint8_t buffer[65536];
    for (;;) {
      const auto n = ::recv(m_fd, buffer, sizeof(buffer), 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
      m_received.insert(m_received.end(), buffer, buffer + n);
    }
  }

  /// Reads until a received message satisfies `predicate`; false if the node closed first or on timeout.
  template <class Predicate>
  bool read_until_message(Predicate predicate) {
    uint8_t buffer[65536];
    for (;;) {
      for (const auto& message : messages()) {
        if (predicate(message)) return true;
      }
      const auto n = ::recv(m_fd, buffer, sizeof(buffer), 0);
      if (n <= 0) return false;
      m_received.insert(m_received.end(), buffer, buffer + n);
    }
  }

  /// The messages received so far (frames decoded; undecodable ones skipped).
  std::vector<wire::envelope> messages() const {
    FrameDecoder decoder;
    std::vector<wire::envelope> result;
    if (!decoder.feed(m_received).ok()) return result;
    while (auto payload = decoder.next()) {
      auto message = decode_message(*payload);
      if (message.ok()) result.push_back(*message);
    }
    return result;
  }

 private:
  int m_fd = -1;
  bool m_connected = false;
  util::Bytes m_received;
};

/// A valid hello for `chain_id` at height 0.
inline wire::envelope hello_message(const util::Bytes& chain_id, uint32_t version = k_protocol_version) {
  wire::envelope message;
  message.mutable_hello()->set_protocol_version(version);
  message.mutable_hello()->set_chain_id(util::to_string(chain_id));
  message.mutable_hello()->set_node_id("raw-peer");
  return message;
}

}  // namespace modchain::p2p::test
