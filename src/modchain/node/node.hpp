#pragma once
/// The composition root of modchaind: builds every service from a NodeConfig, wires them on one
/// in-process bus, and tears them down in reverse order. No business logic lives here.
///
/// Start-up: data directory → genesis (and in dev mode the dev key, dev_chain.hpp) → block store →
/// controller (RocksDB state under `<data_dir>/chain/blockchain`) → chain service → replay of the blocks
/// the block store holds above the state's head (the state keeps only the last irreversible block on
/// disk, so a restart resumes by re-applying the blocks since the LIB) → mempool → JSON-RPC server → p2p
/// (if p2p-listen or p2p-peer is set; docs/p2p.md) →
/// producer (if there is a producer key). Data layout: `<data_dir>/block_store`, `<data_dir>/chain`,
/// `<data_dir>/block_producer/private.key`, `<data_dir>/genesis_data.json`.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "modchain/node/config.hpp"
#include "modchain/util/error.hpp"

namespace modchain::node {

/// Log levels, in increasing severity.
enum class LogLevel { trace, debug, info, warning, error };

/// Receives the node's log lines.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/// Facts for the start-up banner.
struct NodeInfo {
  std::string chain_id_hex;        ///< `0x1220…`
  std::string chain_id_base64;     ///< the JSON-RPC form (base64url)
  std::string genesis_path;        ///< genesis file used
  std::string genesis_address;     ///< base58 genesis key address (empty if the genesis has none)
  std::string producer_address;    ///< base58 block signer (empty: not producing)
  std::string producer_key_wif;    ///< set only when --dev generated the key in this run
  std::string data_dir;            ///< data directory
  std::string rpc_url;             ///< `http://ADDRESS:PORT/` as bound
  std::string p2p_listen;          ///< p2p `ADDRESS:PORT` as bound (empty: p2p off)
  std::vector<std::string> p2p_peers;  ///< configured p2p peers
  uint64_t head_height = 0;        ///< head after the replay
  uint64_t replayed_blocks = 0;    ///< blocks re-applied from the block store
  uint64_t block_interval_ms = 0;  ///< production interval (0: not producing)
};

/// A running node; stop() or the destructor shuts it down.
class Node {
 public:
  /// Builds and starts every service. `on_block` is called from the producer thread after every block
  /// produced (may be empty). Errors name what failed (io_error for files/ports, …).
  static util::Result<std::unique_ptr<Node>> start(const NodeConfig& config, LogSink log,
                                                   std::function<void(uint64_t height)> on_block = {});
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  /// The banner facts.
  const NodeInfo& info() const;
  /// Graceful shutdown: producer, then RPC server (requests in flight finish), then services; idempotent.
  void stop();

 private:
  struct Impl;
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// Parses a log level name (`trace` … `error`; anything else is info).
LogLevel parse_log_level(std::string_view name);

/// The multi-line start-up banner: chain id, genesis key address, data dir, RPC URL, koilib hint.
std::string banner(const NodeInfo& info);

}  // namespace modchain::node
