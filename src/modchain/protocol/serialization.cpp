#include "modchain/protocol/serialization.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/message.h>

#include <limits>

namespace modchain::protocol {

namespace {

/// Serializes deterministically. Koinos messages contain no maps, so deterministic mode changes nothing
/// today; it is requested anyway so a future map field cannot make hashes depend on hash-table order.
template <class Container>
Container serialize_as(const google::protobuf::Message& message) {
  const size_t size = message.ByteSizeLong();
  Container out(size, 0);
  if (size == 0) return out;
  google::protobuf::io::ArrayOutputStream array(out.data(), static_cast<int>(size));
  google::protobuf::io::CodedOutputStream stream(&array);
  stream.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&stream);
  MODCHAIN_ASSERT(!stream.HadError() && static_cast<size_t>(stream.ByteCount()) == size,
                  "protobuf serialization size mismatch");
  return out;
}

}  // namespace

util::Bytes serialize(const google::protobuf::Message& message) { return serialize_as<util::Bytes>(message); }

std::string serialize_to_string(const google::protobuf::Message& message) { return serialize_as<std::string>(message); }

size_t serialized_size(const google::protobuf::Message& message) { return message.ByteSizeLong(); }

util::Status parse_into(util::ByteView bytes, google::protobuf::Message& out) {
  out.Clear();
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return util::make_error(util::ErrorCode::invalid_encoding,
                            out.GetTypeName() + ": input of " + std::to_string(bytes.size()) + " bytes is too large");
  }
  if (!out.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    out.Clear();
    return util::make_error(util::ErrorCode::invalid_encoding, out.GetTypeName() + ": malformed protobuf encoding (" +
                                                                   std::to_string(bytes.size()) + " bytes)");
  }
  return {};
}

bool canonically_equal(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return a.GetDescriptor() == b.GetDescriptor() && serialize_to_string(a) == serialize_to_string(b);
}

}  // namespace modchain::protocol
