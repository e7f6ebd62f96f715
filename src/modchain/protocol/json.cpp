// JSON encoding (message → JSON) and the helpers shared with json_decode.cpp.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

#include <cmath>
#include <memory>

#include "koinos/options.pb.h"
#include "modchain/protocol/json_common.hpp"
#include "modchain/protocol/json_value.hpp"

namespace modchain::protocol {

namespace json_detail {

BytesForm bytes_form(const google::protobuf::FieldDescriptor* field) {
  const auto& options = field->options();
  if (!options.HasExtension(koinos::btype)) return BytesForm::base64;
  switch (options.GetExtension(koinos::btype)) {
    case koinos::BASE58:
    case koinos::CONTRACT_ID:
    case koinos::ADDRESS:
      return BytesForm::base58;
    case koinos::HEX:
    case koinos::BLOCK_ID:
    case koinos::TRANSACTION_ID:
      return BytesForm::hex;
    default:
      return BytesForm::base64;
  }
}

std::string encode_bytes(std::string_view raw, BytesForm form, const JsonOptions& options) {
  switch (form) {
    case BytesForm::base58:
      return util::to_base58(util::as_bytes(raw));
    case BytesForm::hex:
      return "0x" + util::to_hex(util::as_bytes(raw));
    case BytesForm::base64:
      break;
  }
  return util::to_base64(util::as_bytes(raw), options.base64_alphabet);
}

util::Result<std::string> decode_bytes(std::string_view text, BytesForm form, const JsonOptions& options) {
  util::Result<util::Bytes> bytes = util::Bytes{};
  switch (form) {
    case BytesForm::base58:
      bytes = util::from_base58(text);
      break;
    case BytesForm::hex:
      if (text.substr(0, 2) != "0x") {
        return util::make_error(util::ErrorCode::invalid_encoding, "hex bytes must start with 0x");
      }
      bytes = util::from_hex(text.substr(2));
      break;
    case BytesForm::base64:
      if (text.size() % 4 != 0) {  // Go's base64.URLEncoding / StdEncoding require the padding
        return util::make_error(util::ErrorCode::invalid_encoding, "base64 string is not padded to a multiple of 4");
      }
      bytes = util::from_base64(text, options.base64_alphabet);
      break;
  }
  if (!bytes) return bytes.error();
  return util::to_string(*bytes);
}

std::string Path::str() const {
  std::string out = parent ? parent->str() : std::string();
  if (name.empty() && parent) return out + "[" + std::to_string(index) + "]";
  if (!out.empty()) out += '.';
  return out.append(name);
}

}  // namespace json_detail

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using json = nlohmann::ordered_json;

using json_detail::Path;

util::Error encode_error(const Path& path, const std::string& what) {
  return util::make_error(util::ErrorCode::invalid_encoding, path.str() + ": " + what);
}

/// Reflection-driven encoder; `index` < 0 selects the singular accessor, otherwise a repeated element.
class Encoder {
 public:
  explicit Encoder(const JsonOptions& options) : m_options(options) {}

  util::Result<json> message(const Message& msg, const Path& path, int depth) const {
    if (depth > json_detail::k_max_depth) return encode_error(path, "message nesting too deep");
    const auto* descriptor = msg.GetDescriptor();
    if (descriptor->well_known_type() == google::protobuf::Descriptor::WELLKNOWNTYPE_ANY) return any(msg, path, depth);
    const Reflection* reflection = msg.GetReflection();
    json out = json::object();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      const Path field_path = path.field(field->name());
      if (field->is_repeated()) {
        const int size = reflection->FieldSize(msg, field);
        if (size == 0) continue;
        json array = json::array();
        for (int k = 0; k < size; ++k) {
          auto element = value(msg, field, k, field_path.element(static_cast<size_t>(k)), depth);
          if (!element) return element.error();
          array.push_back(std::move(*element));
        }
        out[field->name()] = std::move(array);
      } else if (reflection->HasField(msg, field)) {  // proto3: false for implicit-presence defaults
        auto element = value(msg, field, -1, field_path, depth);
        if (!element) return element.error();
        out[field->name()] = std::move(*element);
      }
    }
    return out;
  }

