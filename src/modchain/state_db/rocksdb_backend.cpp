#include "modchain/state_db/rocksdb_backend.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <exception>
#include <vector>

#include "modchain/util/varint.hpp"

namespace modchain::state_db {
namespace {

constexpr uint32_t k_format_version = 1;
constexpr const char* k_meta_family = "modchain_meta";

rocksdb::Slice slice(util::ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

util::Bytes bytes_of(const rocksdb::Slice& s) {
  auto* p = reinterpret_cast<const uint8_t*>(s.data());
  return {p, p + s.size()};
}

uint64_t read_u64_be(const util::Bytes& b) {
  uint64_t v = 0;
  for (uint8_t c : b) v = (v << 8) | c;
  return v;
}

util::Bytes u64_be(uint64_t v) {
  util::Bytes out;
  util::append_u64_be(out, v);
  return out;
}

class RocksDbBackend final : public Backend {
 public:
  RocksDbBackend(std::string path, bool read_only) : m_path(std::move(path)), m_read_only(read_only) {}

  ~RocksDbBackend() override {
    if (!m_db) return;
    for (auto* handle : m_handles) m_db->DestroyColumnFamilyHandle(handle);
    m_db->Close();
  }

  util::Status open(const RocksDbOptions& options) {
    rocksdb::Options db_options;
    db_options.create_if_missing = !options.read_only;
    db_options.create_missing_column_families = !options.read_only;
    db_options.paranoid_checks = true;
    if (options.env) db_options.env = options.env;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

    std::vector<rocksdb::ColumnFamilyDescriptor> families{
        {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions(db_options)},
        {k_meta_family, rocksdb::ColumnFamilyOptions(db_options)}};
    rocksdb::DB* db = nullptr;
    rocksdb::Status s =
        options.read_only ? rocksdb::DB::OpenForReadOnly(db_options, m_path, families, &m_handles, &db)
                          : rocksdb::DB::Open(db_options, m_path, families, &m_handles, &db);
    if (!s.ok()) return error("open", s);
    m_db.reset(db);
    return check_format();
  }

  util::Result<std::optional<util::Bytes>> get(util::ByteView key) const override {
    return read(m_handles[0], key, "get");
  }

  util::Result<std::optional<KeyValue>> next(util::ByteView key) const override {
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_handles[0]));
    it->Seek(slice(key));
    if (it->Valid() && it->key() == slice(key)) it->Next();
    return entry_at(*it, "next");
  }

