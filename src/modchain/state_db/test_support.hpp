#pragma once
/// Test-only helpers shared by the state_db suites: temporary directories, opening a database on either
/// backend (with reopen for the memory backend too), block ids.

#include <memory>
#include <ostream>
#include <string>

#include "modchain/state_db/state_db.hpp"

namespace modchain::state_db {
/// gtest printer for parameterized backends.
inline void PrintTo(BackendKind kind, std::ostream* os) { *os << (kind == BackendKind::memory ? "memory" : "rocksdb"); }
}  // namespace modchain::state_db

namespace modchain::state_db::testing {

/// A fresh directory under the build tree (or /tmp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The directory path.
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

/// Opens databases on one backend kind; the memory backend's data survives "reopen" through a shared
/// store, so reopen tests run on both backends.
class DbFactory {
 public:
  /// A factory for `kind` with its own storage.
  explicit DbFactory(BackendKind kind);
  /// Opens (or reopens) the database; asserts success.
  std::unique_ptr<Database> open(ForkResolution resolution = ForkResolution::fifo);
  /// Opens and returns the result (for error tests).
  util::Result<std::unique_ptr<Database>> try_open(ForkResolution resolution = ForkResolution::fifo);
  /// The RocksDB directory (empty for memory).
  std::string path() const;
  /// The backend kind.
  BackendKind kind() const { return m_kind; }

 private:
  BackendKind m_kind;
  std::unique_ptr<TempDir> m_dir;
  std::shared_ptr<Backend> m_memory;
};

/// "memory" / "rocksdb", for parameterized test names.
std::string backend_name(BackendKind kind);

/// A deterministic 34-byte sha2-256 multihash id for test block `n`.
util::Bytes test_block_id(uint64_t n);

/// A block info for test block `n` at `height`.
BlockInfo test_block(uint64_t n, uint64_t height, uint64_t timestamp = 0, util::Bytes signer = {});

/// Bytes from text.
inline util::Bytes b(std::string_view text) { return util::to_bytes(text); }

}  // namespace modchain::state_db::testing
