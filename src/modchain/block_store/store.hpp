#pragma once
/// The block store (koinos-block-store), the transaction store (koinos-transaction-store) and the
/// contract meta store (koinos-contract-meta-store) over one RocksDB database.
///
/// Blocks are kept by id as `koinos.block_store.block_record` with a skip list of ancestors
/// (`previous_block_ids[k]` = the ancestor 2^k blocks back), so "the block at height h on the chain
/// that ends at block X" takes O(log distance) reads. There is no global by-height index on purpose:
/// forks are common near the head, and every by-height query names the chain it follows with
/// `head_block_id` (as Koinos does). add_block() requires the parent to be stored already (except for
/// height 1), which is the order in which the chain applies blocks.
///
/// Each block's transactions are indexed by transaction id (with every containing block id, in the
/// order the blocks were added), and each `upload_contract` of a transaction that was not reverted
/// (per the block receipt) sets the contract's ABI: the last upload added wins.
///
/// Writes are synchronous (WAL fsync) by default and atomic per block. Reads may run concurrently with
/// each other and with one writer; add_block() calls are serialized internally.

#include <memory>
#include <string>

#include "modchain/util/error.hpp"

namespace koinos::protocol {
class block;
class block_receipt;
}  // namespace koinos::protocol
namespace koinos::rpc::block_store {
class get_blocks_by_id_request;
class get_blocks_by_id_response;
class get_blocks_by_height_request;
class get_blocks_by_height_response;
class get_highest_block_response;
}  // namespace koinos::rpc::block_store
namespace koinos::rpc::transaction_store {
class get_transactions_by_id_request;
class get_transactions_by_id_response;
}  // namespace koinos::rpc::transaction_store
namespace koinos::rpc::contract_meta_store {
class get_contract_meta_request;
class get_contract_meta_response;
}  // namespace koinos::rpc::contract_meta_store

namespace modchain::block_store {

/// Largest number of ids or blocks one request may ask for (Koinos' limit).
inline constexpr uint32_t k_max_request_items = 1000;

/// How to open the store.
struct StoreOptions {
  std::string path;          ///< database directory (created if missing)
  bool sync_writes = true;   ///< fsync the write-ahead log on every add_block
};

/// The three stores over one RocksDB database (see the file comment).
class Store {
 public:
  /// Opens (or creates) the database at options.path; io_error naming the path on failure.
  static util::Result<std::unique_ptr<Store>> open(const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Stores a block and its receipt and indexes its transactions and contract uploads. Adding a known
  /// block again changes nothing. Errors: missing_required_arguments (no id/header), unexpected_height
  /// (height 0, or not parent height + 1), unknown_previous_block (parent not stored), io_error.
  util::Status add_block(const koinos::protocol::block& block, const koinos::protocol::block_receipt& receipt);

  /// One item per requested id, in order; unknown ids give an empty item. invalid_argument above
  /// k_max_request_items ids.
  util::Status get_blocks_by_id(const koinos::rpc::block_store::get_blocks_by_id_request& request,
                                koinos::rpc::block_store::get_blocks_by_id_response& out) const;

  /// Blocks from ancestor_start_height to min(start + num - 1, head height) on the chain ending at
  /// head_block_id, ascending. Errors (invalid_argument / not_found): start 0, start above the head,
  /// num above k_max_request_items, unknown head.
  util::Status get_blocks_by_height(const koinos::rpc::block_store::get_blocks_by_height_request& request,
                                    koinos::rpc::block_store::get_blocks_by_height_response& out) const;

  /// The topology of the highest block added (the first one added at that height); empty when none.
  util::Status get_highest_block(koinos::rpc::block_store::get_highest_block_response& out) const;

  /// Known transactions with their containing blocks, in request order; unknown ids are skipped.
  util::Status get_transactions_by_id(const koinos::rpc::transaction_store::get_transactions_by_id_request& request,
                                      koinos::rpc::transaction_store::get_transactions_by_id_response& out) const;

  /// The ABI of the last upload of the contract; an empty response when the contract is unknown.
  util::Status get_contract_meta(const koinos::rpc::contract_meta_store::get_contract_meta_request& request,
                                 koinos::rpc::contract_meta_store::get_contract_meta_response& out) const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace modchain::block_store
