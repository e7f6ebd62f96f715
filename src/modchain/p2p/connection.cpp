#include "modchain/p2p/connection.hpp"

#include <boost/asio/write.hpp>

namespace modchain::p2p {

namespace asio = boost::asio;
using boost::system::error_code;

std::string score_key_of(const asio::ip::tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  if (address.is_loopback()) return address.to_string() + ":" + std::to_string(endpoint.port());
  return address.to_string();
}

Connection::Connection(asio::ip::tcp::socket socket, ConnectionHandler& handler, uint64_t id, bool inbound,
                       size_t max_payload, size_t max_write_queue_bytes)
    : m_socket(std::move(socket)),
      m_handler(handler),
      m_id(id),
      m_inbound(inbound),
      m_decoder(max_payload),
      m_max_write_queue_bytes(max_write_queue_bytes),
      m_read_buffer(64 * 1024) {
  error_code ec;
  const auto remote = m_socket.remote_endpoint(ec);
  if (!ec) {
    m_endpoint = remote.address().to_string() + ":" + std::to_string(remote.port());
    m_score_key = score_key_of(remote);
  } else {
    m_endpoint = m_score_key = "unknown";
  }
  m_socket.set_option(asio::ip::tcp::no_delay(true), ec);
}

void Connection::start() { read_some(); }

void Connection::read_some() {
  if (m_closing) return;
  m_socket.async_read_some(asio::buffer(m_read_buffer),
                           [self = shared_from_this()](const error_code& ec, size_t bytes) {
                             if (ec) {
                               const bool truncated = self->m_decoder.pending_bytes() > 0;
                               self->finish(truncated ? "truncated frame at end of stream" : ec.message());
                               return;
                             }
                             self->on_read(bytes);
                           });
}

void Connection::on_read(size_t bytes) {
  if (m_closing) return;
  const auto status = m_decoder.feed(util::ByteView(m_read_buffer.data(), bytes));
  while (!m_closing) {
    auto payload = m_decoder.next();
    if (!payload) break;
    m_handler.on_frame(*this, std::move(*payload));
  }
  if (m_closing) return;
  if (!status.ok() || m_decoder.failed()) {
    m_handler.on_frame_error(*this, m_decoder.error());
    if (!m_closing) close("frame error");
    return;
  }
  read_some();
}

void Connection::send(util::Bytes frame) {
  if (m_closing) return;
  m_queued_bytes += frame.size();
  if (m_queued_bytes > m_max_write_queue_bytes) {
    close("write queue above " + std::to_string(m_max_write_queue_bytes) + " bytes (peer does not read)");
    return;
  }
  m_write_queue.push_back(std::move(frame));
  write_next();
}

void Connection::write_next() {
  if (m_writing || m_write_queue.empty()) return;
  m_writing = true;
  asio::async_write(m_socket, asio::buffer(m_write_queue.front()),
                    [self = shared_from_this()](const error_code& ec, size_t) {
                      self->m_writing = false;
                      if (ec) {
                        self->finish("write failed: " + ec.message());
                        return;
                      }
                      self->m_queued_bytes -= self->m_write_queue.front().size();
                      self->m_write_queue.pop_front();
                      if (self->m_close_after_flush && self->m_write_queue.empty()) {
                        self->finish(self->m_close_reason);
                        return;
                      }
                      self->write_next();
                    });
}

void Connection::close(const std::string& reason) {
  if (m_closing && !m_close_after_flush) return;
  m_closing = true;
  m_close_after_flush = false;
  finish(reason);
}

void Connection::close_after_flush(const std::string& reason) {
  if (m_closing) return;
  m_closing = true;
  m_close_after_flush = true;
  m_close_reason = reason;
  if (!m_writing && m_write_queue.empty()) finish(reason);
}

void Connection::finish(const std::string& reason) {
  m_closing = true;
  error_code ec;
  m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  m_socket.close(ec);
  if (m_closed_notified) return;
  m_closed_notified = true;
  m_handler.on_closed(*this, reason);
}

}  // namespace modchain::p2p
