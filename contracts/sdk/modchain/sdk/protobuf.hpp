// A minimal protobuf (proto3) writer and reader over caller-provided buffers: no heap, no reflection.
//
// The writer emits canonical encoding (ascending field order is the caller's job; proto3 defaults are
// omitted unless `always` is set, which oneof members, optional fields and repeated elements need).
// The reader walks fields one at a time and skips what the caller does not ask for.
#pragma once

#include "modchain/sdk/bytes.hpp"

namespace modchain::sdk::pb {

/// Protobuf wire types used by koinos-proto (group wire types 3/4 are rejected by the reader).
enum class WireType : uint8_t { varint = 0, fixed64 = 1, length_delimited = 2, fixed32 = 5 };

/// Number of bytes `v` takes as an unsigned LEB128 varint.
constexpr uint32_t varint_size(uint64_t v) {
  uint32_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

/// Writes a protobuf message into a fixed buffer. On overflow it stops writing and `ok()` turns false;
/// callers check once at the end.
class Writer {
 public:
  /// Position of an open sub-message, returned by begin_message().
  struct Mark {
    uint32_t length_at;  ///< where the 1-byte length placeholder sits
  };

  /// Writes into `buffer` (its whole size is the capacity).
  constexpr explicit Writer(MutableBytes buffer) : m_data(buffer.data), m_capacity(buffer.size) {}

  /// Tag (field number + wire type).
  constexpr void tag(uint32_t field, WireType type) {
    raw_varint((static_cast<uint64_t>(field) << 3) | static_cast<uint8_t>(type));
  }
  /// An unsigned varint without a tag.
  constexpr void raw_varint(uint64_t v) {
    while (v >= 0x80) {
      raw_byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    raw_byte(static_cast<uint8_t>(v));
  }
  /// Bytes copied as they are (an already serialized message, for instance).
  constexpr void raw(Bytes b) {
    for (uint32_t i = 0; i < b.size; ++i) raw_byte(b.data[i]);
  }

  /// uint64 / uint32 / enum field; omitted when zero unless `always`.
  constexpr void uint64_field(uint32_t field, uint64_t v, bool always = false) {
    if (v == 0 && !always) return;
    tag(field, WireType::varint);
    raw_varint(v);
  }
  /// int32 field: negative values take 10 bytes (sign-extended to 64 bits), as protobuf requires.
  constexpr void int32_field(uint32_t field, int32_t v, bool always = false) {
    uint64_field(field, static_cast<uint64_t>(static_cast<int64_t>(v)), always);
  }
  /// int64 field.
  constexpr void int64_field(uint32_t field, int64_t v, bool always = false) {
    uint64_field(field, static_cast<uint64_t>(v), always);
  }
  /// bool field; omitted when false unless `always`.
  constexpr void bool_field(uint32_t field, bool v, bool always = false) {
    uint64_field(field, v ? 1 : 0, always);
  }
  /// bytes / string field; omitted when empty unless `always` (repeated elements pass always=true).
  constexpr void bytes_field(uint32_t field, Bytes v, bool always = false) {
    if (v.empty() && !always) return;
    tag(field, WireType::length_delimited);
    raw_varint(v.size);
    raw(v);
  }
  /// Same as bytes_field; a separate name keeps call sites self-describing.
  constexpr void string_field(uint32_t field, Bytes v, bool always = false) { bytes_field(field, v, always); }

  /// Opens a sub-message field. A present sub-message is always emitted, even when empty.
  constexpr Mark begin_message(uint32_t field) {
    tag(field, WireType::length_delimited);
    Mark mark{m_size};
    raw_byte(0);  // length placeholder, widened in end_message when the body is >= 128 bytes
    return mark;
  }
  /// Closes the sub-message opened at `mark`, writing its canonical length.
  constexpr void end_message(Mark mark) {
    if (!m_ok) return;
    uint32_t body_start = mark.length_at + 1;
    uint32_t body = m_size - body_start;
    uint32_t extra = varint_size(body) - 1;
    if (extra > 0) {
      if (m_size + extra > m_capacity) {
        m_ok = false;
        return;
      }
      for (uint32_t i = m_size; i > body_start; --i) m_data[i - 1 + extra] = m_data[i - 1];
      m_size += extra;
    }
    uint32_t at = mark.length_at;
    uint64_t v = body;
    while (v >= 0x80) {
      m_data[at++] = static_cast<uint8_t>(v | 0x80);
      v >>= 7;
    }
    m_data[at] = static_cast<uint8_t>(v);
  }

  /// False once anything did not fit.
  constexpr bool ok() const { return m_ok; }
  /// Bytes written so far.
  constexpr uint32_t size() const { return m_size; }
  /// The message written so far.
  constexpr Bytes view() const { return Bytes(m_data, m_size); }

 private:
  constexpr void raw_byte(uint8_t b) {
    if (m_size >= m_capacity) {
      m_ok = false;
      return;
    }
    m_data[m_size++] = b;
  }

  uint8_t* m_data;
  uint32_t m_capacity;
  uint32_t m_size = 0;
  bool m_ok = true;
};

/// Reads a protobuf message field by field:
///   Reader r(bytes);
///   while (r.next()) switch (r.field()) { case 1: x = r.read_bytes(); break; default: r.skip(); }
///   if (!r.ok()) ...malformed...
/// Reading a field with the wrong wire type, truncated data or over-long varints make ok() false.
class Reader {
 public:
  /// Reads `message`.
  constexpr explicit Reader(Bytes message) : m_data(message.data), m_end(message.size) {}

  /// Moves to the next field; false at the end of the message or on malformed input.
  constexpr bool next() {
    if (!m_ok || m_pos >= m_end) return false;
    uint64_t key = read_raw_varint();
    uint64_t wire = key & 7;
    m_field = static_cast<uint32_t>(key >> 3);
    if (!m_ok || m_field == 0 || key >> 3 > 0x1fffffff ||
        (wire != 0 && wire != 1 && wire != 2 && wire != 5)) {
      m_ok = false;
      return false;
    }
    m_wire = static_cast<WireType>(wire);
    return true;
  }
  /// Field number of the current field.
  constexpr uint32_t field() const { return m_field; }
  /// Wire type of the current field.
  constexpr WireType wire_type() const { return m_wire; }

  /// uint64 / uint32 / enum / bool value of the current (varint) field.
  constexpr uint64_t read_uint64() { return expect(WireType::varint) ? read_raw_varint() : 0; }
  /// uint32 value (truncated like protobuf does).
  constexpr uint32_t read_uint32() { return static_cast<uint32_t>(read_uint64()); }
  /// int32 value (truncated from the 64-bit varint like protobuf does).
  constexpr int32_t read_int32() { return static_cast<int32_t>(static_cast<uint32_t>(read_uint64())); }
  /// int64 value.
  constexpr int64_t read_int64() { return static_cast<int64_t>(read_uint64()); }
  /// bool value.
  constexpr bool read_bool() { return read_uint64() != 0; }
  /// bytes / string / sub-message value: a view into the input.
  constexpr Bytes read_bytes() {
    if (!expect(WireType::length_delimited)) return {};
    uint64_t n = read_raw_varint();
    if (!m_ok || n > m_end - m_pos) {
      m_ok = false;
      return {};
    }
    Bytes out(m_data + m_pos, static_cast<uint32_t>(n));
    m_pos += static_cast<uint32_t>(n);
    return out;
  }
  /// Skips the current field's value, whatever its wire type.
  constexpr void skip() {
    switch (m_wire) {
      case WireType::varint: read_raw_varint(); break;
      case WireType::fixed64: advance(8); break;
      case WireType::fixed32: advance(4); break;
      case WireType::length_delimited: read_bytes(); break;
    }
  }

  /// False once the input turned out malformed.
  constexpr bool ok() const { return m_ok; }

 private:
  constexpr bool expect(WireType type) {
    if (m_wire != type) m_ok = false;
    return m_ok;
  }
  constexpr void advance(uint32_t n) {
    if (n > m_end - m_pos) {
      m_ok = false;
      return;
    }
    m_pos += n;
  }
  constexpr uint64_t read_raw_varint() {
    uint64_t v = 0;
    for (uint32_t shift = 0; shift < 70; shift += 7) {
      if (m_pos >= m_end) break;
      uint8_t b = m_data[m_pos++];
      v |= static_cast<uint64_t>(b & 0x7f) << (shift < 64 ? shift : 0);
      if ((b & 0x80) == 0) return v;
    }
    m_ok = false;
    return 0;
  }

  const uint8_t* m_data;
  uint32_t m_end;
  uint32_t m_pos = 0;
  uint32_t m_field = 0;
  WireType m_wire = WireType::varint;
  bool m_ok = true;
};

/// Value of varint field `field` in `message` (last occurrence wins, like protobuf); 0 when absent.
/// For messages with a handful of fields, where one pass per field costs less than the code of a loop.
constexpr uint64_t find_uint64(Bytes message, uint32_t field) {
  Reader r(message);
  uint64_t value = 0;
  while (r.next()) {
    if (r.field() == field && r.wire_type() == WireType::varint) {
      value = r.read_uint64();
    } else {
      r.skip();
    }
  }
  return value;
}

/// Value of length-delimited field `field` (bytes, string or sub-message); empty when absent.
constexpr Bytes find_bytes(Bytes message, uint32_t field) {
  Reader r(message);
  Bytes value;
  while (r.next()) {
    if (r.field() == field && r.wire_type() == WireType::length_delimited) {
      value = r.read_bytes();
    } else {
      r.skip();
    }
  }
  return value;
}

/// Calls `visit(Bytes)` for each occurrence of length-delimited field `field` (repeated bytes).
template <typename Visit>
constexpr void for_each_bytes(Bytes message, uint32_t field, Visit&& visit) {
  Reader r(message);
  while (r.next()) {
    if (r.field() == field && r.wire_type() == WireType::length_delimited) {
      visit(r.read_bytes());
    } else {
      r.skip();
    }
  }
}

}  // namespace modchain::sdk::pb
