#include "modchain/vm/module_cache.hpp"

#include <cstring>

namespace modchain::vm {

size_t ModuleCache::DigestHash::operator()(const crypto::Digest256& digest) const noexcept {
  size_t value = 0;
  std::memcpy(&value, digest.data(), sizeof(value));  // already uniformly distributed
  return value;
}

ModuleCache::ModuleCache(Engine& engine, PrepareOptions options, ModuleCacheLimits limits)
    : m_engine(engine), m_options(std::move(options)), m_limits(limits) {}

util::Result<std::shared_ptr<const CompiledModule>> ModuleCache::get(util::ByteView wasm) {
  return get(crypto::sha256(wasm), wasm);
}

util::Result<std::shared_ptr<const CompiledModule>> ModuleCache::get(const crypto::Digest256& key,
                                                                     util::ByteView wasm) {
  if (auto hit = lookup(key)) return hit;
  auto prepared = prepare_module(wasm, m_options);
  if (!prepared) return prepared.error();
  auto compiled = m_engine.compile(std::move(prepared.value()));
  if (!compiled) return compiled.error();
  insert(key, compiled.value());
  return compiled;
}

std::shared_ptr<const CompiledModule> ModuleCache::lookup(const crypto::Digest256& key) {
  std::lock_guard lock(m_mutex);
  auto it = m_index.find(key);
  if (it == m_index.end()) {
    ++m_stats.misses;
    return nullptr;
  }
  ++m_stats.hits;
  m_lru.splice(m_lru.begin(), m_lru, it->second);
  return it->second->module;
}

void ModuleCache::insert(const crypto::Digest256& key, std::shared_ptr<const CompiledModule> module) {
  std::lock_guard lock(m_mutex);
  if (m_index.count(key) != 0) return;  // another thread won the race
  const size_t bytes = module->memory_bytes();
  m_lru.push_front(Entry{key, std::move(module), bytes});
  m_index.emplace(key, m_lru.begin());
  m_stats.bytes += bytes;
  // Evict from the back, but never the entry just inserted (a single oversized module stays usable).
  while (m_lru.size() > 1 && (m_stats.bytes > m_limits.max_bytes || m_lru.size() > m_limits.max_entries)) {
    m_stats.bytes -= m_lru.back().bytes;
    m_index.erase(m_lru.back().key);
    m_lru.pop_back();
    ++m_stats.evictions;
  }
  m_stats.entries = m_lru.size();
}

ModuleCacheStats ModuleCache::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

}  // namespace modchain::vm
