#pragma once
/// WebAssembly values as seen through the engine-neutral interface (raw API, spec tests, benchmarks).

#include <bit>
#include <cstdint>
#include <string>

namespace modchain::vm {

/// The four MVP value types.
enum class ValueType : uint8_t { i32, i64, f32, f64 };

/// Name as written in the text format ("i32").
const char* value_type_name(ValueType type) noexcept;

/// A typed value. Floats are kept as their bit patterns so NaN payloads survive round trips exactly.
struct Value {
  ValueType type = ValueType::i32;
  uint64_t bits = 0;  ///< i32/f32 use the low 32 bits

  /// An i32 (as its unsigned bits).
  static Value i32(uint32_t v) noexcept { return {ValueType::i32, v}; }
  /// An i64 (as its unsigned bits).
  static Value i64(uint64_t v) noexcept { return {ValueType::i64, v}; }
  /// An f32 given by its IEEE-754 bit pattern.
  static Value f32_bits(uint32_t v) noexcept { return {ValueType::f32, v}; }
  /// An f64 given by its IEEE-754 bit pattern.
  static Value f64_bits(uint64_t v) noexcept { return {ValueType::f64, v}; }

  /// Low 32 bits (i32, f32 bit pattern).
  uint32_t as_u32() const noexcept { return static_cast<uint32_t>(bits); }
  /// All 64 bits (i64, f64 bit pattern).
  uint64_t as_u64() const noexcept { return bits; }
  /// The f32 value.
  float as_f32() const noexcept { return std::bit_cast<float>(as_u32()); }
  /// The f64 value.
  double as_f64() const noexcept { return std::bit_cast<double>(bits); }

  /// "i32:42" style text for test failure output.
  std::string describe() const;

  /// Same type and bits.
  friend bool operator==(const Value&, const Value&) = default;
};

}  // namespace modchain::vm
