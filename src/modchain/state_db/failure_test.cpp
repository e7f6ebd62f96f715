// Storage failures: disk full and read-only data directories give clear io_errors, never corruption; the
// database reopens at the last good LIB afterwards. Failures are injected with a RocksDB FileSystem wrapper
// (no tmpfs mounts or chmod needed, so it works as root and in containers).

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "modchain/state_db/state_db.hpp"
#include "modchain/state_db/test_support.hpp"

namespace modchain::state_db {
namespace {

using testing::b;
using testing::test_block;

// Fails every write with NoSpace once the byte budget is used up; optionally refuses to create files
// (a read-only file system).
class FailingFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingFileSystem(std::shared_ptr<rocksdb::FileSystem> target) : FileSystemWrapper(std::move(target)) {}
  const char* Name() const override { return "FailingFileSystem"; }

  std::atomic<int64_t> budget{INT64_MAX};  ///< bytes that may still be appended
  std::atomic<bool> read_only{false};

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    if (read_only) return rocksdb::IOStatus::IOError(name, "Read-only file system");
    std::unique_ptr<rocksdb::FSWritableFile> file;
    auto s = target()->NewWritableFile(name, options, &file, dbg);
    if (s.ok()) *result = std::make_unique<File>(std::move(file), this);
    return s;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override {
    if (read_only) return rocksdb::IOStatus::IOError(name, "Read-only file system");
    return target()->ReopenWritableFile(name, options, result, dbg);
  }
  rocksdb::IOStatus CreateDirIfMissing(const std::string& name, const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override {
    if (read_only && !std::filesystem::exists(name)) return rocksdb::IOStatus::IOError(name, "Read-only file system");
    return target()->CreateDirIfMissing(name, options, dbg);
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file, FailingFileSystem* fs)
        : FSWritableFileOwnerWrapper(std::move(file)), m_fs(fs) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (!take(data.size())) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
      return FSWritableFileOwnerWrapper::Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info, rocksdb::IODebugContext* dbg) override {
      if (!take(data.size())) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
      return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (m_fs->budget.load() <= 0) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
      return FSWritableFileOwnerWrapper::Sync(options, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
      if (m_fs->budget.load() <= 0) return rocksdb::IOStatus::NoSpace("injected: no space left on device");
      return FSWritableFileOwnerWrapper::Fsync(options, dbg);
    }

   private:
    bool take(size_t bytes) {
      int64_t left = m_fs->budget.fetch_sub(static_cast<int64_t>(bytes)) - static_cast<int64_t>(bytes);
      if (left >= 0) return true;
      m_fs->budget.store(0);
      return false;
    }
    FailingFileSystem* m_fs;
  };
};

struct FailingEnv {
  std::shared_ptr<FailingFileSystem> fs = std::make_shared<FailingFileSystem>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
};

const ObjectSpace k_space{true, {}, 0};

util::Result<std::unique_ptr<Database>> open_at(const std::string& path, rocksdb::Env* env = nullptr,
                                                bool read_only = false) {
  DatabaseOptions options;
  options.rocksdb.path = path;
  options.rocksdb.env = env;
  options.rocksdb.read_only = read_only;
  return Database::open(options);
}

// A finalized block on the head with `count` puts of `size`-byte values, returns its id.
util::Bytes add_block(Database& db, uint64_t n, int count, size_t size) {
  StateNode parent = db.head();
  auto node = db.create_block_node(parent.id(), test_block(n, parent.revision() + 1), {}).value();
  for (int i = 0; i < count; ++i) {
    EXPECT_TRUE(node.put_object(k_space, b("k" + std::to_string(i)), util::Bytes(size, static_cast<uint8_t>('a' + n % 26))).ok());
  }
  EXPECT_TRUE(db.finalize_node(node.id()).ok());
  return node.id();
}

TEST(StorageFailure, DiskFullDuringLibCommitIsAClearErrorAndReopensAtLastGoodLib) {
  testing::TempDir dir;
  FailingEnv failing;
  util::Bytes good_id, bad_id;
  {
    auto db = open_at(dir.path(), failing.env.get()).value();
    good_id = add_block(*db, 1, 10, 100);
    ASSERT_TRUE(db->commit_node(good_id).ok());
    bad_id = add_block(*db, 2, 200, 1000);
    failing.fs->budget = 5000;  // the disk fills up in the middle of the commit batch
    auto status = db->commit_node(bad_id);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, util::ErrorCode::io_error);
    EXPECT_NE(status.error().message.find("No space"), std::string::npos) << status.error().message;
    EXPECT_NE(status.error().message.find(dir.path()), std::string::npos) << status.error().message;
    // Nothing changed in memory: the failed LIB is still a pending block, the root is the last good LIB.
    EXPECT_EQ(db->root().id(), good_id);
    EXPECT_TRUE(db->get_node(bad_id));
    EXPECT_EQ(db->get_node(bad_id).get_object(k_space, b("k0")).value(), util::Bytes(1000, 'c'));
    EXPECT_EQ(db->root().get_object(k_space, b("k0")).value(), util::Bytes(100, 'b'));
    EXPECT_EQ(db->root().get_object(k_space, b("k150")).value(), std::nullopt);
  }
  auto db = open_at(dir.path());
  ASSERT_TRUE(db.ok()) << db.error().describe();
  EXPECT_EQ((*db)->root().id(), good_id);
  EXPECT_EQ((*db)->root().revision(), 1u);
  EXPECT_EQ((*db)->root().get_object(k_space, b("k0")).value(), util::Bytes(100, 'b'));
  EXPECT_EQ((*db)->root().get_object(k_space, b("k150")).value(), std::nullopt);
  // And it keeps working.
  auto next = add_block(**db, 3, 5, 10);
  ASSERT_TRUE((*db)->commit_node(next).ok());
  EXPECT_EQ((*db)->root().revision(), 2u);
}

