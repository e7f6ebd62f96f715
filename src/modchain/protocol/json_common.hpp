#pragma once
// Internal to the JSON codec (json.cpp, json_decode.cpp): btype lookup and bytes text forms.

#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

#include "modchain/protocol/json.hpp"

namespace modchain::protocol::json_detail {

/// Deepest message nesting the codec follows, like protobuf's default recursion limit.
inline constexpr int k_max_depth = 100;

/// How a bytes field is written, from its `(koinos.btype)` option (absent = BASE64).
enum class BytesForm { base64, base58, hex };

/// The text form of a bytes field.
BytesForm bytes_form(const google::protobuf::FieldDescriptor* field);

/// Bytes → JSON string per form.
std::string encode_bytes(std::string_view raw, BytesForm form, const JsonOptions& options);

/// JSON string → bytes per form; errors carry no path (the caller prefixes it).
util::Result<std::string> decode_bytes(std::string_view text, BytesForm form, const JsonOptions& options);

/// The type URL prefix written for google.protobuf.Any.
inline constexpr std::string_view k_type_url_prefix = "type.googleapis.com/";

}  // namespace modchain::protocol::json_detail
