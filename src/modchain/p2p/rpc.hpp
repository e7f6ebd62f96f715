#pragma once
/// The p2p service on the bus as `p2p` (koinos.rpc.p2p, koinos-rpc.md §5): `get_gossip_status{} →
/// {enabled}`, which JSON-RPC serves as `p2p.get_gossip_status`.
///
/// "Gossip enabled" keeps Koinos' meaning, "this node is caught up with the network and connected to it"
/// (koinos-p2p: at least one peer and a head block time within 45 s of the wall clock), with modchain's own
/// notion of caught up: at least one handshaken peer and no sync in progress (no peer's head is above
/// ours). modchain's p2p always gossips; the status is for callers such as a gossip-gated producer.
/// A separate library (modchain::p2p_rpc), so the p2p core does not depend on the bus.

#include <memory>
#include <string>
#include <string_view>

#include "modchain/bus/bus.hpp"
#include "modchain/p2p/service.hpp"

namespace modchain::p2p {

/// Name under which the p2p service is served on the bus.
inline constexpr const char* k_p2p_service = "p2p";

/// Answers one serialized koinos.rpc.p2p.p2p_request from a stats snapshot (pure; never throws).
/// Unparsable or empty requests get an error_status.
std::string handle_p2p_request(const Stats& stats, std::string_view request);

/// `service` served on `bus` as `p2p`; stops serving in its destructor. Both must outlive it.
class P2pRpc {
 public:
  /// Serves `p2p` (fails if the name is taken). Each call reads service.stats() (a snapshot: it never
  /// waits for the p2p I/O thread).
  static util::Result<std::unique_ptr<P2pRpc>> attach(bus::Bus& bus, const P2pService& service);
  ~P2pRpc();
  P2pRpc(const P2pRpc&) = delete;
  P2pRpc& operator=(const P2pRpc&) = delete;

 private:
  explicit P2pRpc(bus::Bus& bus) : m_bus(bus) {}
  bus::Bus& m_bus;
  bool m_serving = false;
};

}  // namespace modchain::p2p
