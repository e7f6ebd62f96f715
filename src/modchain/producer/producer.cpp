#include "modchain/producer/producer.hpp"

#include <algorithm>
#include <chrono>

#include "koinos/broadcast/broadcast.pb.h"
#include "modchain/bus/typed_call.hpp"

namespace modchain::producer {

namespace kp = koinos::protocol;

BlockProducer::BlockProducer(chain::ChainService& chain, mempool::Mempool& pool, bus::Bus& bus,
                             const chain::Clock& clock, crypto::PrivateKey key, ProducerOptions options)
    : m_chain(chain), m_pool(pool), m_bus(bus), m_clock(clock), m_key(std::move(key)), m_options(options) {}

BlockProducer::~BlockProducer() { stop(); }

std::string BlockProducer::signer_address() const { return m_key.public_key().address().to_base58(); }

std::vector<kp::transaction> BlockProducer::select_transactions(
    const koinos::chain::resource_limit_data& limits) const {
  const uint64_t pct = m_options.resources_upper_bound_percent;
  const uint64_t disk_cap = limits.disk_storage_limit() / 100 * pct;
  const uint64_t network_cap = limits.network_bandwidth_limit() / 100 * pct;
  const uint64_t compute_cap = limits.compute_bandwidth_limit() / 100 * pct;
  uint64_t disk = 0, network = 0, compute = 0;
  std::vector<kp::transaction> selected;
  for (const auto& entry : m_pool.pending(m_options.max_inclusion_attempts)) {
    const auto& r = entry.receipt;
    if (disk + r.disk_storage_used() > disk_cap || network + r.network_bandwidth_used() > network_cap ||
        compute + r.compute_bandwidth_used() > compute_cap) {
      continue;  // a smaller one later may still fit
    }
    disk += r.disk_storage_used();
    network += r.network_bandwidth_used();
    compute += r.compute_bandwidth_used();
    selected.push_back(entry.transaction);
  }
  return selected;
}

util::Result<ProducedBlock> BlockProducer::produce_once() {
  auto head = m_chain.head_info();
  if (!head.ok()) return head.error();
  auto limits = m_chain.resource_limits();
  if (!limits.ok()) return limits.error();
  const uint64_t timestamp = std::max(m_clock.now_ms(), head->head_block_time() + 1);
  const auto selected = select_transactions(limits.value());
  auto proposed = m_chain.propose_block(selected, timestamp, m_key, m_options.approve_proposals);
  if (!proposed.ok()) return proposed.error();
  for (size_t index : proposed->dropped) {
    m_pool.remove(selected[index].id());
    koinos::broadcast::transaction_failed failed;
    failed.set_id(selected[index].id());
    (void)bus::publish_typed(m_bus, bus::topics::k_transaction_fail, failed);
  }
  auto receipt = m_chain.submit_block(proposed->block);
  if (!receipt.ok()) return receipt.error();
  const auto& header = proposed->block.header();
  return ProducedBlock{header.height(), proposed->block.id(), header.timestamp(),
                       static_cast<size_t>(proposed->block.transactions_size()), proposed->dropped.size()};
}

void BlockProducer::start(ProducedCallback on_block) {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) return;
  m_stopping = false;
  m_thread = std::thread([this, on_block = std::move(on_block)] { run(on_block); });
}

void BlockProducer::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) m_thread.join();
}

void BlockProducer::run(ProducedCallback on_block) {
  auto next = std::chrono::steady_clock::now();
  while (true) {
    {
      std::unique_lock lock(m_mutex);
      if (m_wake.wait_until(lock, next, [this] { return m_stopping; })) return;
    }
    next += std::chrono::milliseconds(m_options.interval_ms);
    auto produced = produce_once();
    if (on_block) on_block(produced);
    // After a long stall, do not produce a burst of catch-up blocks.
    next = std::max(next, std::chrono::steady_clock::now());
  }
}

}  // namespace modchain::producer
