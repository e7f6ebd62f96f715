#include "modchain/block_store/store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

#include "koinos/block_store/block_store.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "koinos/rpc/contract_meta_store/contract_meta_store_rpc.pb.h"
#include "koinos/rpc/transaction_store/transaction_store_rpc.pb.h"
#include "modchain/util/bytes.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::block_store {
namespace {

using util::ErrorCode;
using util::make_error;
using koinos::block_store::block_record;

// One key space per store, distinguished by a one-byte prefix.
constexpr char k_block_prefix = 'B';
constexpr char k_transaction_prefix = 'T';
constexpr char k_contract_prefix = 'C';
const std::string k_highest_key = "Mhighest";
const std::string k_format_key = "Mformat";
const std::string k_format_version = "1";

std::string key(char prefix, const std::string& id) { return std::string(1, prefix) + id; }

std::string show_id(const std::string& id) { return "0x" + util::to_hex(util::as_bytes(id)); }

util::Error io_error(const std::string& what, const rocksdb::Status& s) {
  return make_error(ErrorCode::io_error, "block store " + what + ": " + s.ToString());
}

}  // namespace

struct Store::Impl {
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::WriteOptions write_options;
  std::mutex write_mutex;

  /// Reads `k` into `out`; false if absent, an io_error if the read failed.
  util::Result<bool> read(const std::string& k, std::string& out) const {
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), k, &out);
    if (s.IsNotFound()) return false;
    if (!s.ok()) return io_error("read", s);
    return true;
  }

  /// The record of block `id`, or nullopt.
  util::Result<std::optional<block_record>> record(const std::string& id) const {
    std::string value;
    auto found = read(key(k_block_prefix, id), value);
    if (!found.ok()) return found.error();
    if (!*found) return std::optional<block_record>();
    block_record rec;
    if (!rec.ParseFromString(value)) {
      return make_error(ErrorCode::io_error, "block store: corrupt record for block " + show_id(id));
    }
    return std::optional<block_record>(std::move(rec));
  }

  /// The ancestor of `from` at `height` (from.block_height() >= height), following the skip list.
  util::Result<block_record> ancestor(block_record from, uint64_t height) const {
    while (from.block_height() > height) {
      uint64_t distance = from.block_height() - height;
      if (from.previous_block_ids_size() == 0) {
        return make_error(ErrorCode::io_error, "block store: block " + show_id(from.block_id()) + " has no parent link");
      }
      int k = 0;
      while (k + 1 < from.previous_block_ids_size() && (uint64_t{2} << k) <= distance) ++k;
      std::string next_id = from.previous_block_ids(k);
      auto next = record(next_id);
      if (!next.ok()) return next.error();
      if (!next->has_value()) {
        return make_error(ErrorCode::io_error, "block store: missing ancestor " + show_id(next_id));
      }
      from = std::move(**next);
    }
    return from;
  }

  util::Status build_skip_list(block_record& rec, const koinos::protocol::block& block) const;
  util::Status index_transactions(rocksdb::WriteBatch& batch, const koinos::protocol::block& block) const;
  static void index_contracts(rocksdb::WriteBatch& batch, const koinos::protocol::block& block,
                              const koinos::protocol::block_receipt& receipt);
  util::Status update_highest(rocksdb::WriteBatch& batch, const block_record& rec) const;
};

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Store::~Store() {
  if (m_impl && m_impl->db) m_impl->db->Close();
}

