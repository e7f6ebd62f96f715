// ChainService::handle: koinos.rpc.chain requests → the typed API and the Controller.
#include <exception>

#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "modchain/chain/chain_service.hpp"
#include "modchain/kernel/system_call_table.hpp"

namespace modchain::chain {

using util::ErrorCode;
namespace rc = koinos::rpc::chain;

namespace {

std::string error_response(const util::Error& error, std::span<const std::string> logs = {}) {
  rc::chain_response response;
  response.mutable_error()->set_message(error.message);
  // `data` is deprecated in koinos-proto but is what koinos-chain fills and the gateway forwards (§1.4).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  response.mutable_error()->set_data(error_data_json(error.code, logs));
#pragma GCC diagnostic pop
  return response.SerializeAsString();
}

std::string serialized(const rc::chain_response& response) { return response.SerializeAsString(); }

util::Result<uint32_t> system_call_id(const rc::invoke_system_call_request& request) {
  if (request.system_call_case() == rc::invoke_system_call_request::kId) {
    if (request.id() < 0 || request.id() > UINT32_MAX) {
      return util::make_error(ErrorCode::unknown_system_call, "system call id out of range");
    }
    return static_cast<uint32_t>(request.id());
  }
  for (const auto& row : kernel::koinos_system_calls()) {
    if (row.name == request.name()) return row.id;
  }
  return util::make_error(ErrorCode::unknown_system_call, "unknown system call '" + request.name() + "'");
}

}  // namespace

std::string ChainService::handle(std::string_view request) {
  try {
    return dispatch(std::string(request));
  } catch (const std::exception& e) {  // a library exception must not cross the bus boundary
    return error_response(util::make_error(ErrorCode::internal_error, std::string("chain: ") + e.what()));
  }
}

std::string ChainService::dispatch(const std::string& request_bytes) {
  rc::chain_request request;
  if (!request.ParseFromString(request_bytes)) {
    return error_response(util::make_error(ErrorCode::rpc_failure, "chain: unparsable chain_request"));
  }
  rc::chain_response response;
  switch (request.request_case()) {
    case rc::chain_request::kReserved:
      response.mutable_reserved();
      return serialized(response);
    case rc::chain_request::kSubmitBlock: {
      auto receipt = submit_block(request.submit_block().block());
      if (!receipt.ok()) return error_response(receipt.error());
      *response.mutable_submit_block()->mutable_receipt() = receipt.value();
      return serialized(response);
    }
    case rc::chain_request::kSubmitTransaction: {
      ChainError error;
      const auto& submit = request.submit_transaction();
      auto receipt = submit_transaction(submit.transaction(), submit.broadcast(), &error);
      if (!receipt.ok()) return error_response(error.error, error.logs);
      *response.mutable_submit_transaction()->mutable_receipt() = receipt.value();
      return serialized(response);
    }
    case rc::chain_request::kGetHeadInfo: {
      util::Result<koinos::chain::head_info> info = util::make_error(ErrorCode::failure, "");
      std::string state_root;
      {
        std::lock_guard lock(m_mutex);
        info = m_controller.head_info();
        auto root = m_controller.database().head().merkle_root();
        if (root.ok()) state_root = util::to_string(root->to_bytes());
      }
      if (!info.ok()) return error_response(info.error());
      auto* out = response.mutable_get_head_info();
      *out->mutable_head_topology() = info->head_topology();
      out->set_last_irreversible_block(info->last_irreversible_block());
      out->set_head_state_merkle_root(state_root);
      out->set_head_block_time(info->head_block_time());
      return serialized(response);
    }
    default:
      return dispatch_reads(request, response);
  }
}

std::string ChainService::dispatch_reads(const rc::chain_request& request, rc::chain_response& response) {
  std::lock_guard lock(m_mutex);
  switch (request.request_case()) {
    case rc::chain_request::kGetChainId: {
      auto id = m_controller.chain_id();
      if (!id.ok()) return error_response(id.error());
      response.mutable_get_chain_id()->set_chain_id(id.value());
      return serialized(response);
    }
    case rc::chain_request::kGetForkHeads: {
      auto* out = response.mutable_get_fork_heads();
      auto root = m_controller.database().root();
      out->mutable_last_irreversible_block()->set_id(util::to_string(root.id()));
      out->mutable_last_irreversible_block()->set_height(root.revision());
      out->mutable_last_irreversible_block()->set_previous(util::to_string(root.parent_id()));
      for (auto& head : m_controller.fork_heads()) *out->add_fork_heads() = std::move(head);
      return serialized(response);
    }
    case rc::chain_request::kReadContract: {
      const auto& read = request.read_contract();
      auto result = m_controller.read_contract(read.contract_id(), read.entry_point(), read.args());
      if (!result.ok()) return error_response(result.error());
      response.mutable_read_contract()->set_result(result->result);
      for (const auto& log : result->logs) response.mutable_read_contract()->add_logs(log);
      return serialized(response);
    }
    case rc::chain_request::kGetAccountNonce: {
      auto nonce = m_controller.account_nonce(request.get_account_nonce().account());
      if (!nonce.ok()) return error_response(nonce.error());
      response.mutable_get_account_nonce()->set_nonce(nonce.value());
      return serialized(response);
    }
    case rc::chain_request::kGetAccountRc: {
      auto rc_value = m_controller.account_rc(request.get_account_rc().account());
      if (!rc_value.ok()) return error_response(rc_value.error());
      response.mutable_get_account_rc()->set_rc(rc_value.value());
      return serialized(response);
    }
    case rc::chain_request::kGetResourceLimits: {
      auto limits = m_controller.resource_limits();
      if (!limits.ok()) return error_response(limits.error());
      *response.mutable_get_resource_limits()->mutable_resource_limit_data() = limits.value();
      return serialized(response);
    }
    case rc::chain_request::kInvokeSystemCall: {
      auto id = system_call_id(request.invoke_system_call());
      if (!id.ok()) return error_response(id.error());
      auto value = m_controller.invoke_system_call(id.value(), request.invoke_system_call().args());
      if (!value.ok()) return error_response(value.error());
      response.mutable_invoke_system_call()->set_value(value.value());
      return serialized(response);
    }
    case rc::chain_request::kProposeBlock:
      return error_response(util::make_error(ErrorCode::rpc_failure,
                                             "chain.propose_block is not served: modchain's producer proposes "
                                             "blocks in-process (Controller::propose_block)"));
    default:
      return error_response(util::make_error(ErrorCode::rpc_failure, "chain: empty or unknown request"));
  }
}

}  // namespace modchain::chain
