// System contract `consensus`: proof of authority. A governance-managed producer set takes turns by time
// slot: the block at timestamp t belongs to producers[(t / slot_ms) % n], and its signature must recover
// to that producer's key. Serves process_block_signature (system call 101). Layouts and rules:
// docs/system_contracts/consensus.md; messages: contracts/system/proto/consensus.proto.
//
// build-variant line below: consensus_v1.wasm is this source with the historical bug switched on.
// build-variant: consensus_v1 -DMODCHAIN_CONSENSUS_V1_BUG
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_get_config = sdk::entry_point_id("get_config");
constexpr uint32_t k_set_config = sdk::entry_point_id("set_config");
static_assert(k_get_config == 0xbc4fcdd4 && k_set_config == 0x4ba58c89);
static_assert(sdk::entry_points::k_process_block_signature == 0xe0adbeab);
static_assert(sdk::entry_points::k_authorize == 0x4a2dbd90);

constexpr uint32_t k_max_producers = 64;
constexpr uint64_t k_min_slot_ms = 10;

// consensus_config{producers=1 repeated bytes, slot_ms=2 uint64}
constexpr uint32_t k_config_producers = 1;
constexpr uint32_t k_config_slot_ms = 2;
// block_header{timestamp=3, signer=6}
constexpr uint32_t k_header_timestamp = 3;
constexpr uint32_t k_header_signer = 6;

// A fixed zone label, not the contract id: a replacement uploaded elsewhere (consensus after consensus_v1)
// keeps the producer set.
sdk::ObjectSpace config_space() { return sdk::ObjectSpace{true, "modchain.consensus", 0}; }
sdk::Bytes config_key() { return sdk::Bytes(); }

// A decoded consensus_config. Views point into the message it was parsed from.
struct Config {
  sdk::Bytes producers[k_max_producers];
  uint32_t count = 0;
  uint64_t slot_ms = 0;
};

// Parses and validates a consensus_config; returns the reason it is unacceptable, or empty when valid.
sdk::Bytes parse_config(sdk::Bytes message, Config& config) {
  pb::Reader r(message);
  while (r.next()) {
    if (r.field() == k_config_producers) {
      sdk::Bytes producer = r.read_bytes();
      if (config.count == k_max_producers) return "consensus: more than 64 producers";
      if (producer.size != sdk::k_address_size) return "consensus: a producer address is not 25 bytes";
      for (uint32_t i = 0; i < config.count; ++i) {
        if (config.producers[i] == producer) return "consensus: duplicate producer";
      }
      config.producers[config.count++] = producer;
    } else if (r.field() == k_config_slot_ms) {
      config.slot_ms = r.read_uint64();
    } else {
      r.skip();
    }
  }
  if (!r.ok()) return "consensus: malformed consensus_config";
  if (config.count == 0) return "consensus: no producers";
  if (config.slot_ms < k_min_slot_ms) return "consensus: slot_ms below 10";
  return {};
}

// The canonical encoding of a valid config (unknown fields dropped).
sdk::Bytes encode_config(const Config& config) {
  return sdk::encode_message([&](pb::Writer& w) {
    for (uint32_t i = 0; i < config.count; ++i) w.bytes_field(k_config_producers, config.producers[i], true);
    w.uint64_field(k_config_slot_ms, config.slot_ms);
  });
}

// The stored config bytes (empty when never set); a storage error ends the call with that error.
sdk::Bytes stored_config() {
  auto stored = sdk::get_object(config_space(), config_key());
  if (!stored.ok()) sdk::exit_error(stored.code, stored.message);
  return stored.value.exists ? stored.value.value : sdk::Bytes();
}

// process_block_signature (0xe0adbeab) → process_block_signature_result{value}: true iff header.signer is
// the producer scheduled for header.timestamp and the signature over `digest` recovers to a key whose
// address is header.signer. No (valid) config, or any recovery error, answers false.
void process_block_signature(sdk::Bytes args) {
  Config config;
  sdk::Bytes stored = stored_config();
  if (stored.empty() || !parse_config(stored, config).empty()) sdk::exit_bool(false);
  const sdk::BlockSignatureArguments block = sdk::decode_block_signature_arguments(args);
  sdk::Bytes signer = pb::find_bytes(block.header, k_header_signer);
  const uint64_t slot = pb::find_uint64(block.header, k_header_timestamp) / config.slot_ms;
  if (!(signer == config.producers[slot % config.count])) sdk::exit_bool(false);
  auto recovered = sdk::recover_public_key(block.signature, block.digest);
  if (!recovered.ok()) sdk::exit_bool(false);
#ifdef MODCHAIN_CONSENSUS_V1_BUG
  // HISTORICAL BUG (consensus_v1 only): any signature that recovers to *some* key is accepted, because the
  // recovered key's address is never compared with header.signer — anyone can sign a block that claims to
  // come from the scheduled producer. Fixed in consensus (v2) by the comparison below.
  sdk::exit_bool(true);
#else
  auto address = sdk::address_from_public_key(recovered.value);
  sdk::exit_bool(address.ok() && address.value == signer);
#endif
}

// get_config → consensus_config (empty message when never set).
void get_config(sdk::Bytes) { sdk::exit_success(stored_config()); }

// set_config(consensus_config) → empty. Needs system authority; 1 ≤ producers ≤ 64, each 25 bytes, no
// duplicates, slot_ms ≥ 10; else a reversion (code 1). Emits "modchain.consensus.config_update" with the
// stored config as data and the producers as impacted.
void set_config(sdk::Bytes args) {
  sdk::require_system_authority("consensus: set_config needs system authority");
  Config config;
  sdk::Bytes problem = parse_config(args, config);
  if (!problem.empty()) sdk::exit_reversion(problem);
  sdk::Bytes canonical = encode_config(config);
  int32_t code = sdk::put_object(config_space(), config_key(), canonical);
  if (code != 0) sdk::exit_error(code, "consensus: put_object failed");
  code = sdk::event("modchain.consensus.config_update", canonical, config.producers, config.count);
  if (code != 0) sdk::exit_error(code, "consensus: event failed");
  sdk::exit_success();
}

// authorize (0x4a2dbd90) → authorize_result{value}: only system authority may act as this contract.
void authorize(sdk::Bytes) { sdk::exit_bool(sdk::has_system_authority()); }

constexpr sdk::Method k_methods[] = {
    {sdk::entry_points::k_process_block_signature, process_block_signature},
    {k_get_config, get_config},
    {k_set_config, set_config},
    {sdk::entry_points::k_authorize, authorize},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
