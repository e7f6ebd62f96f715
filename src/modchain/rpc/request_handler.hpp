#pragma once
/// The Koinos JSON-RPC 2.0 gateway logic (koinos-jsonrpc; koinos-rpc.md §1), without sockets: one
/// request body in, one response body out. The HTTP server (http_server.hpp) and the fuzz target use it.
///
/// Dispatch: `"<service>.<method>"` or `"koinos.rpc.<service>.<method>"`; `params` (an object, or
/// absent/null for an empty request) is decoded with the Koinos JSON codec (unknown keys ignored, as the
/// Go gateway's DiscardUnknown) into `koinos.rpc.<service>.<method>_request`, wrapped into the oneof
/// member `<method>` of `<service>_request`, sent to the service on the bus, and the oneof member
/// `<method>` of the `<service>_response` is encoded as the result. Error objects and strings are those
/// of koinos-rpc.md §1.4 (documented in docs/rpc.md).

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/bus/bus.hpp"

namespace modchain::rpc {

/// JSON-RPC error codes used by the gateway.
namespace codes {
inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;
inline constexpr int k_internal_error = -32603;
}  // namespace codes

/// Knobs of the gateway logic.
struct HandlerOptions {
  /// Bodies larger than this get -32602 "Request exceeds maximum message size".
  size_t max_request_bytes = 1024 * 1024;
  /// Deadline of one service call on the bus.
  std::chrono::milliseconds call_timeout{5000};
  /// If not empty, only methods whose `koinos.rpc.<service>.<method>` starts with one of these are served.
  std::vector<std::string> whitelist;
  /// Methods whose `koinos.rpc.<service>.<method>` starts with one of these are refused.
  std::vector<std::string> blacklist;
};

/// The response to a request body over the size limit (-32602, id null), for transports that refuse
/// such a body before reading all of it.
std::string oversized_request_response();

/// Turns JSON-RPC request bodies into response bodies by calling services on a bus. Thread-safe (const).
class RequestHandler {
 public:
  /// `bus` must outlive the handler.
  RequestHandler(bus::Bus& bus, HandlerOptions options);

  /// The response body for `body`; always a JSON-RPC response object, never throws.
  std::string handle(std::string_view body) const noexcept;

  /// The options in use.
  const HandlerOptions& options() const noexcept { return m_options; }

 private:
  std::string handle_unchecked(std::string_view body) const;

  bus::Bus& m_bus;
  HandlerOptions m_options;
};

}  // namespace modchain::rpc
