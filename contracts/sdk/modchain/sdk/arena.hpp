// A bump allocator over one static buffer: where system call arguments are encoded and results land.
//
// A contract invocation is short-lived (one `_start`), so memory is never freed one object at a time;
// ArenaScope rewinds the arena when a loop would otherwise grow it without bound.
#pragma once

#include "modchain/sdk/bytes.hpp"

#ifndef MODCHAIN_SDK_ARENA_SIZE
/// Bytes in the SDK arena (static memory, zero-initialised, so it costs nothing in the module file).
/// Define it before including the SDK to change it.
#define MODCHAIN_SDK_ARENA_SIZE (256u * 1024u)
#endif

namespace modchain::sdk {

/// A bump allocator over a fixed buffer.
class Arena {
 public:
  /// Allocates from `storage` (its whole size).
  constexpr explicit Arena(MutableBytes storage) : m_storage(storage) {}

  /// `n` bytes, 8-byte aligned; an empty view when the arena is exhausted.
  MutableBytes allocate(uint32_t n) {
    uint32_t start = (m_used + 7u) & ~7u;
    if (start > m_storage.size || n > m_storage.size - start) return {};
    m_used = start + n;
    return MutableBytes{m_storage.data + start, n};
  }
  /// All the free space, not yet allocated: write into it, then commit() what was used.
  MutableBytes free_space() {
    uint32_t start = (m_used + 7u) & ~7u;
    if (start > m_storage.size) start = m_storage.size;
    return MutableBytes{m_storage.data + start, m_storage.size - start};
  }
  /// Marks the first `n` bytes of the last free_space() as allocated (clamped to the free space).
  void commit(uint32_t n) {
    MutableBytes free = free_space();
    m_used = static_cast<uint32_t>(free.data - m_storage.data) + (n < free.size ? n : free.size);
  }
  /// Current position, for rewind().
  uint32_t mark() const { return m_used; }
  /// Frees everything allocated after `mark` (views into it become invalid).
  void rewind(uint32_t mark) { m_used = mark; }
  /// Bytes still free (before alignment of the next allocation).
  uint32_t remaining() const { return m_used < m_storage.size ? m_storage.size - m_used : 0; }

 private:
  MutableBytes m_storage;
  uint32_t m_used = 0;
};

namespace detail {
alignas(8) inline uint8_t g_arena_storage[MODCHAIN_SDK_ARENA_SIZE];
inline constinit Arena g_arena{MutableBytes{g_arena_storage, MODCHAIN_SDK_ARENA_SIZE}};
}  // namespace detail

/// The contract's arena (one per module instance).
inline Arena& arena() { return detail::g_arena; }

/// Rewinds the arena to where it was when the scope was entered.
class ArenaScope {
 public:
  ArenaScope() : m_mark(arena().mark()) {}
  ~ArenaScope() { arena().rewind(m_mark); }
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

 private:
  uint32_t m_mark;
};

/// A copy of `b` in the arena (for results that must outlive a rewind of an inner scope).
inline Bytes copy_to_arena(Bytes b) {
  MutableBytes out = arena().allocate(b.size);
  if (out.size != b.size) return {};
  for (uint32_t i = 0; i < b.size; ++i) out.data[i] = b.data[i];
  return out;
}

}  // namespace modchain::sdk
