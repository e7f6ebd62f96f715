#pragma once
// Test helpers: blocks with synthetic ids (the store does not verify ids) and temporary directories.

#include <filesystem>
#include <random>
#include <string>

#include "koinos/protocol/protocol.pb.h"

namespace modchain::block_store::testing {

/// A 34-byte multihash-shaped id derived from `name`.
inline std::string id_of(const std::string& name) {
  std::string id("\x12\x20", 2);
  for (size_t i = 0; i < 32; ++i) id.push_back(i < name.size() ? name[i] : '.');
  return id;
}

/// A block `name` at `height` whose parent is `parent` (a name; ignored for height 1).
inline koinos::protocol::block make_block(const std::string& name, uint64_t height, const std::string& parent) {
  koinos::protocol::block block;
  block.set_id(id_of(name));
  block.mutable_header()->set_height(height);
  block.mutable_header()->set_previous(height == 1 ? std::string(34, '\0') : id_of(parent));
  block.mutable_header()->set_timestamp(1000 * height);
  return block;
}

/// A receipt matching `block`.
inline koinos::protocol::block_receipt make_receipt(const koinos::protocol::block& block) {
  koinos::protocol::block_receipt receipt;
  receipt.set_id(block.id());
  receipt.set_height(block.header().height());
  return receipt;
}

/// A fresh temporary directory removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    m_path = std::filesystem::temp_directory_path() / ("modchain_block_store_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  std::string path(const std::string& sub = "db") const { return (m_path / sub).string(); }

 private:
  std::filesystem::path m_path;
};

}  // namespace modchain::block_store::testing
