#include "modchain/mempool/mempool.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace modchain::mempool {

using util::ErrorCode;
namespace kp = koinos::protocol;

Mempool::Mempool(MempoolOptions options, const chain::Clock& clock) : m_options(options), m_clock(clock) {}

bool Mempool::check_pending_account_resources(const std::string& payer, uint64_t max_payer_rc,
                                              uint64_t rc_limit) const {
  const uint64_t reserved = reserved_rc(payer);
  return rc_limit <= max_payer_rc && reserved <= max_payer_rc - rc_limit;
}

std::optional<uint64_t> Mempool::pending_nonce(const std::string& account) const {
  std::lock_guard lock(m_mutex);
  std::optional<uint64_t> highest;
  for (const auto& entry : m_entries) {
    if (chain::nonce_account(entry.transaction) == account) highest = std::max(highest.value_or(0), entry.nonce);
  }
  return highest;
}

uint64_t Mempool::pending_count(const std::string& payer) const {
  std::lock_guard lock(m_mutex);
  return static_cast<uint64_t>(std::count_if(m_entries.begin(), m_entries.end(), [&](const PendingEntry& e) {
    return e.transaction.header().payer() == payer;
  }));
}

uint64_t Mempool::reserved_rc(const std::string& payer) const {
  std::lock_guard lock(m_mutex);
  uint64_t sum = 0;
  for (const auto& entry : m_entries) {
    if (entry.transaction.header().payer() == payer) sum += entry.transaction.header().rc_limit();
  }
  return sum;
}

util::Status Mempool::add(const kp::transaction& trx, const kp::transaction_receipt& receipt) {
  auto nonce = chain::decode_nonce(trx.header().nonce());
  if (!nonce.ok()) return nonce.error();
  const uint64_t limit = m_options.pending_transaction_limit;
  const auto pending = pending_nonce(chain::nonce_account(trx));
  const uint64_t count = pending_count(trx.header().payer());
  std::lock_guard lock(m_mutex);
  for (const auto& entry : m_entries) {
    if (entry.transaction.id() == trx.id()) return {};
  }
  if (count >= limit) {
    return util::make_error(
        ErrorCode::pending_transaction_limit_exceeded,
        "payer already has " + std::to_string(count) + " pending transactions (limit " + std::to_string(limit) + ")");
  }
  if (pending.has_value() && *nonce != *pending + 1) {
    return util::make_error(
        ErrorCode::invalid_nonce,
        "nonce " + std::to_string(*nonce) + " does not follow the pending nonce " + std::to_string(*pending));
  }
  if (m_entries.size() >= m_options.max_transactions) {
    return util::make_error(ErrorCode::invalid_argument, "mempool is full");
  }
  m_entries.push_back(PendingEntry{trx, receipt, m_clock.now_ms(), *nonce});
  return {};
}

std::vector<PendingEntry> Mempool::pending(size_t limit) const {
  std::lock_guard lock(m_mutex);
  const size_t n = std::min(limit, m_entries.size());
  return {m_entries.begin(), m_entries.begin() + static_cast<std::ptrdiff_t>(n)};
}

bool Mempool::remove(const std::string& id) {
  std::lock_guard lock(m_mutex);
  auto it =
      std::find_if(m_entries.begin(), m_entries.end(), [&](const PendingEntry& e) { return e.transaction.id() == id; });
  if (it == m_entries.end()) return false;
  m_entries.erase(it);
  return true;
}

size_t Mempool::size() const {
  std::lock_guard lock(m_mutex);
  return m_entries.size();
}

size_t Mempool::prune_expired() {
  const uint64_t now = m_clock.now_ms();
  std::lock_guard lock(m_mutex);
  const size_t before = m_entries.size();
  std::erase_if(m_entries, [&](const PendingEntry& e) { return now > e.received_ms + m_options.expiration_ms; });
  return before - m_entries.size();
}

