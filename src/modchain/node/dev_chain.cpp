#include "modchain/node/dev_chain.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <random>

#include "modchain/kernel/genesis.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/json.hpp"
#include "modchain/util/file.hpp"

namespace modchain::node {

using util::ErrorCode;
namespace fs = std::filesystem;

namespace {

util::Status write_file(const fs::path& path, const std::string& text, bool secret) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec)
    return util::make_error(ErrorCode::io_error, "cannot create " + path.parent_path().string() + ": " + ec.message());
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return util::make_error(ErrorCode::io_error, "cannot write " + tmp.string());
  }
  if (secret) fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, ec);
  fs::rename(tmp, path, ec);
  if (ec) return util::make_error(ErrorCode::io_error, "cannot rename " + tmp.string() + ": " + ec.message());
  return {};
}

crypto::PrivateKey random_key() {
  std::array<uint8_t, 32> entropy{};
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  urandom.read(reinterpret_cast<char*>(entropy.data()), entropy.size());
  if (!urandom) {  // no /dev/urandom: fall back on the standard library's source
    std::random_device device;
    for (auto& b : entropy) b = static_cast<uint8_t>(device());
  }
  return crypto::PrivateKey::generate(entropy);
}

util::Result<std::string> genesis_key_of(const koinos::chain::genesis_data& genesis) {
  const std::string key = util::to_string(protocol::metadata_key("genesis_key").to_bytes());
  for (const auto& entry : genesis.entries()) {
    if (entry.space().system() && entry.key() == key) return entry.value();
  }
  return util::make_error(ErrorCode::invalid_argument, "the genesis has no genesis_key entry");
}

std::string trim(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(text.begin());
  return text;
}

}  // namespace

util::Result<koinos::chain::genesis_data> read_genesis(const std::string& path) {
  auto text = util::read_file(path);
  if (!text.ok()) return text.error();  // io_error "cannot open <path>: <reason>"
  auto genesis = protocol::genesis_from_json(text.value());
  if (!genesis.ok()) return util::make_error(genesis.error().code, path + ": " + genesis.error().message);
  return genesis;
}

util::Result<DevChain> load_or_create_dev_chain(const std::string& data_dir, const std::string& genesis_path,
                                                const std::string& key_wif) {
  const fs::path key_path = fs::path(data_dir) / "block_producer" / "private.key";
  std::error_code ec;
  if (fs::exists(genesis_path, ec)) {
    std::string wif = key_wif;
    if (wif.empty()) {
      auto stored = util::read_file(key_path.string());
      if (!stored.ok()) {
        return util::make_error(
            ErrorCode::invalid_argument,
            "dev chain: " + genesis_path + " exists but " + key_path.string() + " cannot be read; give --producer-key");
      }
      wif = trim(stored.value());
    }
    auto key = crypto::PrivateKey::from_wif(wif);
    if (!key.ok()) return util::make_error(key.error().code, key_path.string() + ": " + key.error().message);
    auto genesis = read_genesis(genesis_path);
    if (!genesis.ok()) return genesis.error();
    auto genesis_key = genesis_key_of(genesis.value());
    if (!genesis_key.ok()) return genesis_key.error();
    if (genesis_key.value() != util::to_string(key->public_key().address().view())) {
      return util::make_error(ErrorCode::invalid_argument,
                              "dev chain: the producer key is not the genesis key of " + genesis_path);
    }
    return DevChain{std::move(genesis).value(), std::move(key).value(), false};
  }
  crypto::PrivateKey key = random_key();
  if (!key_wif.empty()) {
    auto given = crypto::PrivateKey::from_wif(key_wif);
    if (!given.ok()) return given.error();
    key = std::move(given).value();
  }
  kernel::DevGenesisOptions options;
  options.max_account_resources = k_dev_account_rc;
  auto genesis = kernel::make_dev_genesis(key.public_key().address(), options);
  auto json = protocol::to_json(genesis, protocol::JsonOptions{util::Base64Alphabet::standard, false});
  if (!json.ok()) return json.error();
  MODCHAIN_TRY_STATUS(write_file(key_path, key.to_wif() + "\n", true));
  MODCHAIN_TRY_STATUS(write_file(genesis_path, json.value() + "\n", false));
  return DevChain{std::move(genesis), std::move(key), true};
}

}  // namespace modchain::node
