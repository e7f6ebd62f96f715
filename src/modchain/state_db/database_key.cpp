#include "modchain/state_db/database_key.hpp"

#include <string>

#include "modchain/util/varint.hpp"

namespace modchain::state_db {
namespace {

// Protobuf wire types and the tags used here (field_number << 3 | wire_type).
constexpr uint64_t k_wire_varint = 0;
constexpr uint64_t k_wire_length = 2;

void append_length_delimited(util::Bytes& out, uint8_t tag, util::ByteView payload) {
  out.push_back(tag);
  util::append_uvarint(out, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
}

util::Error malformed(const char* what, size_t offset) {
  return util::make_error(util::ErrorCode::invalid_encoding,
                          std::string("database_key: ") + what + " at offset " + std::to_string(offset));
}

// One decoded protobuf field: its number, wire type and either a varint value or a payload view.
struct Field {
  uint64_t number = 0;
  uint64_t wire_type = 0;
  uint64_t varint = 0;
  util::ByteView payload;
};

// Reads the field starting at `pos` and advances `pos` past it. `base` is the offset of `bytes` inside the
// outermost input, so error messages point at the right byte.
util::Result<Field> read_field(util::ByteView bytes, size_t& pos, size_t base) {
  auto tag = util::read_uvarint(bytes.subspan(pos));
  if (!tag) return malformed("truncated or overlong tag", base + pos);
  Field field;
  field.number = tag->value >> 3;
  field.wire_type = tag->value & 7;
  pos += tag->length;
  auto value = util::read_uvarint(bytes.subspan(pos));
  if (!value) return malformed("truncated or overlong varint", base + pos);
  pos += value->length;
  if (field.wire_type == k_wire_varint) {
    field.varint = value->value;
    return field;
  }
  if (field.wire_type != k_wire_length) return malformed("unexpected wire type", base + pos);
  if (value->value > bytes.size() - pos) return malformed("length past the end", base + pos);
  field.payload = bytes.subspan(pos, static_cast<size_t>(value->value));
  pos += field.payload.size();
  return field;
}

util::Result<ObjectSpace> parse_object_space(util::ByteView bytes, size_t base) {
  ObjectSpace space;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t start = pos;
    auto field = read_field(bytes, pos, base);
    if (!field) return field.error();
    if (field->number == 1 && field->wire_type == k_wire_varint) {
      if (field->varint > 1) return malformed("object_space.system is not a bool", base + start);
      space.system = field->varint == 1;
    } else if (field->number == 2 && field->wire_type == k_wire_length) {
      space.zone = util::to_bytes(field->payload);
    } else if (field->number == 3 && field->wire_type == k_wire_varint) {
      if (field->varint > UINT32_MAX) return malformed("object_space.id over 32 bits", base + start);
      space.id = static_cast<uint32_t>(field->varint);
    } else {
      return malformed("unknown object_space field", base + start);
    }
  }
  return space;
}

}  // namespace

util::Bytes serialize_object_space(const ObjectSpace& space) {
  util::Bytes out;
  if (space.system) {
    out.push_back(0x08);
    out.push_back(0x01);
  }
  if (!space.zone.empty()) append_length_delimited(out, 0x12, space.zone);
  if (space.id != 0) {
    out.push_back(0x18);
    util::append_uvarint(out, space.id);
  }
  return out;
}

util::Bytes space_prefix(const ObjectSpace& space) {
  util::Bytes out;
  append_length_delimited(out, 0x0a, serialize_object_space(space));
  return out;
}

util::Bytes serialize_database_key(const ObjectSpace& space, util::ByteView key) {
  util::Bytes out = space_prefix(space);
  if (!key.empty()) append_length_delimited(out, 0x12, key);
  return out;
}

util::Result<DatabaseKey> parse_database_key(util::ByteView bytes) {
  DatabaseKey result;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t start = pos;
    auto field = read_field(bytes, pos, 0);
    if (!field) return field.error();
    if (field->number == 1 && field->wire_type == k_wire_length) {
      size_t payload_offset = pos - field->payload.size();
      auto space = parse_object_space(field->payload, payload_offset);
      if (!space) return space.error();
      result.space = std::move(*space);
    } else if (field->number == 2 && field->wire_type == k_wire_length) {
      result.key = util::to_bytes(field->payload);
    } else {
      return malformed("unknown database_key field", start);
    }
  }
  return result;
}

}  // namespace modchain::state_db
