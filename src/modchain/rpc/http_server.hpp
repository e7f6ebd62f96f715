#pragma once
/// The JSON-RPC HTTP transport (Boost.Beast), in front of a RequestHandler.
///
/// Behaviour (koinos-rpc.md §1.1): any path, any method but OPTIONS and any Content-Type are handed to
/// the handler and answered `200 OK`, `Content-Type: application/json`, with the JSON-RPC errors inside;
/// OPTIONS gets 204; every response carries the CORS headers. HTTP/1.1 keep-alive is honoured.
/// Limits: a body over max_body_bytes gets the -32602 JSON-RPC error (200); with a Content-Length up to
/// 64 MiB the body is skipped and the connection kept, otherwise (bigger, or chunked) the answer is
/// followed by a clean close; headers over max_header_bytes get 431, malformed HTTP gets 400, both
/// followed by a close; each read or write must finish within io_timeout or the
/// connection is closed; above max_connections a new connection is closed at once.
///
/// Threading: `threads` I/O threads run the sessions; the handler (and therefore the synchronous
/// in-process bus call) runs on them, so `threads` is also the number of requests served at once.
/// stop() stops accepting, closes idle connections, lets requests in progress finish their response
/// (with `Connection: close`), and joins the threads.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "modchain/rpc/request_handler.hpp"
#include "modchain/util/error.hpp"

namespace modchain::rpc {

/// Listening address and limits of the HTTP server.
struct ServerOptions {
  std::string address = "127.0.0.1";  ///< IPv4 or IPv6 literal
  uint16_t port = 8080;                ///< 0 = an ephemeral port (see HttpServer::port())
  unsigned threads = 2;                ///< I/O threads (at least 1)
  unsigned max_connections = 64;       ///< open connections at once
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds io_timeout{30000};  ///< per read (request) or write (response)
};

/// A running HTTP server; stops in its destructor.
class HttpServer {
 public:
  /// Binds, listens and starts the I/O threads. `handler` must outlive the server. Errors:
  /// invalid_argument (bad address), io_error naming the address (bind/listen failed).
  static util::Result<std::unique_ptr<HttpServer>> start(const RequestHandler& handler, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port actually bound (useful with port 0).
  uint16_t port() const noexcept;

  /// Graceful stop (see the file comment); idempotent.
  void stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace modchain::rpc
