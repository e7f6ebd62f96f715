// Genesis JSON loading: the JSON codec with the genesis file's standard-base64 alphabet.
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/json.hpp"
#include "modchain/util/file.hpp"

namespace modchain::protocol {

util::Result<koinos::chain::genesis_data> genesis_from_json(std::string_view json_text) {
  JsonOptions options;
  options.base64_alphabet = util::Base64Alphabet::standard;
  // proto3 JSON decoding stores a written default exactly like an absent field, which is what makes the
  // mainnet entry with `"id": 0` / `"key": ""` hash correctly (pitfalls.md).
  return from_json<koinos::chain::genesis_data>(json_text, options);
}

util::Result<crypto::Multihash> chain_id_from_genesis_file(const std::string& path) {
  auto text = util::read_file(path);
  if (!text) return text.error();
  auto genesis = genesis_from_json(*text);
  if (!genesis) return util::make_error(genesis.error().code, path + ": " + genesis.error().message);
  return chain_id(*genesis);
}

}  // namespace modchain::protocol