void Mempool::remember_block(const kp::block& block) {
  std::lock_guard lock(m_mutex);
  RecentBlock recent{block.header().previous(), block.header().height(), {}};
  recent.transactions.assign(block.transactions().begin(), block.transactions().end());
  m_recent[block.id()] = std::move(recent);
  while (m_recent.size() > k_remembered_blocks) {
    auto lowest = std::min_element(m_recent.begin(), m_recent.end(),
                                   [](const auto& a, const auto& b) { return a.second.height < b.second.height; });
    m_recent.erase(lowest);
  }
}

std::vector<kp::transaction> Mempool::orphaned_by(const kp::block& block) const {
  std::lock_guard lock(m_mutex);
  std::vector<kp::transaction> orphaned;
  if (m_head.empty() || block.header().previous() == m_head) return orphaned;
  std::set<std::string> new_branch{block.id()};
  for (std::string id = block.header().previous(); !id.empty() && new_branch.insert(id).second;) {
    auto it = m_recent.find(id);
    if (it == m_recent.end()) break;
    id = it->second.previous;
  }
  for (std::string id = m_head; new_branch.count(id) == 0;) {
    auto it = m_recent.find(id);
    if (it == m_recent.end()) break;
    orphaned.insert(orphaned.end(), it->second.transactions.begin(), it->second.transactions.end());
    id = it->second.previous;
  }
  return orphaned;
}

size_t Mempool::on_block(const kp::block& block, const Checker& check, const NonceReader& chain_nonce,
                         std::vector<PendingEntry>* readded_out) {
  std::set<std::string> drop;
  for (const auto& trx : block.transactions()) drop.insert(trx.id());
  size_t removed = prune_expired();
  // Decide without the lock: the checks call into the chain, which calls the pool under its own lock.
  auto entries = pending(m_options.max_transactions);
  std::set<std::string> known;
  for (const auto& entry : entries) known.insert(entry.transaction.id());
  std::set<std::string> candidates;  // orphaned by a fork switch: re-added if they pass below
  for (auto& trx : orphaned_by(block)) {
    auto nonce = chain::decode_nonce(trx.header().nonce());
    if (!nonce.ok() || !known.insert(trx.id()).second) continue;
    candidates.insert(trx.id());
    entries.push_back(PendingEntry{std::move(trx), {}, m_clock.now_ms(), nonce.value()});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const PendingEntry& a, const PendingEntry& b) { return a.nonce < b.nonce; });
  std::map<std::string, std::optional<uint64_t>> expected;  // per nonce account; nullopt = unreadable
  std::vector<PendingEntry> readded;
  for (auto& entry : entries) {
    const std::string& id = entry.transaction.id();
    if (drop.count(id) != 0) continue;
    const std::string& account = chain::nonce_account(entry.transaction);
    auto next = expected.find(account);
    if (next == expected.end()) {
      auto used = chain_nonce(account);
      next = expected.emplace(account, used.ok() ? std::optional<uint64_t>(used.value() + 1) : std::nullopt).first;
    }
    if (!next->second.has_value() || entry.nonce != *next->second) {
      drop.insert(id);  // nonce used already (included elsewhere, replaced on a fork), or a gap
      continue;
    }
    auto receipt = check(entry.transaction, entry.nonce > 0 ? std::optional<uint64_t>(entry.nonce - 1) : std::nullopt);
    if (!receipt.ok() || receipt->reverted()) {
      drop.insert(id);
      next->second.reset();  // every later nonce of this account would follow a gap
      continue;
    }
    ++*next->second;
    if (candidates.count(id) != 0) {
      entry.receipt = std::move(receipt).value();
      readded.push_back(std::move(entry));
    }
  }
  std::lock_guard lock(m_mutex);
  m_head = block.id();
  const size_t before = m_entries.size();
  std::erase_if(m_entries, [&](const PendingEntry& e) { return drop.count(e.transaction.id()) != 0; });
  for (auto& entry : readded) {
    if (m_entries.size() >= m_options.max_transactions) break;
    m_entries.push_back(entry);
    if (readded_out) readded_out->push_back(std::move(entry));
  }
  const size_t left = before - std::min(before, m_entries.size());
  return removed + left;
}

}  // namespace modchain::mempool
