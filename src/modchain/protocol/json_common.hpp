#pragma once
// Internal to the JSON codec (json.cpp, json_decode.cpp): btype lookup and bytes text forms.

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>

#include "modchain/protocol/json.hpp"

namespace modchain::protocol::json_detail {

/// Deepest message nesting the codec follows, like protobuf's default recursion limit.
inline constexpr int k_max_depth = 100;

/// A field path built on the stack while walking a message, rendered only when an error needs it
/// (`transaction.operations[1].call_contract.contract_id`), so the happy path allocates nothing for it.
struct Path {
  const Path* parent = nullptr;
  std::string_view name;  ///< field name (or the root name); empty for an array element
  size_t index = 0;       ///< element index when `name` is empty

  /// The child path of field `field`.
  Path field(std::string_view field_name) const { return Path{this, field_name, 0}; }
  /// The child path of element `i`.
  Path element(size_t i) const { return Path{this, {}, i}; }
  /// The rendered path.
  std::string str() const;
};

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
