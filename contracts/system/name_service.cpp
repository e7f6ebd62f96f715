// System contract `name_service`: the name <-> address registry through which system contracts find each
// other (Koinos name service). Also serves the system calls get_contract_name (10000 -> get_name) and
// get_contract_address (10001 -> get_address), which have no native thunk.
// Entry points, storage and events: docs/system_contracts/name_service.md.
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_get_name = sdk::entry_point_id("get_name");
constexpr uint32_t k_get_address = sdk::entry_point_id("get_address");
constexpr uint32_t k_set_record = sdk::entry_point_id("set_record");
static_assert(k_get_name == 0xe5070a16);
static_assert(k_get_address == 0xa61ae5e8);
static_assert(k_set_record == 0xe248c73a);
static_assert(sdk::entry_points::k_authorize == 0x4a2dbd90);

constexpr uint32_t k_max_name_size = 64;

// A fixed zone label, not the contract id, so a replacement uploaded elsewhere keeps the records.
sdk::Bytes zone() { return "modchain.name_service"; }
/// name -> address_record{address=1}
sdk::ObjectSpace name_to_address() { return sdk::ObjectSpace{true, zone(), 0}; }
/// address -> name_record{name=1}
sdk::ObjectSpace address_to_name() { return sdk::ObjectSpace{true, zone(), 1}; }

/// The stored value under `key`, empty when absent; a database error ends the call with that error.
sdk::Bytes load(const sdk::ObjectSpace& space, sdk::Bytes key) {
  auto r = sdk::get_object(space, key);
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  return r.value.exists ? r.value.value : sdk::Bytes{};
}

void store(const sdk::ObjectSpace& space, sdk::Bytes key, sdk::Bytes value) {
  int32_t code = sdk::put_object(space, key, value);
  if (code != 0) sdk::exit_error(code, "name_service: put_object failed");
}

void erase(const sdk::ObjectSpace& space, sdk::Bytes key) {
  int32_t code = sdk::remove_object(space, key);
  if (code != 0) sdk::exit_error(code, "name_service: remove_object failed");
}

/// A one-field record message {field 1 = value}: address_record{address} or name_record{name}.
sdk::Bytes record(sdk::Bytes value) {
  return sdk::encode_message([&](pb::Writer& w) { w.bytes_field(1, value); });
}

// get_name (0xe5070a16) get_name_arguments{address=1 bytes} -> get_name_result{value=1 name_record{name=1}};
// the empty message when the address has no name (Koinos reverts instead; see the docs).
void get_name(sdk::Bytes args) {
  // The stored name_record is the result's value; none stored gives the empty message.
  sdk::exit_value_bytes(load(address_to_name(), pb::find_bytes(args, 1)));
}

// get_address (0xa61ae5e8) get_address_arguments{name=1 string} -> get_address_result{value=1
// address_record{address=1}}; an unknown name reverts (code 1), as in Koinos, so the system call
// get_contract_address answers an error code for it.
void get_address(sdk::Bytes args) {
  sdk::Bytes stored = load(name_to_address(), pb::find_bytes(args, 1));
  if (stored.empty()) sdk::exit_reversion("name_service: no record found for the given name");
  sdk::exit_value_bytes(stored);
}

// set_record (0xe248c73a) set_record_arguments{name=1 string, address=2 bytes} -> set_record_result{}.
// Needs system authority. Keeps the two maps one-to-one: the name's previous address loses its name and
// the address's previous name loses its address. Event "koinos.contracts.record_update_event"
// record_update_event{name, address}, impacted [address, previous address if different].
void set_record(sdk::Bytes args) {
  sdk::require_system_authority("name_service: set_record requires system authority");
  sdk::Bytes name = pb::find_bytes(args, 1);
  sdk::Bytes address = pb::find_bytes(args, 2);
  sdk::require(!name.empty() && name.size <= k_max_name_size, "name_service: name must be 1 to 64 bytes");
  sdk::require(address.size == sdk::k_address_size, "name_service: address must be 25 bytes");

  sdk::Bytes impacted[2] = {address, {}};
  uint32_t impacted_count = 1;
  sdk::Bytes old_address = pb::find_bytes(load(name_to_address(), name), 1);
  if (!old_address.empty()) {
    erase(address_to_name(), old_address);
    if (!(old_address == address)) impacted[impacted_count++] = old_address;
  }
  sdk::Bytes old_name = pb::find_bytes(load(address_to_name(), address), 1);
  if (!old_name.empty()) erase(name_to_address(), old_name);

  store(name_to_address(), name, record(address));
  store(address_to_name(), address, record(name));

  int32_t code = sdk::emit_event("koinos.contracts.record_update_event", [&](pb::Writer& w) {
    w.string_field(1, name);
    w.bytes_field(2, address);
  }, impacted, impacted_count);
  if (code != 0) sdk::exit_error(code, "name_service: event failed");
  sdk::exit_success();
}

// authorize (0x4a2dbd90) authorize_arguments -> authorize_result{value=1 bool} = check_system_authority().
void authorize(sdk::Bytes) { sdk::exit_bool(sdk::has_system_authority()); }

constexpr sdk::Method k_methods[] = {
    {k_get_name, get_name},
    {k_get_address, get_address},
    {k_set_record, set_record},
    {sdk::entry_points::k_authorize, authorize},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