 private:
  util::Result<json> value(const Message& msg, const FieldDescriptor* field, int index, const Path& path,
                           int depth) const {
    const Reflection* r = msg.GetReflection();
    const bool rep = index >= 0;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        return json(rep ? r->GetRepeatedInt32(msg, field, index) : r->GetInt32(msg, field));
      case FieldDescriptor::CPPTYPE_UINT32:
        return json(rep ? r->GetRepeatedUInt32(msg, field, index) : r->GetUInt32(msg, field));
      case FieldDescriptor::CPPTYPE_INT64:
        return json(std::to_string(rep ? r->GetRepeatedInt64(msg, field, index) : r->GetInt64(msg, field)));
      case FieldDescriptor::CPPTYPE_UINT64:
        return json(std::to_string(rep ? r->GetRepeatedUInt64(msg, field, index) : r->GetUInt64(msg, field)));
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return floating(rep ? r->GetRepeatedDouble(msg, field, index) : r->GetDouble(msg, field));
      case FieldDescriptor::CPPTYPE_FLOAT:
        return floating(rep ? r->GetRepeatedFloat(msg, field, index) : r->GetFloat(msg, field));
      case FieldDescriptor::CPPTYPE_BOOL:
        return json(rep ? r->GetRepeatedBool(msg, field, index) : r->GetBool(msg, field));
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int number = rep ? r->GetRepeatedEnumValue(msg, field, index) : r->GetEnumValue(msg, field);
        const auto* enum_value = field->enum_type()->FindValueByNumber(number);
        return enum_value ? json(enum_value->name()) : json(number);  // unknown values of open enums
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& text = rep ? r->GetRepeatedStringReference(msg, field, index, &scratch)
                                      : r->GetStringReference(msg, field, &scratch);
        if (field->type() == FieldDescriptor::TYPE_BYTES) {
          return json(json_detail::encode_bytes(text, json_detail::bytes_form(field), m_options));
        }
        return json(text);
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return message(rep ? r->GetRepeatedMessage(msg, field, index) : r->GetMessage(msg, field), path, depth + 1);
    }
    return encode_error(path, "unsupported field type");
  }

  static json floating(double number) {
    if (std::isnan(number)) return "NaN";
    if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
    return number;
  }

  /// google.protobuf.Any (field 1 type_url, field 2 value) as protojson writes it.
  util::Result<json> any(const Message& msg, const Path& path, int depth) const {
    const auto* descriptor = msg.GetDescriptor();
    const Reflection* r = msg.GetReflection();
    const std::string type_url = r->GetString(msg, descriptor->FindFieldByNumber(1));
    const std::string value_bytes = r->GetString(msg, descriptor->FindFieldByNumber(2));
    if (type_url.empty() && value_bytes.empty()) return json::object();
    const auto slash = type_url.rfind('/');
    const std::string type_name = slash == std::string::npos ? type_url : type_url.substr(slash + 1);
    const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name);
    if (type == nullptr) return encode_error(path, "unknown Any type '" + type_url + "'");
    std::unique_ptr<Message> inner(google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    if (!inner->ParseFromString(value_bytes)) return encode_error(path, "Any value is not a valid " + type_name);
    auto out = message(*inner, path, depth + 1);
    if (!out) return out;
    (*out)["@type"] = type_url;
    return out;
  }

  const JsonOptions& m_options;
};

}  // namespace

util::Result<nlohmann::ordered_json> to_json_value(const google::protobuf::Message& message,
                                                   const JsonOptions& options) {
  const Path root{nullptr, message.GetDescriptor()->name(), 0};
  return Encoder(options).message(message, root, 0);
}

util::Result<std::string> to_json(const google::protobuf::Message& message, const JsonOptions& options) {
  auto value = to_json_value(message, options);
  if (!value) return value.error();
  // Invalid UTF-8 can only come from a message built in memory (proto3 parsing rejects it); replace
  // instead of throwing so encoding never fails on it.
  return value->dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace modchain::protocol
