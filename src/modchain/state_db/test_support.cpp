#include "modchain/state_db/test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "modchain/crypto/multihash.hpp"
#include "modchain/util/assert.hpp"

namespace modchain::state_db::testing {
namespace {

// Forwards to a shared backend so a "reopened" memory database sees the same committed state.
class ForwardingBackend final : public Backend {
 public:
  explicit ForwardingBackend(std::shared_ptr<Backend> target) : m_target(std::move(target)) {}
  util::Result<std::optional<util::Bytes>> get(util::ByteView key) const override { return m_target->get(key); }
  util::Result<std::optional<KeyValue>> next(util::ByteView key) const override { return m_target->next(key); }
  util::Result<std::optional<KeyValue>> prev(util::ByteView key) const override { return m_target->prev(key); }
  util::Result<std::optional<RootMeta>> load_meta() const override { return m_target->load_meta(); }
  util::Status write(const std::vector<BatchOp>& ops, const RootMeta& meta) override {
    return m_target->write(ops, meta);
  }
  std::string describe() const override { return m_target->describe(); }

 private:
  std::shared_ptr<Backend> m_target;
};

}  // namespace

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::filesystem::path base = std::filesystem::temp_directory_path();
#ifdef MODCHAIN_BINARY_DIR
  base = std::filesystem::path(MODCHAIN_BINARY_DIR) / "test_tmp";
#endif
  std::filesystem::create_directories(base);
  m_path = (base / ("state_db_" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
  std::filesystem::remove_all(m_path);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

DbFactory::DbFactory(BackendKind kind) : m_kind(kind) {
  if (kind == BackendKind::memory) {
    m_memory = make_memory_backend();
  } else {
    m_dir = std::make_unique<TempDir>();
  }
}

util::Result<std::unique_ptr<Database>> DbFactory::try_open(ForkResolution resolution) {
  if (m_kind == BackendKind::memory) return Database::open(std::make_unique<ForwardingBackend>(m_memory), resolution);
  DatabaseOptions options;
  options.backend = BackendKind::rocksdb;
  options.rocksdb.path = m_dir->path();
  options.rocksdb.block_cache_bytes = 1 << 20;
  options.fork_resolution = resolution;
  return Database::open(options);
}

std::unique_ptr<Database> DbFactory::open(ForkResolution resolution) {
  auto db = try_open(resolution);
  MODCHAIN_ASSERT(db.ok(), db.ok() ? "" : db.error().message.c_str());
  return std::move(*db);
}

std::string DbFactory::path() const { return m_dir ? m_dir->path() : std::string(); }

std::string backend_name(BackendKind kind) { return kind == BackendKind::memory ? "memory" : "rocksdb"; }

util::Bytes test_block_id(uint64_t n) {
  return crypto::multihash_sha256(util::as_bytes("block " + std::to_string(n))).to_bytes();
}

BlockInfo test_block(uint64_t n, uint64_t height, uint64_t timestamp, util::Bytes signer) {
  return BlockInfo{test_block_id(n), height, timestamp, std::move(signer)};
}

}  // namespace modchain::state_db::testing