util::Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  if (options.path.empty()) return make_error(ErrorCode::invalid_argument, "block store: empty database path");
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.paranoid_checks = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, &raw);
  if (!s.ok()) return io_error("open " + options.path, s);
  auto impl = std::make_unique<Impl>();
  impl->db.reset(raw);
  impl->write_options.sync = options.sync_writes;
  std::string format;
  auto found = impl->read(k_format_key, format);
  if (!found.ok()) return found.error();
  if (!*found) {
    s = impl->db->Put(impl->write_options, k_format_key, k_format_version);
    if (!s.ok()) return io_error("write format version", s);
  } else if (format != k_format_version) {
    return make_error(ErrorCode::io_error, "block store " + options.path + ": unsupported format version '" + format + "'");
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

util::Status Store::Impl::build_skip_list(block_record& rec, const koinos::protocol::block& block) const {
  const uint64_t height = block.header().height();
  if (height == 1) return {};  // the parent is the genesis state, not a stored block
  const std::string& parent_id = block.header().previous();
  auto parent = record(parent_id);
  if (!parent.ok()) return parent.error();
  if (!parent->has_value()) {
    return make_error(ErrorCode::unknown_previous_block, "block " + show_id(block.id()) + ": previous block " +
                                                             show_id(parent_id) + " is not in the block store");
  }
  if ((*parent)->block_height() + 1 != height) {
    return make_error(ErrorCode::unexpected_height,
                      "block " + show_id(block.id()) + ": height " + std::to_string(height) +
                          " does not follow its parent's height " + std::to_string((*parent)->block_height()));
  }
  rec.add_previous_block_ids(parent_id);
  block_record hop = std::move(**parent);
  // previous_block_ids[k] = ancestor 2^k back = the 2^(k-1)-back ancestor of the 2^(k-1)-back ancestor.
  for (int k = 1; hop.previous_block_ids_size() >= k; ++k) {
    const std::string next_id = hop.previous_block_ids(k - 1);
    rec.add_previous_block_ids(next_id);
    auto next = record(next_id);
    if (!next.ok()) return next.error();
    if (!next->has_value()) break;
    hop = std::move(**next);
  }
  return {};
}

util::Status Store::Impl::index_transactions(rocksdb::WriteBatch& batch, const koinos::protocol::block& block) const {
  for (const auto& trx : block.transactions()) {
    if (trx.id().empty()) continue;  // nothing to index it by
    koinos::transaction_store::transaction_item item;
    std::string value;
    const std::string k = key(k_transaction_prefix, trx.id());
    auto found = read(k, value);
    if (!found.ok()) return found.error();
    if (*found && !item.ParseFromString(value)) {
      return make_error(ErrorCode::io_error, "block store: corrupt transaction item " + show_id(trx.id()));
    }
    *item.mutable_transaction() = trx;
    const auto& blocks = item.containing_blocks();
    if (std::find(blocks.begin(), blocks.end(), block.id()) == blocks.end()) item.add_containing_blocks(block.id());
    batch.Put(k, item.SerializeAsString());
  }
  return {};
}

void Store::Impl::index_contracts(rocksdb::WriteBatch& batch, const koinos::protocol::block& block,
                                  const koinos::protocol::block_receipt& receipt) {
  for (int i = 0; i < block.transactions_size(); ++i) {
    if (i < receipt.transaction_receipts_size() && receipt.transaction_receipts(i).reverted()) continue;
    for (const auto& op : block.transactions(i).operations()) {
      if (!op.has_upload_contract()) continue;
      koinos::contract_meta_store::contract_meta_item meta;
      meta.set_abi(op.upload_contract().abi());
      batch.Put(key(k_contract_prefix, op.upload_contract().contract_id()), meta.SerializeAsString());
    }
  }
}

util::Status Store::Impl::update_highest(rocksdb::WriteBatch& batch, const block_record& rec) const {
  std::string value;
  auto found = read(k_highest_key, value);
  if (!found.ok()) return found.error();
  koinos::block_topology highest;
  if (*found && !highest.ParseFromString(value)) {
    return make_error(ErrorCode::io_error, "block store: corrupt highest block record");
  }
  if (*found && highest.height() >= rec.block_height()) return {};
  highest.set_id(rec.block_id());
  highest.set_height(rec.block_height());
  highest.set_previous(rec.block().header().previous());
  batch.Put(k_highest_key, highest.SerializeAsString());
  return {};
}

util::Status Store::add_block(const koinos::protocol::block& block, const koinos::protocol::block_receipt& receipt) {
  if (block.id().empty()) return make_error(ErrorCode::missing_required_arguments, "add_block: the block has no id");
  if (!block.has_header()) {
    return make_error(ErrorCode::missing_required_arguments, "add_block: block " + show_id(block.id()) + " has no header");
  }
  if (block.header().height() == 0) {
    return make_error(ErrorCode::unexpected_height, "add_block: block " + show_id(block.id()) + " has height 0");
  }
  std::lock_guard lock(m_impl->write_mutex);
  auto existing = m_impl->record(block.id());
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) return {};
  block_record rec;
  rec.set_block_id(block.id());
  rec.set_block_height(block.header().height());
  *rec.mutable_block() = block;
  *rec.mutable_receipt() = receipt;
  MODCHAIN_TRY_STATUS(m_impl->build_skip_list(rec, block));
  rocksdb::WriteBatch batch;
  MODCHAIN_TRY_STATUS(m_impl->index_transactions(batch, block));
  Impl::index_contracts(batch, block, receipt);
  MODCHAIN_TRY_STATUS(m_impl->update_highest(batch, rec));
  batch.Put(key(k_block_prefix, block.id()), rec.SerializeAsString());
  rocksdb::Status s = m_impl->db->Write(m_impl->write_options, &batch);
  if (!s.ok()) return io_error("write block " + show_id(block.id()), s);
  return {};
}

namespace {

void fill_item(const block_record& rec, bool with_block, bool with_receipt, koinos::block_store::block_item& item) {
  item.set_block_id(rec.block_id());
  item.set_block_height(rec.block_height());
  if (with_block) *item.mutable_block() = rec.block();
  if (with_receipt) *item.mutable_receipt() = rec.receipt();
}

}  // namespace

