#include "modchain/node/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <filesystem>
#include <functional>

#include "modchain/crypto/address.hpp"
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/util/encoding.hpp"
#include "modchain/util/file.hpp"

namespace modchain::node {
namespace {

using util::ErrorCode;
using util::make_error;

enum class Kind { text, number, flag, list };

/// One option: its name (YAML key and `--flag`), its kind, help and how to apply a value.
struct Option {
  const char* name;
  Kind kind;
  const char* help;
  std::function<util::Status(NodeConfig&, const std::string&, const ConfigEnvironment&)> apply;
};

util::Error bad_value(const std::string& name, const std::string& value, const std::string& why) {
  return make_error(ErrorCode::invalid_argument, "'" + name + "': invalid value '" + value + "': " + why);
}

util::Result<uint64_t> parse_number(const std::string& name, const std::string& value, uint64_t min, uint64_t max) {
  uint64_t out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
    return bad_value(name, value, "not an unsigned integer");
  }
  if (out < min || out > max) {
    return bad_value(name, value, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return out;
}

std::string expand_home(const std::string& path, const ConfigEnvironment& env) {
  if (path == "~") return env.home;
  if (path.rfind("~/", 0) == 0) return env.home + path.substr(1);
  return path;
}

std::vector<std::string> split_commas(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

util::Status set_listen(NodeConfig& c, const std::string& v) {
  // host:port, [ipv6]:port or :port (all IPv4 interfaces are not implied: the host stays as it was).
  size_t colon = v.rfind(':');
  if (colon == std::string::npos) return bad_value("jsonrpc-listen", v, "expected HOST:PORT");
  auto port = parse_number("jsonrpc-listen", v.substr(colon + 1), 0, 65535);
  if (!port.ok()) return port.error();
  std::string host = v.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) c.jsonrpc_address = host;
  c.jsonrpc_port = static_cast<uint16_t>(*port);
  return {};
}

/// `host:port` / `[v6]:port` with a non-empty host and a port 0–65535 (the p2p library parses it again).
util::Status check_host_port(const std::string& name, const std::string& v) {
  size_t colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad_value(name, v, "expected HOST:PORT");
  auto port = parse_number(name, v.substr(colon + 1), 0, 65535);
  if (!port.ok()) return port.error();
  return {};
}

util::Status set_one_of(std::string& field, const std::string& name, const std::string& v,
                        std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (v == a) {
      field = v;
      return {};
    }
    list += list.empty() ? a : std::string(", ") + a;
  }
  return bad_value(name, v, "expected one of " + list);
}

util::Status set_bool(bool& field, const std::string& name, const std::string& v) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") field = true;
  else if (v == "false" || v == "no" || v == "off" || v == "0") field = false;
  else return bad_value(name, v, "expected true or false");
  return {};
}

template <class T>
util::Status set_number(T& field, const std::string& name, const std::string& v, uint64_t min, uint64_t max) {
  auto n = parse_number(name, v, min, max);
  if (!n.ok()) return n.error();
  field = static_cast<T>(*n);
  return {};
}

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"data-dir", Kind::text, "data directory (default ~/.modchain)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment& e) -> util::Status {
         if (v.empty()) return bad_value("data-dir", v, "empty path");
         c.data_dir = expand_home(v, e);
         return {};
       }},
      {"jsonrpc-listen", Kind::text, "JSON-RPC HOST:PORT (default 127.0.0.1:8080)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) { return set_listen(c, v); }},
      {"jsonrpc-threads", Kind::number, "JSON-RPC worker threads (default 2)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) { return set_number(c.jsonrpc_threads, "jsonrpc-threads", v, 1, 256); }},
      {"jsonrpc-max-body-bytes", Kind::number, "largest JSON-RPC request body (default 1048576)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) {
         return set_number(c.jsonrpc_max_body_bytes, "jsonrpc-max-body-bytes", v, 1024, uint64_t{512} << 20);
       }},
      {"jsonrpc-whitelist", Kind::list, "only serve methods with these koinos.rpc.<svc>.<method> prefixes",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status { c.jsonrpc_whitelist = split_commas(v); return {}; }},
      {"jsonrpc-blacklist", Kind::list, "refuse these prefixes (default block_store.add_block, chain.propose_block)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status { c.jsonrpc_blacklist = split_commas(v); return {}; }},
      {"p2p-listen", Kind::text, "p2p HOST:PORT to listen on, port 0 = ephemeral (default: p2p off)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         if (v.empty() || v == "off") {
           c.p2p_listen.clear();
           return {};
         }
         MODCHAIN_TRY_STATUS(check_host_port("p2p-listen", v));
         c.p2p_listen = v;
         return {};
       }},
      {"p2p-peer", Kind::list, "p2p peer HOST:PORT to keep connected; repeat or comma-separate (adds to the list)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         for (const auto& peer : split_commas(v)) {
           MODCHAIN_TRY_STATUS(check_host_port("p2p-peer", peer));
           c.p2p_peers.push_back(peer);
         }
         return {};
       }},
      {"genesis", Kind::text, "genesis_data.json path (default <data-dir>/genesis_data.json)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment& e) -> util::Status { c.genesis_path = expand_home(v, e); return {}; }},
      {"producer-key", Kind::text, "block producer private key, WIF (default: do not produce)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         if (!v.empty() && !crypto::PrivateKey::from_wif(v).ok()) return bad_value("producer-key", "<hidden>", "not a WIF private key");
         c.producer_key_wif = v;
         return {};
       }},
      {"block-interval", Kind::number, "milliseconds between produced blocks, 10 - 3600000 (default 5000)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) { return set_number(c.block_interval_ms, "block-interval", v, 10, 3600000); }},
      {"log-level", Kind::text, "trace|debug|info|warning|error (default info)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) {
         return set_one_of(c.log_level, "log-level", v, {"trace", "debug", "info", "warning", "error"});
       }},
      {"fork-algorithm", Kind::text, "fifo|pob|block-time (default fifo)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) {
         return set_one_of(c.fork_algorithm, "fork-algorithm", v, {"fifo", "pob", "block-time"});
       }},
      {"dev", Kind::flag, "one-command local chain: dev genesis, dev key, block production",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) { return set_bool(c.dev, "dev", v); }},
      {"profile", Kind::text, "system contracts of a new --dev chain: bare|dev|governed (default bare)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) {
         return set_one_of(c.profile, "profile", v, {"bare", "dev", "governed"});
       }},
      {"consensus-module", Kind::text, "consensus contract a new chain installs: consensus|consensus_v1",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) {
         return set_one_of(c.consensus_module, "consensus-module", v, {"consensus", "consensus_v1"});
       }},
      {"producers", Kind::list, "block producer addresses (base58) of a new chain, in rotation order",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         c.producers.clear();
         for (const auto& address : split_commas(v)) {
           if (!crypto::Address::from_base58(address).ok()) return bad_value("producers", address, "not a base58 address");
           c.producers.push_back(address);
         }
         return {};
       }},
      {"slot-ms", Kind::number, "producer rotation slot in ms of a new chain (default 3 x block-interval)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) { return set_number(c.slot_ms, "slot-ms", v, 10, 3600000); }},
      {"governance-periods", Kind::list, "review,vote,delay periods in blocks of a new chain (default 10,100,10)",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         const auto parts = split_commas(v);
         if (parts.size() != 3) return bad_value("governance-periods", v, "expected REVIEW,VOTE,DELAY");
         c.governance_periods.clear();
         for (const auto& part : parts) {
           auto n = parse_number("governance-periods", part, 1, 100'000'000);
           if (!n.ok()) return n.error();
           c.governance_periods.push_back(*n);
         }
         return {};
       }},
      {"approve-proposals", Kind::list, "governance proposal ids (0x hex) this producer votes for",
       [](NodeConfig& c, const std::string& v, const ConfigEnvironment&) -> util::Status {
         for (const auto& id : split_commas(v)) {
           if (id.size() < 4 || id.rfind("0x", 0) != 0 || !util::from_hex(id.substr(2)).ok()) {
             return bad_value("approve-proposals", id, "expected a 0x-prefixed hex proposal id");
           }
           c.approve_proposals.push_back(id);
         }
         return {};
       }},
  };
  return table;
}

