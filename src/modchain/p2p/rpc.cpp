#include "modchain/p2p/rpc.hpp"

#include <exception>

#include "koinos/rpc/p2p/p2p_rpc.pb.h"

namespace modchain::p2p {

namespace rp = koinos::rpc::p2p;

namespace {

std::string error_response(const std::string& message) {
  rp::p2p_response response;
  response.mutable_error()->set_message(message);
  return response.SerializeAsString();
}

}  // namespace

std::string handle_p2p_request(const Stats& stats, std::string_view request) {
  try {
    rp::p2p_request parsed;
    if (!parsed.ParseFromArray(request.data(), static_cast<int>(request.size()))) {
      return error_response("p2p: unparsable p2p_request");
    }
    rp::p2p_response response;
    switch (parsed.request_case()) {
      case rp::p2p_request::kReserved:
        response.mutable_reserved();
        break;
      case rp::p2p_request::kGetGossipStatus:
        response.mutable_get_gossip_status()->set_enabled(gossip_enabled(stats));
        break;
      default:
        return error_response("p2p: empty or unknown request");
    }
    return response.SerializeAsString();
  } catch (const std::exception& e) {
    return error_response(std::string("p2p: ") + e.what());
  }
}

util::Result<std::unique_ptr<P2pRpc>> P2pRpc::attach(bus::Bus& bus, const P2pService& service) {
  std::unique_ptr<P2pRpc> rpc(new P2pRpc(bus));
  MODCHAIN_TRY_STATUS(bus.serve(k_p2p_service, [&service](std::string_view request) {
    return handle_p2p_request(service.stats(), request);
  }));
  rpc->m_serving = true;  // only now: a failed attach must not remove another's handler
  return rpc;
}

P2pRpc::~P2pRpc() {
  if (m_serving) m_bus.stop_serving(k_p2p_service);
}

}  // namespace modchain::p2p
