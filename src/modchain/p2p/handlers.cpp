// Message handling of P2pService: handshake, gossip, scoring. Runs on the I/O thread.
#include "modchain/p2p/service_impl.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::p2p {

namespace {

using util::ErrorCode;

/// Failures that say something about our node rather than the block or transaction the peer sent.
bool is_local_fault(ErrorCode code) {
  switch (code) {
    case ErrorCode::rpc_failure:
    case ErrorCode::io_error:
    case ErrorCode::indexer_failure:
    case ErrorCode::unexpected_state:
    case ErrorCode::block_state_error:
    case ErrorCode::pending_state_error:
    case ErrorCode::unknown_backend:
    case ErrorCode::not_found: return true;
    default: return !util::is_failure(code);
  }
}

std::string hex(const std::string& bytes) { return util::to_hex(util::as_bytes(bytes)); }

/// Peer-supplied text made safe for a log line (printable ASCII, at most 200 characters).
std::string printable(const std::string& text) {
  std::string result = text.substr(0, 200);
  for (auto& c : result) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return result;
}

}  // namespace

void P2pService::Impl::send(Connection& connection, const wire::envelope& message) {
  auto frame = encode_message(message, m_options.max_frame_payload);
  if (!frame) {
    log(LogLevel::error, "p2p cannot send " + message_name(message) + ": " + frame.error().describe());
    return;
  }
  connection.send(std::move(*frame));
}

void P2pService::Impl::send_hello(Connection& connection) {
  wire::envelope message;
  auto* hello = message.mutable_hello();
  hello->set_protocol_version(k_protocol_version);
  hello->set_chain_id(m_chain_id);
  *hello->mutable_head() = to_wire(m_chain.head());
  hello->set_node_id(m_node_id);
  hello->set_listen_port(m_port);
  hello->set_user_agent(m_options.user_agent);
  send(connection, message);
}

void P2pService::Impl::disconnect(Connection& connection, DisconnectReason reason, const std::string& what) {
  if (connection.closing()) return;
  log(LogLevel::info, "p2p disconnecting " + connection.endpoint() + " (" + disconnect_reason_name(reason) +
                          "): " + what);
  wire::envelope message;
  message.mutable_disconnect()->set_reason(static_cast<uint32_t>(reason));
  message.mutable_disconnect()->set_message(what.substr(0, 1024));
  send(connection, message);
  connection.close_after_flush(std::string(disconnect_reason_name(reason)) + ": " + what);
}

bool P2pService::Impl::punish(Connection& connection, Offense offense, const std::string& what) {
  const auto now = Clock::now();
  const bool banned = m_scores.add(connection.score_key(), offense, now);
  log(LogLevel::warning, "p2p peer " + connection.endpoint() + ": " + offense_name(offense) + " (+" +
                             std::to_string(offense_weight(offense)) + ", score " +
                             std::to_string(static_cast<int64_t>(m_scores.score(connection.score_key(), now))) +
                             "): " + what);
  if (!banned) return false;
  count(&Stats::misbehaviour_disconnects);
  disconnect(connection, DisconnectReason::banned, "banned after " + std::string(offense_name(offense)));
  return true;
}

void P2pService::Impl::on_frame_error(Connection& connection, const util::Error& error) {
  const auto offense = error.code == ErrorCode::network_bandwidth_limit_exceeded ? Offense::oversized_frame
                                                                                  : Offense::malformed_frame;
  if (!punish(connection, offense, error.message)) {
    if (!connection.closing()) count(&Stats::misbehaviour_disconnects);
    disconnect(connection, DisconnectReason::misbehaviour, error.message);
  }
}

void P2pService::Impl::on_closed(Connection& connection, const std::string& reason) {
  log(LogLevel::info, "p2p connection " + connection.endpoint() + " closed: " + reason);
  const auto id = connection.id();
  if (m_sync.connection_id == id) m_sync.connection_id = 0;  // the next sync step picks another peer
  const int index = connection.peer().dial_index;
  if (index >= 0 && static_cast<size_t>(index) < m_targets.size() && m_targets[index].connection_id == id) {
    auto& target = m_targets[index];
    target.connection_id = 0;
    target.backoff = std::min(m_options.reconnect_max, std::max(m_options.reconnect_min, target.backoff * 2));
    target.next_attempt = Clock::now() + target.backoff;
  }
  // Erasing may drop the last reference; the connection stays alive until its pending handlers finish.
  auto keep = m_connections[id];
  m_connections.erase(id);
  if (!m_stopping) update_snapshot();
}

bool P2pService::Impl::within_rate(Connection& connection, const wire::envelope& message) {
  auto& peer = connection.peer();
  TokenBucket* bucket = nullptr;
  switch (message.body_case()) {
    case wire::envelope::kGossipBlock: bucket = &*peer.block_bucket; break;
    case wire::envelope::kGossipTransaction: bucket = &*peer.transaction_bucket; break;
    case wire::envelope::kGetBlocks: bucket = &*peer.request_bucket; break;
    case wire::envelope::kBlockBatch: return true;  // solicited: bounded by our own requests
    default: bucket = &*peer.other_bucket; break;
  }
  if (bucket->take(Clock::now())) return true;
  punish(connection, Offense::rate_limit, message_name(message) + " above the per-peer rate");
  return false;
}

void P2pService::Impl::on_frame(Connection& connection, util::Bytes payload) {
  if (connection.closing() || m_stopping) return;
  auto message = decode_message(payload);
  if (!message) {
    on_frame_error(connection, message.error());
    return;
  }
  auto& peer = connection.peer();
  if (!peer.handshaken) {
    if (message->has_hello()) {
      on_hello(connection, message->hello());
    } else if (message->has_disconnect()) {
      connection.close("peer refused: " + printable(message->disconnect().message()));
    } else if (!punish(connection, Offense::malformed_message, message_name(*message) + " before hello")) {
      disconnect(connection, DisconnectReason::misbehaviour, message_name(*message) + " before hello");
    }
    return;
  }
  if (!within_rate(connection, *message)) return;
  switch (message->body_case()) {
    case wire::envelope::kDisconnect:
      log(LogLevel::info, "p2p peer " + connection.endpoint() + " disconnects: " + printable(message->disconnect().message()));
      connection.close("peer disconnected: " + printable(message->disconnect().message()));
      return;
    case wire::envelope::kStatus:
      peer.head = from_wire(message->status().head());
      sync_step();
      return;
    case wire::envelope::kGetBlocks: on_get_blocks(connection, message->get_blocks()); return;
    case wire::envelope::kBlockBatch: on_blocks(connection, message->block_batch()); return;
    case wire::envelope::kGossipBlock: on_gossip_block(connection, message->gossip_block()); return;
    case wire::envelope::kGossipTransaction: on_gossip_transaction(connection, message->gossip_transaction()); return;
    case wire::envelope::kPing: {
      wire::envelope pong;
      pong.mutable_pong()->set_nonce(message->ping().nonce());
      send(connection, pong);
      return;
    }
    case wire::envelope::kPong: return;
    default: punish(connection, Offense::malformed_message, "unexpected " + message_name(*message)); return;
  }
}

void P2pService::Impl::on_hello(Connection& connection, const wire::hello& hello) {
  if (hello.protocol_version() < k_min_protocol_version) {
    const auto what = "protocol version " + std::to_string(hello.protocol_version()) + ", need at least " +
                      std::to_string(k_min_protocol_version);
    disconnect(connection, DisconnectReason::incompatible_version, what);  // the specific reason first
    punish(connection, Offense::incompatible_version, what);
    return;
  }
  if (hello.chain_id() != m_chain_id) {
    const auto what = "chain id " + hex(hello.chain_id()) + ", ours is " + hex(m_chain_id);
    disconnect(connection, DisconnectReason::wrong_chain, what);
    punish(connection, Offense::wrong_chain, what);
    return;
  }
  const int index = connection.peer().dial_index;
  DialTarget* target = index >= 0 ? &m_targets[static_cast<size_t>(index)] : nullptr;
  if (target) target->node_id = hello.node_id();
  if (hello.node_id() == m_node_id) {
    if (target) target->next_attempt = Clock::time_point::max();  // never dial ourselves again
    disconnect(connection, DisconnectReason::self_connection, "connected to ourselves");
    return;
  }
  // Two connections between the same nodes (both dialed): both sides keep the one dialed by the smaller id.
  const auto initiator = [this](Connection& c) { return c.inbound() ? c.peer().node_id : m_node_id; };
  for (auto& [id, other] : m_connections) {
    if (other.get() == &connection || !other->peer().handshaken || other->closing()) continue;
    if (other->peer().node_id != hello.node_id()) continue;
    connection.peer().node_id = hello.node_id();
    const bool keep_new = initiator(connection) < initiator(*other);
    disconnect(keep_new ? *other : connection, DisconnectReason::duplicate_connection, "already connected");
    if (!keep_new) return;
    break;
  }
  auto& peer = connection.peer();
  peer.handshaken = true;
  peer.node_id = hello.node_id();
  peer.head = from_wire(hello.head());
  peer.listen_port = static_cast<uint16_t>(hello.listen_port());
  if (target) target->backoff = std::chrono::milliseconds(0);
  log(LogLevel::info, "p2p peer " + connection.endpoint() + " (" + printable(hello.user_agent()) + ") connected, head " +
                          std::to_string(peer.head.height));
  update_snapshot();
  sync_step();
}

void P2pService::Impl::on_gossip_block(Connection& connection, const wire::gossip_block& gossip) {
  auto block = protocol::parse<koinos::protocol::block>(util::as_bytes(gossip.block()));
  if (!block) {
    punish(connection, Offense::malformed_message, "gossip block: " + block.error().message);
    return;
  }
  const auto id = util::to_string(protocol::block_id(block->header()).to_bytes());
  if (!m_seen_blocks.insert(id)) {
    count(&Stats::duplicates);
    return;
  }
  auto& peer = connection.peer();
  if (block->header().height() > peer.head.height) {
    peer.head = Topology{util::to_bytes(id), block->header().height(), util::to_bytes(block->header().previous())};
  }
  const auto status = m_block_sink.submit_block(*block);
  if (status.ok()) {
    m_accepted_blocks.insert(id);
    count(&Stats::blocks_gossiped);
    wire::envelope relayed;
    relayed.mutable_gossip_block()->set_block(gossip.block());
    relay(relayed, connection.id());
    return;
  }
  const auto code = status.error().code;
  const auto what = "gossip block " + hex(id) + " at height " + std::to_string(block->header().height()) + ": " +
                    status.error().describe();
  if (code == ErrorCode::unknown_previous_block) {
    // Not the peer's fault by itself (we may be behind or on another fork): sync fetches the range.
    log(LogLevel::debug, "p2p " + what);
    sync_step();
  } else if (code == ErrorCode::pre_irreversibility_block) {
    punish(connection, Offense::stale_block, what);
  } else if (is_local_fault(code)) {
    log(LogLevel::warning, "p2p could not apply " + what);
  } else {
    punish(connection, Offense::invalid_block, what);
  }
}

void P2pService::Impl::on_gossip_transaction(Connection& connection, const wire::gossip_transaction& gossip) {
  auto transaction = protocol::parse<koinos::protocol::transaction>(util::as_bytes(gossip.transaction()));
  if (!transaction) {
    punish(connection, Offense::malformed_message, "gossip transaction: " + transaction.error().message);
    return;
  }
  const auto id = util::to_string(protocol::transaction_id(transaction->header()).to_bytes());
  if (!m_seen_transactions.insert(id)) {
    count(&Stats::duplicates);
    return;
  }
  const auto status = m_transaction_sink.submit_transaction(*transaction);
  if (status.ok()) {
    count(&Stats::transactions_gossiped);
    wire::envelope relayed;
    relayed.mutable_gossip_transaction()->set_transaction(gossip.transaction());
    relay(relayed, connection.id());
    return;
  }
  const auto code = status.error().code;
  const auto what = "gossip transaction " + hex(id) + ": " + status.error().describe();
  if (code == ErrorCode::invalid_nonce || code == ErrorCode::pending_transaction_limit_exceeded ||
      is_local_fault(code)) {
    log(LogLevel::debug, "p2p dropped " + what);  // the sender may simply be ahead of or behind us
  } else {
    punish(connection, Offense::invalid_transaction, what);
  }
}

void P2pService::Impl::relay(const wire::envelope& message, uint64_t except_connection) {
  auto frame = encode_message(message, m_options.max_frame_payload);
  if (!frame) {
    log(LogLevel::error, "p2p cannot relay " + message_name(message) + ": " + frame.error().describe());
    return;
  }
  // A copy: send() may close a connection (full write queue), which erases it from m_connections.
  const auto connections = m_connections;
  for (const auto& [id, connection] : connections) {
    if (id == except_connection || !connection->peer().handshaken || connection->closing()) continue;
    connection->send(*frame);
  }
}

void P2pService::Impl::send_status_to_all() {
  wire::envelope message;
  *message.mutable_status()->mutable_head() = to_wire(m_chain.head());
  relay(message, 0);
}

void P2pService::Impl::publish_block(const koinos::protocol::block& block) {
  const auto id = util::to_string(protocol::block_id(block.header()).to_bytes());
  m_accepted_blocks.insert(id);
  if (!m_seen_blocks.insert(id)) return;  // received from a peer (and relayed then) or published already
  wire::envelope message;
  message.mutable_gossip_block()->set_block(protocol::serialize_to_string(block));
  relay(message, 0);
}

void P2pService::Impl::publish_transaction(const koinos::protocol::transaction& transaction, bool even_if_seen) {
  const auto id = util::to_string(protocol::transaction_id(transaction.header()).to_bytes());
  if (!m_seen_transactions.insert(id) && !even_if_seen) return;
  wire::envelope message;
  message.mutable_gossip_transaction()->set_transaction(protocol::serialize_to_string(transaction));
  relay(message, 0);
}

}  // namespace modchain::p2p
