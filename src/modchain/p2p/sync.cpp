// Block sync of P2pService (docs/p2p.md "Sync"): one request in flight, to the peer with the highest head;
// batches applied in order through the BlockSink; continues from the new head. Runs on the I/O thread.
#include "modchain/p2p/service_impl.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::p2p {

using util::ErrorCode;

bool P2pService::Impl::pace_sync_request(Clock::time_point now) {
  if (m_sync_pacer->take(now)) return true;
  if (!m_sync_timer_armed) {  // retry as soon as the pacer has a token, not at the next tick
    m_sync_timer_armed = true;
    m_sync_timer.expires_after(std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / m_options.sync_request_rate)));
    m_sync_timer.async_wait([this](const boost::system::error_code& ec) {
      m_sync_timer_armed = false;
      if (!ec && !m_stopping) sync_step();
    });
  }
  return false;
}

void P2pService::Impl::sync_step() {
  if (m_stopping || m_sync.connection_id != 0) return;
  const auto head = m_chain.head();
  const auto now = Clock::now();
  Connection* best = nullptr;  // highest head; the lowest connection id on ties (map order)
  for (const auto& [id, connection] : m_connections) {
    const auto& peer = connection->peer();
    if (!peer.handshaken || connection->closing() || peer.head.height <= head.height) continue;
    if (best == nullptr || peer.head.height > best->peer().head.height) best = connection.get();
  }
  if (best == nullptr) {
    if (m_sync.active) {
      log_progress(true);
      m_sync.active = false;
      m_sync.from_lib = false;
      update_snapshot();  // before the log line, so a reader of the log sees consistent stats
      log(LogLevel::info, "p2p sync done at height " + std::to_string(head.height));
      send_status_to_all();
    }
    return;
  }
  if (!m_sync.active) {
    m_sync.active = true;
    m_sync.progress_height = head.height;
    m_sync.progress_time = now;
    log(LogLevel::info, "p2p sync from " + best->endpoint() + " at height " + std::to_string(best->peer().head.height) +
                            ", our head " + std::to_string(head.height));
  }
  if (!pace_sync_request(now)) return;
  const uint64_t start = m_sync.from_lib ? m_sync.next_height : head.height + 1;
  const uint64_t wanted = best->peer().head.height >= start ? best->peer().head.height - start + 1 : 1;
  wire::envelope message;
  auto* request = message.mutable_get_blocks();
  request->set_request_id(m_next_request_id++);
  request->set_start_height(start);
  request->set_count(static_cast<uint32_t>(std::min<uint64_t>(wanted, m_options.sync_batch)));
  request->set_head_id(util::to_string(best->peer().head.id));
  m_sync.connection_id = best->id();
  m_sync.request_id = request->request_id();
  m_sync.start_height = start;
  m_sync.count = request->count();
  m_sync.deadline = now + m_options.request_timeout;
  send(*best, message);
}

void P2pService::Impl::on_get_blocks(Connection& connection, const wire::get_blocks& request) {
  count(&Stats::sync_requests_served);
  wire::envelope message;
  auto* response = message.mutable_block_batch();
  response->set_request_id(request.request_id());
  auto blocks = m_chain.blocks_by_height(util::to_bytes(request.head_id()), request.start_height(), request.count());
  if (!blocks) {
    log(LogLevel::warning, "p2p cannot serve blocks from height " + std::to_string(request.start_height()) + ": " +
                               blocks.error().describe());
  } else {
    // Cut the batch so the response fits one frame; the requester continues from where it ends.
    size_t payload = 16;
    for (const auto& block : *blocks) {
      auto bytes = protocol::serialize_to_string(block);
      payload += bytes.size() + 8;
      if (payload > m_options.max_frame_payload) break;
      response->add_blocks(std::move(bytes));
      if (response->blocks_size() >= static_cast<int>(request.count())) break;
    }
  }
  send(connection, message);
}

