#include "modchain/rpc/http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace modchain::rpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session;

// How long and how much a closing connection may still send before it is cut.
constexpr std::chrono::seconds k_linger_time{2};
constexpr size_t k_linger_bytes = 8 * 1024 * 1024;
// An oversized body with a Content-Length up to this is read and dropped so that the connection can be
// kept; above it (or chunked) the answer is followed by a close.
constexpr uint64_t k_skip_limit = 64 * 1024 * 1024;

/// What the sessions share with the server.
struct Shared {
  const RequestHandler* handler = nullptr;
  ServerOptions options;
  std::atomic<unsigned> connections{0};
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<Session>> sessions;
};

void add_cors(http::response<http::string_body>& response) {
  response.set(http::field::access_control_allow_origin, "*");
  response.set(http::field::access_control_allow_methods, "POST, OPTIONS");
  response.set(http::field::access_control_allow_headers, "Content-Type, Authorization");
}

/// One connection: read a request, answer it, repeat while keep-alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : m_stream(std::move(socket)), m_shared(shared) { ++m_shared.connections; }
  ~Session() { --m_shared.connections; }

  void start() { asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read(); }); }

  /// Called by HttpServer::stop(): idle sessions close now, busy ones after their response.
  void request_stop() {
    asio::post(m_stream.get_executor(), [self = shared_from_this()] {
      if (!self->m_busy) self->close();
    });
  }

 private:
  void read() {
    if (m_shared.stopping) return close();
    m_busy = false;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(m_shared.options.max_header_bytes));
    // No limit while reading the header (Beast would refuse a large Content-Length right there); the
    // limit is set in on_header, after oversized bodies with a known length were diverted to skip_body.
    // (boost::none is not usable: Beast 1.74 compares `length > body_limit_` with an empty optional.)
    m_parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    m_stream.expires_after(m_shared.options.io_timeout);
    http::async_read_header(m_stream, m_buffer, *m_parser,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read(ec);
    auto length = m_parser->content_length();
    const bool expects_continue = beast::iequals(m_parser->get()[http::field::expect], "100-continue");
    if (length && *length > m_shared.options.max_body_bytes) {
      m_busy = true;
      // With `Expect: 100-continue` the client waits for us before sending the body: answer and close.
      if (*length > k_skip_limit || expects_continue) return respond(http::status::ok, oversized_request_response(), false);
      // Skip the declared body and answer: the connection stays usable (keep-alive).
      m_skip_left = *length;
      return skip_body();
    }
    m_parser->body_limit(m_shared.options.max_body_bytes);
    if (expects_continue) {
      // curl sends this for bodies over 1 KiB and would otherwise wait a second before sending the body.
      m_continue = http::response<http::empty_body>(http::status::continue_, 11);
      return http::async_write(m_stream, m_continue, [self = shared_from_this()](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    http::async_read(m_stream, m_buffer, *m_parser,
                     [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_read(e); });
  }

  void skip_body() {
    const size_t buffered = std::min<size_t>(m_buffer.size(), m_skip_left);
    m_buffer.consume(buffered);
    m_skip_left -= buffered;
    if (m_skip_left == 0) return respond(http::status::ok, oversized_request_response(), m_parser->get().keep_alive());
    m_stream.expires_after(m_shared.options.io_timeout);
    const size_t chunk = std::min<size_t>(m_discard.size(), m_skip_left);
    m_stream.async_read_some(asio::buffer(m_discard.data(), chunk), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->m_skip_left -= std::min<size_t>(n, self->m_skip_left);
      self->skip_body();
    });
  }

  void on_read(beast::error_code ec) {
    m_busy = true;
    if (ec == http::error::body_limit) {
      // The JSON-RPC answer for an oversized request; the unread rest of the body forces a close.
      return respond(http::status::ok, oversized_request_response(), false);
    }
    if (ec == http::error::header_limit) return respond(http::status::request_header_fields_too_large, "", false);
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return respond(http::status::bad_request, "", false);
    }
    if (ec) return close();  // peer closed, timeout, reset, stop
    auto& request = m_parser->get();
    const bool keep_alive = request.keep_alive();
    if (request.method() == http::verb::options) return respond(http::status::no_content, "", keep_alive);
    return respond(http::status::ok, m_shared.handler->handle(request.body()), keep_alive);
  }

  void respond(http::status status, std::string body, bool keep_alive) {
    keep_alive = keep_alive && !m_shared.stopping;
    m_response = {};
    m_response.version(11);
    m_response.result(status);
    add_cors(m_response);
    if (status == http::status::ok) m_response.set(http::field::content_type, "application/json");
    m_response.body() = std::move(body);
    m_response.keep_alive(keep_alive);
    m_response.prepare_payload();
    m_stream.expires_after(m_shared.options.io_timeout);
    http::async_write(m_stream, m_response, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      if (!keep_alive) return self->linger();
      self->read();
    });
  }

  /// Half-closes and reads whatever the client still sends (an oversized body, a pipelined request)
  /// before closing: closing with unread input would reset the connection and could destroy the
  /// response before the client reads it.
  void linger() {
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    m_stream.expires_after(k_linger_time);
    m_lingered = 0;
    drain();
  }

  void drain() {
    m_stream.async_read_some(asio::buffer(m_discard), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->m_lingered += n;
      if (ec || self->m_lingered > k_linger_bytes) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ignored;
    m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    m_stream.socket().close(ignored);
  }

  beast::tcp_stream m_stream;
  beast::flat_buffer m_buffer;
  std::optional<http::request_parser<http::string_body>> m_parser;
  http::response<http::string_body> m_response;
  http::response<http::empty_body> m_continue;
  Shared& m_shared;
  bool m_busy = false;
  std::array<char, 16 * 1024> m_discard{};
  size_t m_lingered = 0;
  uint64_t m_skip_left = 0;
};

}  // namespace

