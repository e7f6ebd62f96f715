// Test contract `storage`: objects in its own space, logs, events and every way a call can end.
// Argument and result layouts: docs/contracts.md ("storage"). Field numbers are fixed: kernel tests
// encode these messages by hand.
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

// key_arguments {key=1 bytes; space=3 uint32}: the object addressed in this contract's user space.
struct KeyArgs {
  sdk::Bytes key;
  sdk::ObjectSpace space;
};

KeyArgs read_key_args(sdk::Bytes args) {
  return KeyArgs{pb::find_bytes(args, 1), sdk::own_space(static_cast<uint32_t>(pb::find_uint64(args, 3)))};
}

// Re-encodes a database_object {exists=1, value=2, key=3} as the method's result.
[[noreturn]] void exit_with_object(const sdk::Result<sdk::DatabaseObject>& r) {
  if (!r.ok()) sdk::exit_error(r.code, r.message);
  pb::Writer w(sdk::arena().free_space());
  w.bool_field(1, r.value.exists);
  w.bytes_field(2, r.value.value);
  w.bytes_field(3, r.value.key);
  sdk::arena().commit(w.size());
  sdk::exit_success(w.view());
}

// echo(any bytes) -> the same bytes.
void echo(sdk::Bytes args) { sdk::exit_success(args); }

// put {key=1, value=2, space=3, exit_code=4 int32, exit_message=5 string}: stores, then exits with
// exit_code (0 = success) so a test can check that a reverted call's writes are discarded.
void put(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  int32_t code = sdk::put_object(k.space, k.key, pb::find_bytes(args, 2));
  if (code != 0) sdk::exit_error(code, "put_object failed");
  auto exit_code = static_cast<int32_t>(pb::find_uint64(args, 4));
  if (exit_code != 0) sdk::exit_error(exit_code, pb::find_bytes(args, 5));
  sdk::exit_success();
}

// get {key=1, space=3} -> database_object.
void get(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  exit_with_object(sdk::get_object(k.space, k.key));
}

// remove {key=1, space=3}.
void remove(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  int32_t code = sdk::remove_object(k.space, k.key);
  if (code != 0) sdk::exit_error(code, "remove_object failed");
  sdk::exit_success();
}

// next {key=1, space=3} -> database_object (with key) of the next object, exists=false past the end.
void next(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  exit_with_object(sdk::get_next_object(k.space, k.key));
}

// prev {key=1, space=3} -> database_object (with key) of the previous object.
void prev(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  exit_with_object(sdk::get_prev_object(k.space, k.key));
}

// scan {key=1 start key, space=3, limit=4 uint32 (0 = no limit), reverse=5 bool}
//   -> scan_result {keys=1 repeated bytes, values=2 repeated bytes}: the objects after (before, with
//   reverse) the start key, in iteration order, found with get_next_object / get_prev_object.
void scan(sdk::Bytes args) {
  KeyArgs k = read_key_args(args);
  auto limit = static_cast<uint32_t>(pb::find_uint64(args, 4));
  bool reverse = pb::find_uint64(args, 5) != 0;
  constexpr uint32_t k_max = 256;
  sdk::Bytes keys[k_max];
  sdk::Bytes values[k_max];
  uint32_t n = 0;
  sdk::Bytes cursor = k.key;
  while (n < k_max && (limit == 0 || n < limit)) {
    auto r = reverse ? sdk::get_prev_object(k.space, cursor) : sdk::get_next_object(k.space, cursor);
    if (!r.ok()) sdk::exit_error(r.code, r.message);
    if (!r.value.exists) break;
    keys[n] = r.value.key;
    values[n] = r.value.value;
    cursor = r.value.key;
    ++n;
  }
  pb::Writer w(sdk::arena().free_space());
  for (uint32_t i = 0; i < n; ++i) w.bytes_field(1, keys[i], true);
  for (uint32_t i = 0; i < n; ++i) w.bytes_field(2, values[i], true);
  sdk::arena().commit(w.size());
  sdk::exit_success(w.view());
}

// log {message=1 string}.
void log(sdk::Bytes args) {
  int32_t code = sdk::log(pb::find_bytes(args, 1));
  if (code != 0) sdk::exit_error(code, "log failed");
  sdk::exit_success();
}

// event {name=1 string, data=2 bytes, impacted=3 repeated bytes}.
void event(sdk::Bytes args) {
  constexpr uint32_t k_max = 16;
  sdk::Bytes impacted[k_max];
  uint32_t n = 0;
  pb::for_each_bytes(args, 3, [&](sdk::Bytes b) {
    if (n < k_max) impacted[n++] = b;
  });
  int32_t code = sdk::event(pb::find_bytes(args, 1), pb::find_bytes(args, 2), impacted, n);
  if (code != 0) sdk::exit_error(code, "event failed");
  sdk::exit_success();
}

// exit_with {code=1 int32, message=2 string, value=3 bytes, omit_error=4 bool}:
//   code 0 -> success with `value` as the result; else exit(code, error_data{message}); with
//   omit_error, exit(code) without a result at all (the kernel must turn that into a reversion).
void exit_with(sdk::Bytes args) {
  auto code = static_cast<int32_t>(pb::find_uint64(args, 1));
  if (code == 0) sdk::exit_success(pb::find_bytes(args, 3));
  if (pb::find_uint64(args, 4) != 0) {
    pb::Writer w(sdk::arena().free_space());
    w.int32_field(1, code);
    sdk::arena().commit(w.size());
    sdk::exit_raw(w.view());
  }
  sdk::exit_error(code, pb::find_bytes(args, 2));
}

// return_without_exit {}: `_start` returns without calling exit; the kernel then uses its result slot.
void return_without_exit(sdk::Bytes) {}

// trap {}: executes `unreachable` (a VM trap: reversion).
void trap(sdk::Bytes) { __builtin_trap(); }

constexpr sdk::Method k_methods[] = {
    {sdk::entry_point_id("echo"), echo},
    {sdk::entry_point_id("put"), put},
    {sdk::entry_point_id("get"), get},
    {sdk::entry_point_id("remove"), remove},
    {sdk::entry_point_id("next"), next},
    {sdk::entry_point_id("prev"), prev},
    {sdk::entry_point_id("scan"), scan},
    {sdk::entry_point_id("log"), log},
    {sdk::entry_point_id("event"), event},
    {sdk::entry_point_id("exit_with"), exit_with},
    {sdk::entry_point_id("return_without_exit"), return_without_exit},
    {sdk::entry_point_id("trap"), trap},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }
