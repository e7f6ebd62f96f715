#include "vectors.hpp"

#include <map>

#include "modchain/crypto/hash.hpp"
#include "modchain/protocol/json.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::conformance {

const nlohmann::json& load(const std::string& name) {
  static std::map<std::string, nlohmann::json> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto text = util::read_file(std::string(MODCHAIN_SHARED_DIR) + "/conformance/" + name);
    MODCHAIN_ASSERT(text.ok(), "conformance vector file missing");
    it = cache.emplace(name, nlohmann::json::parse(*text)).first;
  }
  return it->second;
}

util::Bytes hex(const std::string& text) {
  auto bytes = util::from_hex(text);
  MODCHAIN_ASSERT(bytes.ok(), "bad hex in a conformance vector");
  return *bytes;
}

std::string serialized_hex(const google::protobuf::Message& message) {
  return util::to_hex(protocol::serialize(message));
}

std::string id_0x(const crypto::Multihash& id) { return "0x" + id.to_hex(); }

std::string b64url(const crypto::Multihash& hash) {
  return util::to_base64(hash.to_bytes(), util::Base64Alphabet::url);
}

std::string sha256_hex(util::ByteView bytes) { return util::to_hex(crypto::sha256(bytes)); }

nlohmann::json encode(const google::protobuf::Message& message) {
  auto text = protocol::to_json(message);
  EXPECT_TRUE(text.ok()) << text.error().describe();
  return text.ok() ? nlohmann::json::parse(*text) : nlohmann::json();
}

}  // namespace modchain::conformance
