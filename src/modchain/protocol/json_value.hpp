#pragma once
/// Value-level access to the Koinos JSON codec (json.hpp) for code that already holds parsed JSON, such
/// as the JSON-RPC layer decoding `params` of an envelope it parsed itself. Includes nlohmann/json.hpp,
/// so include it only where that is wanted; json.hpp is the lean string-level API.
///
/// Output is an `ordered_json` so fields keep declaration order (what the Go implementation writes);
/// input is accepted as either nlohmann value type.

#include <nlohmann/json.hpp>
#include <string>

#include "modchain/protocol/json.hpp"

namespace modchain::protocol {

/// Encodes `message` as a JSON value, fields in declaration order (see json.hpp for the rules).
util::Result<nlohmann::ordered_json> to_json_value(const google::protobuf::Message& message,
                                                   const JsonOptions& options = {});

/// Clears `out` and decodes `value` into it. Error messages start with `path` (default: the message's
/// short type name), e.g. from_json_value(params["transaction"], trx, {}, "params.transaction").
util::Status from_json_value(const nlohmann::json& value, google::protobuf::Message& out,
                             const JsonOptions& options = {}, const std::string& path = {});

/// Same as above for an order-preserving value.
util::Status from_json_value(const nlohmann::ordered_json& value, google::protobuf::Message& out,
                             const JsonOptions& options = {}, const std::string& path = {});

}  // namespace modchain::protocol