void P2pService::Impl::on_blocks(Connection& connection, const wire::block_batch& response) {
  if (m_sync.connection_id != connection.id() || response.request_id() != m_sync.request_id) {
    punish(connection, Offense::bad_response, "unsolicited blocks response " + std::to_string(response.request_id()));
    return;
  }
  m_sync.connection_id = 0;
  if (response.blocks_size() == 0) {
    // The peer cannot serve what its head promised (it reorganised or is lying): ask it again only
    // after it announces a new head.
    auto& head = connection.peer().head;
    head.height = std::min(head.height, m_sync.start_height - 1);
    log(LogLevel::debug, "p2p peer " + connection.endpoint() + " has no blocks from height " +
                             std::to_string(m_sync.start_height));
  } else if (!apply_sync_blocks(connection, response)) {
    return;
  }
  log_progress(false);
  sync_step();
}

bool P2pService::Impl::apply_sync_blocks(Connection& connection, const wire::block_batch& response) {
  if (static_cast<uint32_t>(response.blocks_size()) > m_sync.count) {
    punish(connection, Offense::bad_response, "more blocks than requested");
    return false;
  }
  uint64_t applied = 0;
  for (int i = 0; i < response.blocks_size(); ++i) {
    auto block = protocol::parse<koinos::protocol::block>(util::as_bytes(response.blocks(i)));
    if (!block) {
      punish(connection, Offense::malformed_message, "sync block: " + block.error().message);
      return false;
    }
    const uint64_t expected = m_sync.start_height + static_cast<uint64_t>(i);
    if (block->header().height() != expected) {
      punish(connection, Offense::bad_response, "sync block at height " + std::to_string(block->header().height()) +
                                                    ", expected " + std::to_string(expected));
      return false;
    }
    const auto id = util::to_string(protocol::block_id(block->header()).to_bytes());
    if (m_accepted_blocks.contains(id)) {  // e.g. gossiped while this batch was on its way
      ++applied;
      continue;
    }
    const auto status = m_block_sink.submit_block(*block);
    if (status.ok() || status.error().code == ErrorCode::pre_irreversibility_block) {
      m_seen_blocks.insert(id);
      m_accepted_blocks.insert(id);
      ++applied;
      continue;
    }
    count(&Stats::blocks_synced, applied);
    const auto code = status.error().code;
    const auto what = "sync block at height " + std::to_string(expected) + ": " + status.error().describe();
    if (code == ErrorCode::unknown_previous_block && !m_sync.from_lib) {
      // The peer's chain forks below our head: walk its chain up again from our last irreversible block
      // and let the kernel's fork choice decide.
      m_sync.from_lib = true;
      m_sync.next_height = m_chain.last_irreversible().height + 1;
      log(LogLevel::info, "p2p " + what + "; restarting sync from the last irreversible block");
      return true;
    }
    m_sync.from_lib = false;
    if (code == ErrorCode::unknown_previous_block) {
      punish(connection, Offense::unknown_previous, what + " (chain not connected)");
    } else if (is_failure(code) && code != ErrorCode::rpc_failure && code != ErrorCode::io_error) {
      punish(connection, Offense::invalid_block, what);
    } else {
      log(LogLevel::warning, "p2p could not apply " + what);
      return false;  // our problem: retried at the next tick
    }
    connection.peer().head.height = 0;  // do not sync from this peer until it announces a new head
    return false;
  }
  count(&Stats::blocks_synced, applied);
  if (m_sync.from_lib) {
    m_sync.next_height = m_sync.start_height + applied;
    // Past our head's height the peer's chain is connected to ours again: continue from the head.
    if (m_sync.next_height > m_chain.head().height) m_sync.from_lib = false;
  }
  return true;
}

void P2pService::Impl::log_progress(bool force) {
  if (!m_sync.active) return;
  const auto now = Clock::now();
  if (!force && now - m_sync.progress_time < m_options.progress_interval) return;
  const uint64_t height = m_chain.head().height;
  const double seconds = std::chrono::duration<double>(now - m_sync.progress_time).count();
  const double rate = seconds > 0 ? static_cast<double>(height - std::min(height, m_sync.progress_height)) / seconds : 0;
  log(LogLevel::info, "p2p sync at height " + std::to_string(height) + ", " +
                          std::to_string(static_cast<uint64_t>(rate)) + " blocks/s");
  m_sync.progress_height = height;
  m_sync.progress_time = now;
}

}  // namespace modchain::p2p