const Option* find_option(std::string_view name) {
  for (const auto& option : options()) {
    if (name == option.name) return &option;
  }
  return nullptr;
}

util::Status prefix_source(util::Status status, const std::string& source) {
  if (status.ok()) return status;
  return make_error(status.error().code, source + ": " + status.error().message);
}

}  // namespace

util::Status apply_yaml(NodeConfig& config, const std::string& yaml_text, const std::string& source,
                        const ConfigEnvironment& env) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return make_error(ErrorCode::invalid_argument, source + ": not valid YAML: " + e.what());
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return make_error(ErrorCode::invalid_argument, source + ": expected a mapping of option names to values");
  for (const auto& entry : root) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string("<non-scalar key>");
    const Option* option = find_option(name);
    if (option == nullptr) return make_error(ErrorCode::invalid_argument, source + ": unknown key '" + name + "'");
    const YAML::Node& value = entry.second;
    std::string text;
    if (option->kind == Kind::list && value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) return make_error(ErrorCode::invalid_argument, source + ": '" + name + "': list items must be strings");
        text += (text.empty() ? "" : ",") + item.Scalar();
      }
    } else if (value.IsScalar()) {
      text = value.Scalar();
    } else if (option->kind == Kind::list && value.IsNull()) {
      text.clear();  // `blacklist:` with nothing = an empty list
    } else {
      return make_error(ErrorCode::invalid_argument, source + ": '" + name + "': expected a single value");
    }
    MODCHAIN_TRY_STATUS(prefix_source(option->apply(config, text, env), source));
  }
  return {};
}