TEST(StorageFailure, DiskFullAtOpenIsAClearError) {
  testing::TempDir dir;
  FailingEnv failing;
  failing.fs->budget = 0;
  auto db = open_at(dir.path(), failing.env.get());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, util::ErrorCode::io_error);
  EXPECT_NE(db.error().message.find(dir.path()), std::string::npos) << db.error().message;
}

TEST(StorageFailure, ReadOnlyFileSystemIsAClearErrorAndLeavesTheDataIntact) {
  testing::TempDir dir;
  util::Bytes lib;
  {
    auto db = open_at(dir.path()).value();
    lib = add_block(*db, 1, 3, 10);
    ASSERT_TRUE(db->commit_node(lib).ok());
  }
  FailingEnv failing;
  failing.fs->read_only = true;
  auto db = open_at(dir.path(), failing.env.get());
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, util::ErrorCode::io_error);
  EXPECT_NE(db.error().message.find("Read-only file system"), std::string::npos) << db.error().message;
  auto reopened = open_at(dir.path());
  ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
  EXPECT_EQ((*reopened)->root().id(), lib);
  EXPECT_EQ((*reopened)->root().get_object(k_space, b("k2")).value(), util::Bytes(10, 'b'));
}

TEST(StorageFailure, ReadOnlyOpenServesReadsAndRefusesCommits) {
  testing::TempDir dir;
  util::Bytes lib;
  {
    auto db = open_at(dir.path()).value();
    lib = add_block(*db, 1, 3, 10);
    ASSERT_TRUE(db->commit_node(lib).ok());
  }
  auto db = open_at(dir.path(), nullptr, true);
  ASSERT_TRUE(db.ok()) << db.error().describe();
  EXPECT_EQ((*db)->root().id(), lib);
  EXPECT_EQ((*db)->root().get_object(k_space, b("k1")).value(), util::Bytes(10, 'b'));
  auto next = add_block(**db, 2, 2, 5);
  auto status = (*db)->commit_node(next);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, util::ErrorCode::io_error);
  EXPECT_NE(status.error().message.find("read-only"), std::string::npos) << status.error().message;
  EXPECT_EQ((*db)->root().id(), lib);
  db->reset();
  EXPECT_EQ(open_at(dir.path()).value()->root().id(), lib);
}

TEST(StorageFailure, ReadOnlyOpenOfMissingDirectoryFails) {
  testing::TempDir dir;
  auto db = open_at(dir.path() + "/missing", nullptr, true);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, util::ErrorCode::io_error);
  EXPECT_NE(db.error().message.find("missing"), std::string::npos);
}

TEST(StorageFailure, PathThatIsAFileFails) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path());
  std::string file = dir.path() + "/not_a_dir";
  std::ofstream(file) << "x";
  auto db = open_at(file);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, util::ErrorCode::io_error);
  EXPECT_NE(db.error().message.find("not_a_dir"), std::string::npos) << db.error().message;
}

}  // namespace
}  // namespace modchain::state_db