util::Status Store::get_blocks_by_id(const koinos::rpc::block_store::get_blocks_by_id_request& request,
                                     koinos::rpc::block_store::get_blocks_by_id_response& out) const {
  out.Clear();
  if (static_cast<uint32_t>(request.block_ids_size()) > k_max_request_items) {
    return make_error(ErrorCode::invalid_argument, "get_blocks_by_id: " + std::to_string(request.block_ids_size()) +
                                                       " ids requested, at most " +
                                                       std::to_string(k_max_request_items) + " allowed");
  }
  for (const auto& id : request.block_ids()) {
    auto* item = out.add_block_items();
    auto rec = m_impl->record(id);
    if (!rec.ok()) return rec.error();
    if (rec->has_value()) fill_item(**rec, request.return_block(), request.return_receipt(), *item);
  }
  return {};
}

util::Status Store::get_blocks_by_height(const koinos::rpc::block_store::get_blocks_by_height_request& request,
                                         koinos::rpc::block_store::get_blocks_by_height_response& out) const {
  out.Clear();
  const uint64_t start = request.ancestor_start_height();
  if (start == 0) return make_error(ErrorCode::invalid_argument, "get_blocks_by_height: ancestor_start_height must be at least 1");
  if (request.num_blocks() > k_max_request_items) {
    return make_error(ErrorCode::invalid_argument, "get_blocks_by_height: num_blocks " + std::to_string(request.num_blocks()) +
                                                       " exceeds " + std::to_string(k_max_request_items));
  }
  auto head = m_impl->record(request.head_block_id());
  if (!head.ok()) return head.error();
  if (!head->has_value()) {
    return make_error(ErrorCode::not_found,
                      "get_blocks_by_height: head block " + show_id(request.head_block_id()) + " not found");
  }
  if (start > (*head)->block_height()) {
    return make_error(ErrorCode::invalid_argument, "get_blocks_by_height: ancestor_start_height " + std::to_string(start) +
                                                       " is above the head height " +
                                                       std::to_string((*head)->block_height()));
  }
  if (request.num_blocks() == 0) return {};
  const uint64_t last = std::min<uint64_t>(start + request.num_blocks() - 1, (*head)->block_height());
  auto top = m_impl->ancestor(std::move(**head), last);
  if (!top.ok()) return top.error();
  std::vector<block_record> chain{std::move(*top)};
  while (chain.back().block_height() > start) {
    auto parent = m_impl->ancestor(chain.back(), chain.back().block_height() - 1);
    if (!parent.ok()) return parent.error();
    chain.push_back(std::move(*parent));
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    fill_item(*it, request.return_block(), request.return_receipt(), *out.add_block_items());
  }
  return {};
}

util::Status Store::get_highest_block(koinos::rpc::block_store::get_highest_block_response& out) const {
  out.Clear();
  std::string value;
  auto found = m_impl->read(k_highest_key, value);
  if (!found.ok()) return found.error();
  if (!*found) {
    out.mutable_topology();
    return {};
  }
  if (!out.mutable_topology()->ParseFromString(value)) {
    return make_error(ErrorCode::io_error, "block store: corrupt highest block record");
  }
  return {};
}

util::Status Store::get_transactions_by_id(
    const koinos::rpc::transaction_store::get_transactions_by_id_request& request,
    koinos::rpc::transaction_store::get_transactions_by_id_response& out) const {
  out.Clear();
  if (static_cast<uint32_t>(request.transaction_ids_size()) > k_max_request_items) {
    return make_error(ErrorCode::invalid_argument, "get_transactions_by_id: " +
                                                       std::to_string(request.transaction_ids_size()) +
                                                       " ids requested, at most " +
                                                       std::to_string(k_max_request_items) + " allowed");
  }
  for (const auto& id : request.transaction_ids()) {
    std::string value;
    auto found = m_impl->read(key(k_transaction_prefix, id), value);
    if (!found.ok()) return found.error();
    if (!*found) continue;
    if (!out.add_transactions()->ParseFromString(value)) {
      return make_error(ErrorCode::io_error, "block store: corrupt transaction item " + show_id(id));
    }
  }
  return {};
}

util::Status Store::get_contract_meta(const koinos::rpc::contract_meta_store::get_contract_meta_request& request,
                                      koinos::rpc::contract_meta_store::get_contract_meta_response& out) const {
  out.Clear();
  if (request.contract_id().empty()) {
    return make_error(ErrorCode::missing_required_arguments, "get_contract_meta: contract_id is required");
  }
  std::string value;
  auto found = m_impl->read(key(k_contract_prefix, request.contract_id()), value);
  if (!found.ok()) return found.error();
  if (*found && !out.mutable_meta()->ParseFromString(value)) {
    return make_error(ErrorCode::io_error, "block store: corrupt contract meta for " +
                                               util::to_base58(util::as_bytes(request.contract_id())));
  }
  return {};
}

}  // namespace modchain::block_store