namespace {

/// The command line split into (option, value) pairs, plus --config and --help.
struct CommandLine {
  std::vector<std::pair<const Option*, std::string>> values;
  std::string config_file;
  bool help = false;
};

util::Result<CommandLine> split_command_line(int argc, const char* const* argv) {
  CommandLine out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) return make_error(ErrorCode::invalid_argument, "command line: unexpected argument '" + arg + "'");
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Option* option = find_option(name);
    if (option == nullptr && name != "config") {
      return make_error(ErrorCode::invalid_argument, "command line: unknown option '--" + name + "'");
    }
    if (!value && option != nullptr && option->kind == Kind::flag) value = "true";
    if (!value) {
      if (i + 1 >= argc) return make_error(ErrorCode::invalid_argument, "command line: '--" + name + "' needs a value");
      value = argv[++i];
    }
    if (option == nullptr) out.config_file = *value;
    else out.values.emplace_back(option, *value);
  }
  return out;
}

}  // namespace

util::Result<NodeConfig> load_config(int argc, const char* const* argv, const ConfigEnvironment& env) {
  auto command_line = split_command_line(argc, argv);
  if (!command_line.ok()) return command_line.error();
  NodeConfig config;
  config.help = command_line->help;
  if (!env.home.empty()) config.data_dir = env.home + "/.modchain";
  // The default config file lives in the data directory, which the command line may move.
  std::string data_dir = config.data_dir;
  for (const auto& [option, value] : command_line->values) {
    if (std::string_view(option->name) == "data-dir") data_dir = expand_home(value, env);
  }
  std::string file = expand_home(command_line->config_file, env);
  std::error_code ec;
  if (file.empty() && !data_dir.empty() && std::filesystem::exists(data_dir + "/config.yml", ec)) {
    file = data_dir + "/config.yml";
  }
  if (!file.empty()) {
    auto text = util::read_file(file);
    if (!text.ok()) return make_error(ErrorCode::io_error, "cannot read config file " + file + ": " + text.error().message);
    MODCHAIN_TRY_STATUS(apply_yaml(config, *text, file, env));
    config.config_file = file;
  }
  for (const auto& [option, value] : command_line->values) {
    MODCHAIN_TRY_STATUS(prefix_source(option->apply(config, value, env), "command line"));
  }
  if (config.data_dir.empty()) {
    return make_error(ErrorCode::invalid_argument, "no data directory: HOME is not set and --data-dir was not given");
  }
  if (config.genesis_path.empty()) config.genesis_path = config.data_dir + "/genesis_data.json";
  return config;
}

std::string config_usage() {
  std::string out = "Options (YAML key `name: value` in the config file, or `--name value` on the command line):\n"
                    "  --config PATH                 YAML config file (default <data-dir>/config.yml if present)\n";
  for (const auto& option : options()) {
    std::string left = std::string("  --") + option.name + (option.kind == Kind::flag ? "" : " VALUE");
    left.resize(std::max<size_t>(left.size() + 1, 32), ' ');
    out += left + option.help + "\n";
  }
  out += "  --help                        this text\n";
  return out;
}

}  // namespace modchain::node
