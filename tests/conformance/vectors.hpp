#pragma once
// Access to the shared conformance vectors (MODCHAIN_SHARED_DIR/conformance).

#include <google/protobuf/message.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "modchain/crypto/multihash.hpp"
#include "modchain/protocol/json_value.hpp"
#include "modchain/util/bytes.hpp"

namespace modchain::conformance {

/// Parses MODCHAIN_SHARED_DIR/conformance/<name>; aborts the test binary if it is missing (the data is
/// part of the build inputs, not an optional extra).
const nlohmann::json& load(const std::string& name);

/// Hex (no 0x) → bytes; asserts on bad input.
util::Bytes hex(const std::string& text);

/// Hex of a message's canonical serialization.
std::string serialized_hex(const google::protobuf::Message& message);

/// "0x" + hex of a multihash.
std::string id_0x(const crypto::Multihash& id);

/// Base64url (padded) of a multihash.
std::string b64url(const crypto::Multihash& hash);

/// Lowercase hex of sha256(bytes).
std::string sha256_hex(util::ByteView bytes);

/// Decodes a JSON value into M with the protocol JSON codec; fails the current test on error.
template <class M>
M decode(const nlohmann::json& value) {
  M message;
  auto status = protocol::from_json_value(value, message);
  EXPECT_TRUE(status.ok()) << status.error().describe();
  return message;
}

/// Encodes with the protocol JSON codec and parses the text back into a (key-order-insensitive) value.
nlohmann::json encode(const google::protobuf::Message& message);

}  // namespace modchain::conformance
