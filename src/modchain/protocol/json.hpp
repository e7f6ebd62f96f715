#pragma once
/// The Koinos JSON codec (koinos-rpc.md §1.5; koinos-proto-golang `encoding/json`), for every generated
/// message, driven by protobuf reflection and the `(koinos.btype)` field option.
///
/// Output: snake_case field names in declaration order; proto3 defaults left out (0, false, "", empty bytes,
/// empty repeated, unset messages); set sub-messages written even when empty (`{}`); proto3 `optional`
/// and oneof members written whenever set; 64-bit integers as decimal strings, 32-bit as numbers; enums
/// by name; bytes by btype: none/BASE64 → base64url with `=` padding, HEX/BLOCK_ID/TRANSACTION_ID →
/// `0x` + lowercase hex, BASE58/CONTRACT_ID/ADDRESS → base58. google.protobuf.Any → `{"@type": url, …}`.
/// Unknown protobuf fields are not represented in JSON.
///
/// Input is strict: unknown keys, wrong JSON types, out-of-range integers, bad encodings (base64 must be
/// the configured alphabet and padded; hex needs `0x`), two members of one oneof, and nesting deeper than
/// 100 levels are `invalid_encoding` errors whose message starts with the field path, e.g.
/// `transaction.header.payer: invalid base58 character '0' at position 3`. Accepted leniencies, as in the
/// Go implementation: lowerCamelCase keys, integers as numbers or decimal strings, enums as names or
/// numbers, `null` meaning "not set". JSON numbers with a fraction or exponent are rejected for integers.
///
/// The value-level API (nlohmann::json, for the JSON-RPC layer) is in json_value.hpp; this header stays free
/// of third-party JSON headers.

#include <string>
#include <string_view>

#include "modchain/util/encoding.hpp"
#include "modchain/util/error.hpp"

namespace google::protobuf {
class Message;
}

namespace modchain::protocol {

/// Knobs for the JSON codec. The defaults are the Koinos JSON-RPC dialect.
struct JsonOptions {
  /// Alphabet for BASE64 (and unannotated) bytes: url for the API, standard for genesis files.
  util::Base64Alphabet base64_alphabet = util::Base64Alphabet::url;
  /// Skip unknown keys instead of failing (the Go gateway's DiscardUnknown); off = strict.
  bool ignore_unknown_fields = false;
};

/// Encodes `message` as single-line JSON text. Fails only for a google.protobuf.Any whose type is not
/// linked in or whose value does not parse (`invalid_encoding`).
util::Result<std::string> to_json(const google::protobuf::Message& message, const JsonOptions& options = {});

/// Clears `out` and decodes JSON text into it. Error paths start with the message's short type name
/// (`transaction.header.payer: …`). On error `out` is left in an unspecified but valid state.
util::Status from_json_into(std::string_view text, google::protobuf::Message& out, const JsonOptions& options = {});

/// Decodes JSON text as a `M` (any generated message type).
template <class M>
util::Result<M> from_json(std::string_view text, const JsonOptions& options = {}) {
  M message;
  if (auto status = from_json_into(text, message, options); !status.ok()) return status.error();
  return message;
}

}  // namespace modchain::protocol