  util::Result<std::optional<KeyValue>> prev(util::ByteView key) const override {
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_handles[0]));
    it->Seek(slice(key));
    if (it->Valid()) {
      it->Prev();
    } else if (it->status().ok()) {
      it->SeekToLast();
    }
    return entry_at(*it, "prev");
  }

  util::Result<std::optional<RootMeta>> load_meta() const override {
    auto id = read(m_handles[1], util::as_bytes("id"), "read metadata");
    if (!id) return id.error();
    if (!id->has_value()) return std::optional<RootMeta>{};
    RootMeta meta;
    meta.id = std::move(**id);
    const std::pair<const char*, util::Bytes*> fields[] = {
        {"merkle_root", &meta.merkle_root}, {"header", &meta.header}, {"signer", &meta.signer}};
    for (const auto& [name, target] : fields) {
      auto value = read(m_handles[1], util::as_bytes(name), "read metadata");
      if (!value) return value.error();
      if (value->has_value()) *target = std::move(**value);
    }
    for (auto [name, target] : {std::pair{"revision", &meta.revision}, std::pair{"timestamp", &meta.timestamp}}) {
      auto value = read(m_handles[1], util::as_bytes(name), "read metadata");
      if (!value) return value.error();
      if (value->has_value()) *target = read_u64_be(**value);
    }
    return std::optional<RootMeta>{std::move(meta)};
  }

  util::Status write(const std::vector<BatchOp>& ops, const RootMeta& meta) override {
    if (m_read_only) {
      return util::make_error(util::ErrorCode::io_error,
                              "RocksDB write refused for " + m_path + ": database opened read-only");
    }
    try {
      rocksdb::WriteBatch batch;
      for (const auto& op : ops) {
        rocksdb::Status s = op.value ? batch.Put(m_handles[0], slice(op.key), slice(*op.value))
                                     : batch.Delete(m_handles[0], slice(op.key));
        if (!s.ok()) return error("batch", s);
      }
      util::Bytes format;
      util::append_u32_be(format, k_format_version);
      const std::pair<const char*, util::Bytes> fields[] = {
          {"format", format},           {"id", meta.id},         {"revision", u64_be(meta.revision)},
          {"merkle_root", meta.merkle_root}, {"header", meta.header}, {"timestamp", u64_be(meta.timestamp)},
          {"signer", meta.signer}};
      for (const auto& [name, value] : fields) {
        rocksdb::Status s = batch.Put(m_handles[1], name, slice(value));
        if (!s.ok()) return error("batch", s);
      }
      rocksdb::WriteOptions write_options;
      write_options.sync = true;
      rocksdb::Status s = m_db->Write(write_options, &batch);
      if (!s.ok()) return error("write", s);
      return {};
    } catch (const std::exception& e) {
      return util::make_error(util::ErrorCode::io_error,
                              "RocksDB write failed for " + m_path + ": " + e.what());
    }
  }

  std::string describe() const override { return "rocksdb:" + m_path; }

 private:
  util::Error error(const char* operation, const rocksdb::Status& s) const {
    return util::make_error(util::ErrorCode::io_error,
                            std::string("RocksDB ") + operation + " failed for " + m_path + ": " + s.ToString());
  }

  util::Result<std::optional<util::Bytes>> read(rocksdb::ColumnFamilyHandle* family, util::ByteView key,
                                                const char* operation) const {
    rocksdb::PinnableSlice value;
    rocksdb::Status s = m_db->Get(rocksdb::ReadOptions(), family, slice(key), &value);
    if (s.IsNotFound()) return std::optional<util::Bytes>{};
    if (!s.ok()) return error(operation, s);
    return std::optional<util::Bytes>{bytes_of(value)};
  }

  util::Result<std::optional<KeyValue>> entry_at(const rocksdb::Iterator& it, const char* operation) const {
    if (!it.Valid()) {
      if (!it.status().ok()) return error(operation, it.status());
      return std::optional<KeyValue>{};
    }
    return std::optional<KeyValue>{KeyValue{bytes_of(it.key()), bytes_of(it.value())}};
  }

  util::Status check_format() {
    auto format = read(m_handles[1], util::as_bytes("format"), "read metadata");
    if (!format) return format.error();
    if (!format->has_value()) return {};
    if (read_u64_be(**format) != k_format_version) {
      return util::make_error(util::ErrorCode::unexpected_state,
                              "state database at " + m_path + " has format version " +
                                  std::to_string(read_u64_be(**format)) + ", expected " +
                                  std::to_string(k_format_version));
    }
    return {};
  }

  std::string m_path;
  bool m_read_only = false;
  std::unique_ptr<rocksdb::DB> m_db;
  std::vector<rocksdb::ColumnFamilyHandle*> m_handles;
};

}  // namespace

util::Result<std::unique_ptr<Backend>> open_rocksdb_backend(const RocksDbOptions& options) {
  try {
    auto backend = std::make_unique<RocksDbBackend>(options.path, options.read_only);
    auto status = backend->open(options);
    if (!status) return status.error();
    return std::unique_ptr<Backend>(std::move(backend));
  } catch (const std::exception& e) {
    return util::make_error(util::ErrorCode::io_error,
                            "RocksDB open failed for " + options.path + ": " + e.what());
  }
}

}  // namespace modchain::state_db
