#include "modchain/kernel/field_access.hpp"

#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>

namespace modchain::kernel {
namespace {

namespace gp = google::protobuf;
using util::ErrorCode;

void pack(const gp::Message& message, koinos::chain::value_type& out) {
  auto* any = out.mutable_message_value();
  any->set_type_url("type.googleapis.com/" + message.GetDescriptor()->full_name());
  any->set_value(message.SerializeAsString());
}

void enum_value(const gp::EnumValueDescriptor* value, koinos::chain::value_type& out) {
  koinos::chain::enum_type e;
  e.set_name(value->name());
  e.set_number(value->number());
  pack(e, out);
}

// One element: index < 0 for a singular field.
void element(const gp::Message& msg, const gp::FieldDescriptor* fd, int index, koinos::chain::value_type& out) {
  const auto* r = msg.GetReflection();
  const bool rep = index >= 0;
  using T = gp::FieldDescriptor;
  switch (fd->type()) {
    case T::TYPE_INT32: out.set_int32_value(rep ? r->GetRepeatedInt32(msg, fd, index) : r->GetInt32(msg, fd)); break;
    case T::TYPE_SINT32: out.set_sint32_value(rep ? r->GetRepeatedInt32(msg, fd, index) : r->GetInt32(msg, fd)); break;
    case T::TYPE_SFIXED32: out.set_sfixed32_value(rep ? r->GetRepeatedInt32(msg, fd, index) : r->GetInt32(msg, fd)); break;
    case T::TYPE_INT64: out.set_int64_value(rep ? r->GetRepeatedInt64(msg, fd, index) : r->GetInt64(msg, fd)); break;
    case T::TYPE_SINT64: out.set_sint64_value(rep ? r->GetRepeatedInt64(msg, fd, index) : r->GetInt64(msg, fd)); break;
    case T::TYPE_SFIXED64: out.set_sfixed64_value(rep ? r->GetRepeatedInt64(msg, fd, index) : r->GetInt64(msg, fd)); break;
    case T::TYPE_UINT32: out.set_uint32_value(rep ? r->GetRepeatedUInt32(msg, fd, index) : r->GetUInt32(msg, fd)); break;
    case T::TYPE_FIXED32: out.set_fixed32_value(rep ? r->GetRepeatedUInt32(msg, fd, index) : r->GetUInt32(msg, fd)); break;
    case T::TYPE_UINT64: out.set_uint64_value(rep ? r->GetRepeatedUInt64(msg, fd, index) : r->GetUInt64(msg, fd)); break;
    case T::TYPE_FIXED64: out.set_fixed64_value(rep ? r->GetRepeatedUInt64(msg, fd, index) : r->GetUInt64(msg, fd)); break;
    case T::TYPE_BOOL: out.set_bool_value(rep ? r->GetRepeatedBool(msg, fd, index) : r->GetBool(msg, fd)); break;
    case T::TYPE_STRING: out.set_string_value(rep ? r->GetRepeatedString(msg, fd, index) : r->GetString(msg, fd)); break;
    case T::TYPE_BYTES: out.set_bytes_value(rep ? r->GetRepeatedString(msg, fd, index) : r->GetString(msg, fd)); break;
    case T::TYPE_ENUM: enum_value(rep ? r->GetRepeatedEnum(msg, fd, index) : r->GetEnum(msg, fd), out); break;
    case T::TYPE_MESSAGE: pack(rep ? r->GetRepeatedMessage(msg, fd, index) : r->GetMessage(msg, fd), out); break;
    default: break;  // floats never appear in Koinos protocol messages
  }
}

}  // namespace

util::Result<koinos::chain::value_type> message_field(const gp::Message& message, std::string_view path) {
  const gp::Message* current = &message;
  const gp::FieldDescriptor* field = nullptr;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string name(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    field = current->GetDescriptor()->FindFieldByName(name);
    if (field == nullptr) return util::make_error(ErrorCode::field_not_found, "field not found: " + std::string(path));
    if (dot == std::string_view::npos) break;
    if (field->is_repeated() || field->type() != gp::FieldDescriptor::TYPE_MESSAGE) {
      return util::make_error(ErrorCode::field_not_found, "field not found: " + std::string(path));
    }
    current = &current->GetReflection()->GetMessage(*current, field);
    start = dot + 1;
  }
  koinos::chain::value_type value;
  if (!field->is_repeated()) {
    element(*current, field, -1, value);
    return value;
  }
  koinos::chain::list_type list;
  const int size = current->GetReflection()->FieldSize(*current, field);
  for (int i = 0; i < size; ++i) element(*current, field, i, *list.add_values());
  pack(list, value);
  return value;
}

}  // namespace modchain::kernel