struct HttpServer::Impl {
  asio::io_context ioc;
  // On a strand: accept completions and the close posted by stop() run on different I/O threads otherwise.
  tcp::acceptor acceptor{asio::make_strand(ioc)};
  Shared shared;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  std::once_flag stopped;

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || shared.stopping) return;
      if (!ec) {
        if (shared.connections >= shared.options.max_connections) {
          beast::error_code ignored;
          socket.close(ignored);  // over the limit: refuse at once
        } else {
          auto session = std::make_shared<Session>(std::move(socket), shared);
          {
            std::lock_guard lock(shared.mutex);
            shared.sessions.remove_if([](const std::weak_ptr<Session>& s) { return s.expired(); });
            shared.sessions.push_back(session);
          }
          session->start();
        }
      }
      accept();
    });
  }

  util::Status listen(const ServerOptions& options) {
    beast::error_code ec;
    auto address = asio::ip::make_address(options.address, ec);
    if (ec) return util::make_error(util::ErrorCode::invalid_argument, "JSON-RPC listen address '" + options.address + "' is not an IP address");
    tcp::endpoint endpoint(address, options.port);
    const std::string where = options.address + ":" + std::to_string(options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return util::make_error(util::ErrorCode::io_error, "cannot listen on " + where + ": " + ec.message());
    port = acceptor.local_endpoint().port();
    return {};
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

uint16_t HttpServer::port() const noexcept { return m_impl->port; }

util::Result<std::unique_ptr<HttpServer>> HttpServer::start(const RequestHandler& handler, ServerOptions options) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->shared.handler = &handler;
    if (options.threads == 0) options.threads = 1;
    impl->shared.options = options;
    MODCHAIN_TRY_STATUS(impl->listen(options));
    impl->accept();
    for (unsigned i = 0; i < options.threads; ++i) {
      impl->threads.emplace_back([ioc = &impl->ioc] {
        for (;;) {
          try {
            ioc->run();
            return;
          } catch (...) {
            // A handler threw (only allocation failure can): keep serving.
          }
        }
      });
    }
    return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
  } catch (const std::exception& e) {
    return util::make_error(util::ErrorCode::io_error, std::string("cannot start the JSON-RPC server: ") + e.what());
  }
}

void HttpServer::stop() {
  if (!m_impl) return;
  std::call_once(m_impl->stopped, [this] {
    Impl& impl = *m_impl;
    impl.shared.stopping = true;
    asio::post(impl.acceptor.get_executor(), [&impl] {
      beast::error_code ignored;
      impl.acceptor.close(ignored);
    });
    std::vector<std::shared_ptr<Session>> alive;
    {
      std::lock_guard lock(impl.shared.mutex);
      for (auto& weak : impl.shared.sessions) {
        if (auto session = weak.lock()) alive.push_back(std::move(session));
      }
    }
    for (auto& session : alive) session->request_stop();
    alive.clear();
    // run() returns once every session is gone; every pending operation has a deadline (io_timeout).
    for (auto& thread : impl.threads) {
      if (thread.joinable()) thread.join();
    }
  });
}

}  // namespace modchain::rpc
