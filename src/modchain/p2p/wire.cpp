#include "modchain/p2p/wire.hpp"

namespace modchain::p2p {

namespace {

util::Error bad(const std::string& what) {
  return util::make_error(util::ErrorCode::invalid_encoding, "p2p message: " + what);
}

util::Status check_id(const std::string& id, const char* field) {
  if (id.size() > k_max_id_size) return bad(std::string(field) + " of " + std::to_string(id.size()) + " bytes");
  return {};
}

util::Status check_topology(const wire::topology& topology, const char* field) {
  MODCHAIN_TRY_STATUS(check_id(topology.id(), field));
  return check_id(topology.previous(), field);
}

util::Status check_body(const wire::envelope& message) {
  switch (message.body_case()) {
    case wire::envelope::kHello: {
      const auto& hello = message.hello();
      MODCHAIN_TRY_STATUS(check_id(hello.chain_id(), "hello.chain_id"));
      MODCHAIN_TRY_STATUS(check_id(hello.node_id(), "hello.node_id"));
      if (hello.listen_port() > 65535) return bad("hello.listen_port " + std::to_string(hello.listen_port()));
      if (hello.user_agent().size() > 256) return bad("hello.user_agent too long");
      return check_topology(hello.head(), "hello.head");
    }
    case wire::envelope::kDisconnect:
      if (message.disconnect().message().size() > 1024) return bad("disconnect.message too long");
      return {};
    case wire::envelope::kStatus: return check_topology(message.status().head(), "status.head");
    case wire::envelope::kGetBlocks: {
      const auto& request = message.get_blocks();
      if (request.count() == 0 || request.count() > k_max_blocks_per_message) {
        return bad("get_blocks.count " + std::to_string(request.count()));
      }
      if (request.start_height() == 0) return bad("get_blocks.start_height 0");
      return check_id(request.head_id(), "get_blocks.head_id");
    }
    case wire::envelope::kBlockBatch:
      if (message.block_batch().blocks_size() > static_cast<int>(k_max_blocks_per_message)) {
        return bad("blocks with " + std::to_string(message.block_batch().blocks_size()) + " blocks");
      }
      return {};
    case wire::envelope::kGossipBlock:
      if (message.gossip_block().block().empty()) return bad("gossip_block without a block");
      return {};
    case wire::envelope::kGossipTransaction:
      if (message.gossip_transaction().transaction().empty()) return bad("gossip_transaction without a transaction");
      return {};
    case wire::envelope::kPing:
    case wire::envelope::kPong: return {};
    case wire::envelope::BODY_NOT_SET: break;
  }
  return bad("envelope without a known body");
}

}  // namespace

const char* disconnect_reason_name(DisconnectReason reason) noexcept {
  switch (reason) {
    case DisconnectReason::shutdown: return "shutdown";
    case DisconnectReason::wrong_chain: return "wrong_chain";
    case DisconnectReason::incompatible_version: return "incompatible_version";
    case DisconnectReason::banned: return "banned";
    case DisconnectReason::misbehaviour: return "misbehaviour";
    case DisconnectReason::duplicate_connection: return "duplicate_connection";
    case DisconnectReason::self_connection: return "self_connection";
    case DisconnectReason::too_many_peers: return "too_many_peers";
    case DisconnectReason::handshake_timeout: return "handshake_timeout";
  }
  return "unknown";
}

util::Result<util::Bytes> encode_message(const wire::envelope& message, size_t max_payload) {
  std::string payload;
  if (!message.SerializeToString(&payload)) {
    return util::make_error(util::ErrorCode::invalid_argument, "p2p message could not be serialized");
  }
  return encode_frame(util::as_bytes(payload), max_payload);
}

util::Result<wire::envelope> decode_message(util::ByteView payload) {
  wire::envelope message;
  if (payload.size() > static_cast<size_t>(INT32_MAX) ||
      !message.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return bad("envelope of " + std::to_string(payload.size()) + " bytes does not parse");
  }
  if (auto status = check_body(message); !status.ok()) return status.error();
  return message;
}

wire::topology to_wire(const Topology& topology) {
  wire::topology result;
  result.set_id(util::to_string(topology.id));
  result.set_height(topology.height);
  result.set_previous(util::to_string(topology.previous));
  return result;
}

Topology from_wire(const wire::topology& topology) {
  return Topology{util::to_bytes(topology.id()), topology.height(), util::to_bytes(topology.previous())};
}

std::string message_name(const wire::envelope& message) {
  const auto* field = wire::envelope::descriptor()->FindFieldByNumber(static_cast<int>(message.body_case()));
  return field ? field->name() : "none";
}

}  // namespace modchain::p2p
