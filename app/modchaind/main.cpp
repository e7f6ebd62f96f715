// modchaind: the modchain node.
//
// NOT FINISHED: the node itself (block store, mempool, producer, JSON-RPC) is issue 6. Until it exists,
// `modchaind --dev` loads a Koinos genesis file and prints the chain id it defines, computed by the same
// protocol code the node will use, so `make run` exercises the real stack end to end.
#include <cstdio>
#include <cstring>
#include <string>

#include "modchain/crypto/multihash.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/encoding.hpp"

namespace {

constexpr const char* k_usage =
    "usage: modchaind [--dev] [--genesis PATH]\n"
    "  --dev            local development chain (today: print the chain id of the genesis)\n"
    "  --genesis PATH   Koinos genesis JSON (default: the mainnet genesis in ../shared/conformance)\n";

struct Options {
  std::string genesis_path = MODCHAIN_DEFAULT_GENESIS;
  bool show_help = false;
  std::string error;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--dev") continue;
    if (arg == "--help" || arg == "-h") {
      options.show_help = true;
    } else if (arg == "--genesis" && i + 1 < argc) {
      options.genesis_path = argv[++i];
    } else {
      options.error = "unknown or incomplete option: " + arg;
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace modchain;
  const Options options = parse_options(argc, argv);
  if (options.show_help || !options.error.empty()) {
    if (!options.error.empty()) std::fprintf(stderr, "modchaind: %s\n", options.error.c_str());
    std::fputs(k_usage, options.error.empty() ? stdout : stderr);
    return options.error.empty() ? 0 : 2;
  }

  std::printf("modchaind %s (Koinos protocol, koinos-proto v2)\n", MODCHAIN_VERSION);
  std::printf("genesis: %s\n", options.genesis_path.c_str());
  auto chain_id = protocol::chain_id_from_genesis_file(options.genesis_path);
  if (!chain_id.ok()) {
    std::fprintf(stderr, "modchaind: %s\n", chain_id.error().describe().c_str());
    return 1;
  }
  const util::Bytes id_bytes = chain_id->to_bytes();
  std::printf("chain id: 0x%s\n", util::to_hex(id_bytes).c_str());
  std::printf("chain id (JSON-RPC form): %s\n", util::to_base64(id_bytes, util::Base64Alphabet::url).c_str());
  std::printf("note: block production and JSON-RPC are not implemented yet; this build only computes the chain id.\n");
  return 0;
}
