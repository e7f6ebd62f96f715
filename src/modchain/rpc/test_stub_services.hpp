#pragma once
// Test and fuzz support: services that answer every Koinos RPC on a bus with an empty response of the
// right method (found by reflection), plus a few scripted chain answers used by the tests.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <atomic>
#include <string>

#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/protocol/link_rpc.hpp"

namespace modchain::rpc::testing {

/// An empty `<service>_response` whose oneof member has the same name as the request's.
inline std::string answer_reflectively(const std::string& service, std::string_view bytes) {
  auto request = protocol::make_message("koinos.rpc." + service + "." + service + "_request");
  auto response = protocol::make_message("koinos.rpc." + service + "." + service + "_response");
  if (!request.ok() || !response.ok()) return {};
  if (!(*request)->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return {};
  const auto* set = (*request)->GetReflection()->GetOneofFieldDescriptor(**request, (*request)->GetDescriptor()->oneof_decl(0));
  if (set == nullptr) return {};
  const auto* out = (*response)->GetDescriptor()->FindFieldByName(set->name());
  if (out == nullptr) return {};
  (*response)->GetReflection()->MutableMessage(response->get(), out);
  return (*response)->SerializeAsString();
}

/// The Koinos services with an RPC (koinos-rpc.md §3.1).
inline const char* const k_services[] = {"chain", "mempool", "block_store", "p2p", "transaction_store",
                                        "contract_meta_store", "account_history"};

/// Serves every service reflectively, except that `chain` has scripted answers:
/// get_head_info → head height 5; get_account_nonce → nonce 28 00 and remembers the account;
/// submit_transaction → error with data; get_chain_id → error without data; read_contract → a
/// get_head_info answer (wrong member).
struct StubServices {
  bus::InProcessBus bus;
  std::string last_account;

  StubServices() {
    for (const char* service : k_services) {
      if (std::string(service) == "chain") continue;
      (void)bus.serve(service, [name = std::string(service)](std::string_view r) { return answer_reflectively(name, r); });
    }
    (void)bus.serve("chain", [this](std::string_view r) { return chain(r); });
  }

  std::string chain(std::string_view bytes) {
    koinos::rpc::chain::chain_request request;
    koinos::rpc::chain::chain_response response;
    if (!request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return {};
    switch (request.request_case()) {
      case koinos::rpc::chain::chain_request::kGetHeadInfo:
        response.mutable_get_head_info()->mutable_head_topology()->set_height(5);
        break;
      case koinos::rpc::chain::chain_request::kGetAccountNonce:
        last_account = request.get_account_nonce().account();
        response.mutable_get_account_nonce()->set_nonce(std::string("\x28\x00", 2));
        break;
      case koinos::rpc::chain::chain_request::kSubmitTransaction:
        response.mutable_error()->set_message("insufficient pending account resources");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // error_status.data is what the gateway forwards
        response.mutable_error()->set_data("{\"code\":104,\"logs\":[]}");
#pragma GCC diagnostic pop
        break;
      case koinos::rpc::chain::chain_request::kGetChainId:
        response.mutable_error()->set_message("no chain id");
        break;
      case koinos::rpc::chain::chain_request::kReadContract:
        response.mutable_get_head_info();
        break;
      default:
        return answer_reflectively("chain", bytes);
    }
    return response.SerializeAsString();
  }
};

}  // namespace modchain::rpc::testing
