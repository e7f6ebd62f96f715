// Byte views, fixed buffers and the few libc memory routines a freestanding contract needs.
//
// Contracts are built with -nostdlib -ffreestanding (no libc), yet clang still emits calls to memcpy,
// memmove, memset and memcmp for aggregate copies and large initialisers, so this header defines them
// (weak, so a contract that brings its own wins).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace modchain::sdk {

/// A read-only view of bytes owned elsewhere (the arena, a static buffer or a string literal).
struct Bytes {
  const uint8_t* data = nullptr;  ///< first byte (may be null when size == 0)
  uint32_t size = 0;              ///< number of bytes

  constexpr Bytes() = default;
  /// A view of `n` bytes at `p`.
  constexpr Bytes(const uint8_t* p, uint32_t n) : data(p), size(n) {}
  /// A view of a string literal without its terminating NUL.
  template <uint32_t N>
  Bytes(const char (&s)[N]) : data(reinterpret_cast<const uint8_t*>(s)), size(N - 1) {}

  /// A view of a NUL-terminated C string (the NUL is not included).
  static Bytes from_cstr(const char* s) {
    uint32_t n = 0;
    while (s[n] != 0) ++n;
    return Bytes(reinterpret_cast<const uint8_t*>(s), n);
  }

  constexpr bool empty() const { return size == 0; }
  constexpr uint8_t operator[](uint32_t i) const { return data[i]; }
  /// The bytes [offset, offset + n), clamped to the view.
  constexpr Bytes sub(uint32_t offset, uint32_t n) const {
    if (offset > size) offset = size;
    if (n > size - offset) n = size - offset;
    return Bytes(data + offset, n);
  }
};

/// Byte-wise equality (same length, same content).
constexpr bool operator==(Bytes a, Bytes b) {
  if (a.size != b.size) return false;
  for (uint32_t i = 0; i < a.size; ++i) {
    if (a.data[i] != b.data[i]) return false;
  }
  return true;
}

/// Byte-wise equality as a function (for call sites where `==` on two views reads ambiguously).
constexpr bool bytes_equal(Bytes a, Bytes b) { return a == b; }

/// A writable view of bytes owned elsewhere.
struct MutableBytes {
  uint8_t* data = nullptr;  ///< first byte
  uint32_t size = 0;        ///< capacity in bytes

  /// The same bytes, read-only.
  constexpr operator Bytes() const { return Bytes(data, size); }
};

/// A fixed-capacity byte buffer with a length, for values whose maximum size is known (ids, keys, text).
template <uint32_t Capacity>
struct Buffer {
  uint8_t data[Capacity] = {};  ///< storage
  uint32_t size = 0;            ///< bytes in use

  /// Appends as much of `b` as fits; returns false when it was truncated.
  constexpr bool append(Bytes b) {
    bool fits = b.size <= Capacity - size;
    uint32_t n = fits ? b.size : Capacity - size;
    for (uint32_t i = 0; i < n; ++i) data[size + i] = b.data[i];
    size += n;
    return fits;
  }
  /// Appends one byte; returns false when full.
  constexpr bool push(uint8_t c) {
    if (size == Capacity) return false;
    data[size++] = c;
    return true;
  }
  /// Appends a signed decimal number (for log and error messages).
  constexpr bool append_int(int64_t v) {
    uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    if (v < 0 && !push('-')) return false;
    return append_uint(magnitude);
  }
  /// Appends an unsigned decimal number.
  constexpr bool append_uint(uint64_t v) {
    uint8_t digits[20] = {};
    uint32_t n = 0;
    do {
      digits[n++] = static_cast<uint8_t>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    bool ok = true;
    while (n > 0) ok = push(digits[--n]) && ok;
    return ok;
  }
  /// Appends `b` as lowercase hex.
  constexpr bool append_hex(Bytes b) {
    constexpr char k_digits[] = "0123456789abcdef";
    bool ok = true;
    for (uint32_t i = 0; i < b.size; ++i) {
      ok = push(static_cast<uint8_t>(k_digits[b.data[i] >> 4])) && ok;
      ok = push(static_cast<uint8_t>(k_digits[b.data[i] & 15])) && ok;
    }
    return ok;
  }
  /// The bytes in use.
  constexpr Bytes view() const { return Bytes(data, size); }
  constexpr operator Bytes() const { return view(); }
};

}  // namespace modchain::sdk

// The four routines the compiler may call on its own. Byte loops, kept simple: contracts copy little.
// Not `inline`: the compiler may call them from generated code, so they must always be emitted; weak so
// that a contract made of several translation units links.
// The builds pass -fno-builtin so these loops are not turned back into calls to themselves.
#if defined(__wasm__)
extern "C" {
__attribute__((weak)) void* memcpy(void* dst, const void* src, size_t n) {
  auto* d = static_cast<uint8_t*>(dst);
  const auto* s = static_cast<const uint8_t*>(src);
  for (size_t i = 0; i < n; ++i) d[i] = s[i];
  return dst;
}
__attribute__((weak)) void* memmove(void* dst, const void* src, size_t n) {
  auto* d = static_cast<uint8_t*>(dst);
  const auto* s = static_cast<const uint8_t*>(src);
  if (d < s) {
    for (size_t i = 0; i < n; ++i) d[i] = s[i];
  } else {
    for (size_t i = n; i > 0; --i) d[i - 1] = s[i - 1];
  }
  return dst;
}
__attribute__((weak)) void* memset(void* dst, int c, size_t n) {
  auto* d = static_cast<uint8_t*>(dst);
  for (size_t i = 0; i < n; ++i) d[i] = static_cast<uint8_t>(c);
  return dst;
}
__attribute__((weak)) int memcmp(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const uint8_t*>(a);
  const auto* y = static_cast<const uint8_t*>(b);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}
}
#endif
