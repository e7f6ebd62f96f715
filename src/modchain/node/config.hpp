#pragma once
/// modchaind configuration: built-in defaults, then a YAML file, then command-line flags (each later
/// source overrides the earlier). YAML keys and flags share one flat vocabulary (`jsonrpc-listen: …` in
/// the file = `--jsonrpc-listen …` on the command line); unknown keys and flags are errors naming them.
/// See docs/configuration.md for the full list.

#include <cstdint>
#include <string>
#include <vector>

#include "modchain/util/error.hpp"

namespace modchain::node {

/// Everything modchaind reads at start-up.
struct NodeConfig {
  std::string data_dir;                     ///< default `$HOME/.modchain`
  std::string config_file;                  ///< the YAML file read (empty when none)
  std::string jsonrpc_address = "127.0.0.1";
  uint16_t jsonrpc_port = 8080;             ///< 0 = an ephemeral port (tests)
  unsigned jsonrpc_threads = 2;
  uint64_t jsonrpc_max_body_bytes = 1024 * 1024;
  std::vector<std::string> jsonrpc_whitelist;  ///< prefixes of `koinos.rpc.<service>.<method>`
  std::vector<std::string> jsonrpc_blacklist{"koinos.rpc.block_store.add_block", "koinos.rpc.chain.propose_block"};
  std::string p2p_listen;                   ///< p2p `HOST:PORT` to listen on; empty = p2p off (port 0 = ephemeral)
  std::vector<std::string> p2p_peers;       ///< `HOST:PORT` peers kept connected (repeatable; needs p2p-listen)
  std::string genesis_path;                 ///< default `<data_dir>/genesis_data.json`
  std::string producer_key_wif;             ///< empty = this node does not produce blocks
  uint32_t block_interval_ms = 5000;        ///< target time between produced blocks
  std::string log_level = "info";           ///< trace | debug | info | warning | error
  std::string fork_algorithm = "fifo";      ///< fifo | pob | block-time
  bool dev = false;                         ///< one-command local chain (dev genesis, key, production)
  // System contracts (docs/system_contracts.md). Install-time settings are read only when `dev` starts a
  // fresh chain (head at block 0) with a profile other than bare.
  std::string profile = "bare";             ///< bare | dev | governed
  std::string consensus_module = "consensus";  ///< consensus | consensus_v1 (the historical buggy version)
  std::vector<std::string> producers;       ///< base58 producer addresses in rotation order (default: genesis key)
  uint64_t slot_ms = 0;                     ///< producer rotation slot; 0 = 3 × block-interval
  std::vector<uint64_t> governance_periods{10, 100, 10};  ///< review, vote, application delay (blocks)
  std::vector<std::string> approve_proposals;  ///< proposal ids (0x hex) this producer votes for
  bool help = false;                        ///< `--help` was given
};

/// Inputs from the environment, explicit so tests control them.
struct ConfigEnvironment {
  std::string home;  ///< `$HOME`, for the default data directory and `~` expansion
};

/// Builds the configuration from argv (argv[0] is skipped). `--config PATH` names the YAML file;
/// without it `<data_dir>/config.yml` is read if it exists (data_dir from `--data-dir` or the default).
/// Errors are invalid_argument (unknown key/flag, bad value, missing flag value) or io_error (the named
/// file cannot be read), and name the key and the source.
util::Result<NodeConfig> load_config(int argc, const char* const* argv, const ConfigEnvironment& env);

/// Applies YAML text (a mapping of option names to values) on top of `config`; `source` names the file
/// in error messages.
util::Status apply_yaml(NodeConfig& config, const std::string& yaml_text, const std::string& source,
                        const ConfigEnvironment& env);

/// Help text listing every option with its default.
std::string config_usage();

}  // namespace modchain::node
