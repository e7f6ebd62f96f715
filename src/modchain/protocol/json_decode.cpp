// JSON decoding (JSON → message): strict, with field paths in every error.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "modchain/protocol/json_common.hpp"
#include "modchain/protocol/json_value.hpp"

namespace modchain::protocol {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

using json_detail::Path;

util::Error decode_error(const Path& path, const std::string& what) {
  return util::make_error(util::ErrorCode::invalid_encoding, path.str() + ": " + what);
}

/// Finds a field by its proto name or its lowerCamelCase JSON name.
const FieldDescriptor* find_field(const google::protobuf::Descriptor* descriptor, const std::string& key) {
  if (const auto* field = descriptor->FindFieldByName(key)) return field;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    if (descriptor->field(i)->json_name() == key) return descriptor->field(i);
  }
  return nullptr;
}

/// Parses a strict decimal integer ("-12", "34"; no sign '+', spaces or exponent).
template <class T>
bool parse_decimal(const std::string& text, T& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

template <class Json>
class Decoder {
 public:
  explicit Decoder(const JsonOptions& options) : m_options(options) {}

  util::Status message(const Json& value, Message& out, const Path& path, int depth) const {
    if (depth > json_detail::k_max_depth) return decode_error(path, "message nesting too deep");
    if (!value.is_object()) return decode_error(path, "expected a JSON object, got " + type_name(value));
    const auto* descriptor = out.GetDescriptor();
    if (descriptor->well_known_type() == google::protobuf::Descriptor::WELLKNOWNTYPE_ANY)
      return any(value, out, path, depth);
    std::vector<const FieldDescriptor*> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const Path field_path = path.field(it.key());
      const FieldDescriptor* field = find_field(descriptor, it.key());
      if (field == nullptr) {
        if (m_options.ignore_unknown_fields) continue;
        return decode_error(field_path, "unknown field");
      }
      for (const auto* other : seen) {
        if (other == field) return decode_error(field_path, "field given twice");
        if (field->real_containing_oneof() && other->real_containing_oneof() == field->real_containing_oneof()) {
          return decode_error(field_path, "oneof '" + field->real_containing_oneof()->name() + "' already set by '" +
                                              other->name() + "'");
        }
      }
      seen.push_back(field);
      if (it.value().is_null()) continue;  // null = not set
      if (auto status = this->field(it.value(), out, field, field_path, depth); !status.ok()) return status;
    }
    return {};
  }

 private:
  static std::string type_name(const Json& value) { return value.type_name(); }

  util::Status field(const Json& value, Message& out, const FieldDescriptor* field, const Path& path, int depth) const {
    if (!field->is_repeated()) return scalar(value, out, field, false, path, depth);
    if (!value.is_array()) return decode_error(path, "expected a JSON array, got " + type_name(value));
    size_t index = 0;
    for (const auto& element : value) {
      const Path element_path = path.element(index++);
      if (element.is_null()) return decode_error(element_path, "null is not allowed in a repeated field");
      if (auto status = scalar(element, out, field, true, element_path, depth); !status.ok()) return status;
    }
    return {};
  }

  util::Status scalar(const Json& value, Message& out, const FieldDescriptor* field, bool add, const Path& path,
                      int depth) const {
    const Reflection* r = out.GetReflection();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t v = 0;
        MODCHAIN_TRY_STATUS(integer(value, v, path));
        add ? r->AddInt32(&out, field, v) : r->SetInt32(&out, field, v);
        return {};
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t v = 0;
        MODCHAIN_TRY_STATUS(integer(value, v, path));
        add ? r->AddUInt32(&out, field, v) : r->SetUInt32(&out, field, v);
        return {};
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v = 0;
        MODCHAIN_TRY_STATUS(integer(value, v, path));
        add ? r->AddInt64(&out, field, v) : r->SetInt64(&out, field, v);
        return {};
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t v = 0;
        MODCHAIN_TRY_STATUS(integer(value, v, path));
        add ? r->AddUInt64(&out, field, v) : r->SetUInt64(&out, field, v);
        return {};
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        return floating(value, out, field, add, path);
      case FieldDescriptor::CPPTYPE_BOOL:
        if (!value.is_boolean()) return decode_error(path, "expected true or false, got " + type_name(value));
        add ? r->AddBool(&out, field, value.template get<bool>()) : r->SetBool(&out, field, value.template get<bool>());
        return {};
      case FieldDescriptor::CPPTYPE_ENUM:
        return enumeration(value, out, field, add, path);
      case FieldDescriptor::CPPTYPE_STRING:
        return string(value, out, field, add, path);
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* inner = add ? r->AddMessage(&out, field) : r->MutableMessage(&out, field);
        return message(value, *inner, path, depth + 1);
      }
    }
    return decode_error(path, "unsupported field type");
  }

  /// Integers: a JSON integer, or a decimal string (64-bit values are strings on output).
  template <class T>
  util::Status integer(const Json& value, T& out, const Path& path) const {
    const std::string range =
        " is out of range for " + std::string(std::is_signed_v<T> ? "int" : "uint") + std::to_string(sizeof(T) * 8);
    if (value.is_string()) {
      const auto& text = value.template get_ref<const typename Json::string_t&>();
      if (!parse_decimal(text, out))
        return decode_error(path, "'" + text + "' is not a decimal integer" + (text.empty() ? "" : " or" + range));
      return {};
    }
    if (value.is_number_unsigned()) {
      const auto v = value.template get<uint64_t>();
      if (v > static_cast<uint64_t>(std::numeric_limits<T>::max()))
        return decode_error(path, std::to_string(v) + range);
      out = static_cast<T>(v);
      return {};
    }
    if (value.is_number_integer()) {  // negative (non-negative ones are number_unsigned)
      const auto v = value.template get<int64_t>();
      if (!std::is_signed_v<T> || v < static_cast<int64_t>(std::numeric_limits<T>::min())) {
        return decode_error(path, std::to_string(v) + range);
      }
      out = static_cast<T>(v);
      return {};
    }
    return decode_error(path, "expected an integer, got " + type_name(value));
  }

  util::Status floating(const Json& value, Message& out, const FieldDescriptor* field, bool add,
                        const Path& path) const {
    double v = 0;
    if (value.is_number()) {
      v = value.template get<double>();
    } else if (value.is_string() && value == "NaN") {
      v = std::numeric_limits<double>::quiet_NaN();
    } else if (value.is_string() && (value == "Infinity" || value == "-Infinity")) {
      v = value == "Infinity" ? HUGE_VAL : -HUGE_VAL;
    } else {
      return decode_error(path, "expected a number, got " + type_name(value));
    }
    const Reflection* r = out.GetReflection();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE) {
      add ? r->AddDouble(&out, field, v) : r->SetDouble(&out, field, v);
    } else {
      const auto f = static_cast<float>(v);
      add ? r->AddFloat(&out, field, f) : r->SetFloat(&out, field, f);
    }
    return {};
  }

  util::Status enumeration(const Json& value, Message& out, const FieldDescriptor* field, bool add,
                           const Path& path) const {
    int number = 0;
    if (value.is_string()) {
      const auto& name = value.template get_ref<const typename Json::string_t&>();
      const auto* enum_value = field->enum_type()->FindValueByName(name);
      if (enum_value == nullptr) {
        return decode_error(path, "'" + name + "' is not a value of enum " + field->enum_type()->full_name());
      }
      number = enum_value->number();
    } else {
      MODCHAIN_TRY_STATUS(integer(value, number, path));
    }
    const Reflection* r = out.GetReflection();
    add ? r->AddEnumValue(&out, field, number) : r->SetEnumValue(&out, field, number);
    return {};
  }

  util::Status string(const Json& value, Message& out, const FieldDescriptor* field, bool add, const Path& path) const {
    if (!value.is_string()) return decode_error(path, "expected a string, got " + type_name(value));
    const auto& text = value.template get_ref<const typename Json::string_t&>();
    std::string stored = text;
    if (field->type() == FieldDescriptor::TYPE_BYTES) {
      auto bytes = json_detail::decode_bytes(text, json_detail::bytes_form(field), m_options);
      if (!bytes) return decode_error(path, bytes.error().message);
      stored = std::move(*bytes);
    }
    const Reflection* r = out.GetReflection();
    add ? r->AddString(&out, field, std::move(stored)) : r->SetString(&out, field, std::move(stored));
    return {};
  }

  /// google.protobuf.Any: `{"@type": "type.googleapis.com/<full name>", <fields of that type>}`.
  util::Status any(const Json& value, Message& out, const Path& path, int depth) const {
    if (value.empty()) return {};
    const auto type_it = value.find("@type");
    if (type_it == value.end() || !type_it->is_string()) return decode_error(path, "Any needs an \"@type\" string");
    const std::string type_url = type_it->template get<std::string>();
    const auto slash = type_url.rfind('/');
    const std::string name = slash == std::string::npos ? type_url : type_url.substr(slash + 1);
    const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(name);
    if (type == nullptr) return decode_error(path.field("@type"), "unknown message type '" + type_url + "'");
    std::unique_ptr<Message> inner(google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    Json rest = value;
    rest.erase("@type");
    MODCHAIN_TRY_STATUS(message(rest, *inner, path, depth + 1));
    const auto* descriptor = out.GetDescriptor();
    const Reflection* r = out.GetReflection();
    r->SetString(&out, descriptor->FindFieldByNumber(1), type_url);
    r->SetString(&out, descriptor->FindFieldByNumber(2), inner->SerializeAsString());
    return {};
  }

  const JsonOptions& m_options;
};

template <class Json>
util::Status decode_value(const Json& value, Message& out, const JsonOptions& options, const std::string& path) {
  out.Clear();
  const Path root{nullptr, path.empty() ? std::string_view(out.GetDescriptor()->name()) : std::string_view(path), 0};
  return Decoder<Json>(options).message(value, out, root, 0);
}

}  // namespace

util::Status from_json_value(const nlohmann::json& value, Message& out, const JsonOptions& options,
                             const std::string& path) {
  return decode_value(value, out, options, path);
}

util::Status from_json_value(const nlohmann::ordered_json& value, Message& out, const JsonOptions& options,
                             const std::string& path) {
  return decode_value(value, out, options, path);
}

util::Status from_json_into(std::string_view text, Message& out, const JsonOptions& options) {
  out.Clear();
  // nlohmann's parser is iterative, so hostile nesting cannot overflow the stack here; the decoder bounds
  // its own recursion. Exceptions stop at this boundary.
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    const Path root{nullptr, out.GetDescriptor()->name(), 0};
    return decode_error(root, std::string("invalid JSON: ") + error.what());
  }
  return decode_value(value, out, options, {});
}

}  // namespace modchain::protocol
