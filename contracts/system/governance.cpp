// System contract `governance`: on-chain upgrades by proposal (Koinos Governance.ts, with its two known
// bugs fixed). Serves pre_block_callback (system call 8 -> block_callback) and check_system_authority
// (110 -> check_system_authority). A proposal is a list of operations; block producers vote for it in
// their headers (header.approved_proposals); once approved it is applied as an unsigned transaction paid
// by governance, which then alone holds system authority.
// Entry points, storage, events, windows: docs/system_contracts/governance.md; new messages:
// contracts/system/proto/governance.proto.

// Optimised for size (the SDK included): at -O2 the module is 55 KB, more than the 1,000,000 rc a default
// upload transaction may spend on disk, and an in-place upgrade proposal carries the whole bytecode.
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#include "modchain/sdk/contract.hpp"

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

namespace {

constexpr uint32_t k_submit_proposal = sdk::entry_point_id("submit_proposal");
constexpr uint32_t k_get_proposal_by_id = sdk::entry_point_id("get_proposal_by_id");
constexpr uint32_t k_get_proposals = sdk::entry_point_id("get_proposals");
constexpr uint32_t k_get_proposals_by_status = sdk::entry_point_id("get_proposals_by_status");
constexpr uint32_t k_block_callback = sdk::entry_point_id("block_callback");
constexpr uint32_t k_get_parameters = sdk::entry_point_id("get_parameters");
constexpr uint32_t k_set_parameters = sdk::entry_point_id("set_parameters");
constexpr uint32_t k_koin_burn = sdk::entry_point_id("burn");
static_assert(k_submit_proposal == 0xe74b785c);
static_assert(k_get_proposal_by_id == 0xc66013ad);
static_assert(k_get_proposals == 0xd44caa11);
static_assert(k_get_proposals_by_status == 0x66206f76);
static_assert(k_block_callback == 0x531d5d4e);
static_assert(k_koin_burn == 0x859facc5);
static_assert(k_get_parameters == 0x365198d3);  // modchain's (src/modchain/system/catalog.hpp uses set_parameters)
static_assert(k_set_parameters == 0x19cb8375);
static_assert(sdk::entry_points::k_check_system_authority == 0xa88d06c9);
static_assert(sdk::entry_points::k_authorize == 0x4a2dbd90);

// koinos.contracts.governance.proposal_status
enum Status : uint32_t { pending = 0, active = 1, approved = 2, expired = 3, applied = 4, failed = 5, reverted = 6 };

// proposal_record{operations=1, operation_merkle_root=2, vote_start_height=3, vote_tally=4, vote_threshold=5,
// shall_authorize=6, updates_governance=7, status=8, fee=9}; submit_proposal_arguments shares field 1.
constexpr uint32_t k_operations = 1;
// protocol.operation oneof: upload_contract=1, call_contract=2, set_system_call=3, set_system_contract=4.
constexpr uint32_t k_op_upload_contract = 1;
constexpr uint32_t k_op_call_contract = 2;
constexpr uint32_t k_op_set_system_call = 3;
constexpr uint32_t k_op_set_system_contract = 4;

// Serialized operations of one proposal: the SDK arena (256 KiB) holds a record up to three times over
// while it is submitted or applied.
constexpr uint32_t k_max_proposal_bytes = 64 * 1024;
// approved_proposals entries examined per block (de-duplication is quadratic).
constexpr uint32_t k_max_votes_per_block = 64;
// Proposal ids are sha2-256 multihashes: 0x12 0x20 + 32 bytes.
constexpr uint32_t k_id_size = 34;
// Result budget of get_proposals / get_proposals_by_status.
constexpr uint32_t k_max_list_bytes = 96 * 1024;
// Distinct contracts one proposal may name (targets and uploads): bounds the pinned hashes read back when
// it is applied (one get_object each).
constexpr uint32_t k_max_named_contracts = 64;
// Upper bound of the max_proposals parameter: the block callback reads every stored proposal each block.
constexpr uint64_t k_max_max_proposals = 256;
// Status transitions per block callback, of which at most one application (an application runs the
// proposal's own transaction). Due transitions beyond these carry over to the next blocks (they fire at
// h >= the scheduled height), so a burst of proposals never makes the callback exceed the block's compute.
constexpr uint32_t k_max_transitions_per_block = 16;
constexpr uint32_t k_max_applications_per_block = 1;

// A fixed zone label, not the contract id, so a replacement governance keeps the proposals.
sdk::Bytes zone() { return "modchain.governance"; }
/// id -> proposal_record without its operations (the part a vote or a transition rewrites)
sdk::ObjectSpace proposal_space() { return sdk::ObjectSpace{true, zone(), 0}; }
/// "" -> governance_parameters
sdk::ObjectSpace parameter_space() { return sdk::ObjectSpace{true, zone(), 1}; }
/// id -> the record's operations: its field 1 entries as serialized (written once, at submission). Kept
/// apart so that a vote does not copy them: byte copies are slow in the interpreter (28 KB: ~160 ms/block).
sdk::ObjectSpace operation_space() { return sdk::ObjectSpace{true, zone(), 2}; }
/// "" -> {value=1 uint64}: the number of stored proposals (submit_proposal compares it with max_proposals
/// without reading the records).
sdk::ObjectSpace count_space() { return sdk::ObjectSpace{true, zone(), 3}; }
/// id -> the code hashes of the contracts the proposal targets, read at submission (absent when none):
/// {1: repeated {contract_id=1, hash=2}} (modchain.governance.pinned_targets). Checked before application.
sdk::ObjectSpace pin_space() { return sdk::ObjectSpace{true, zone(), 4}; }
/// The kernel's contract metadata (zone "", space 3): contract id -> koinos.chain.contract_metadata_object
/// {hash=1, system=2, ...}. Governance runs in kernel mode, which may read every system space.
sdk::ObjectSpace contract_metadata_space() { return sdk::ObjectSpace{true, sdk::Bytes(), 3}; }

// ---------------------------------------------------------------------------------------------------
// Small helpers

/// A database call that cannot fail on a sound state: any error ends the call (and fails a block callback).
void check_state(int32_t code, sdk::Bytes what) {
  if (code != 0) sdk::exit_error(code, what);
}

sdk::Bytes load(const sdk::ObjectSpace& space, sdk::Bytes key) {
  auto r = sdk::get_object(space, key);
  check_state(r.code, "governance: get_object failed");
  return r.value.exists ? r.value.value : sdk::Bytes{};
}

bool is_proposal_id(sdk::Bytes id) { return id.size == k_id_size && id[0] == 0x12 && id[1] == 0x20; }

/// floor(a * percent / 100) without a 128-bit product (a = 100q + r).
uint64_t percent_of(uint64_t a, uint64_t percent) { return (a / 100) * percent + (a % 100) * percent / 100; }

// ---------------------------------------------------------------------------------------------------
// Parameters: governance_parameters{review_period=1, vote_period=2, application_delay=3,
// standard_threshold_percent=4, governance_threshold_percent=5, min_fee=6, proposal_rc_limit=7,
// max_proposals=8}

struct Parameters {
  uint64_t review_period = 201'600;  // one Koinos week of 3-second blocks
  uint64_t vote_period = 403'200;
  uint64_t application_delay = 201'600;
  uint64_t standard_threshold_percent = 60;
  uint64_t governance_threshold_percent = 75;
  uint64_t min_fee = 0;
  uint64_t proposal_rc_limit = 1'000'000'000'000;
  uint64_t max_proposals = 32;  // stored (unresolved) proposals; submit_proposal refuses more
};

/// A governance_parameters message; a field that is absent (proto3: zero) keeps its default, so a partial
/// message (the node's installer sets only the three windows) is complete once stored.
Parameters decode_parameters(sdk::Bytes message) {
  Parameters p;
  uint64_t* fields[] = {&p.review_period,
                        &p.vote_period,
                        &p.application_delay,
                        &p.standard_threshold_percent,
                        &p.governance_threshold_percent,
                        &p.min_fee,
                        &p.proposal_rc_limit,
                        &p.max_proposals};
  pb::Reader r(message);
  while (r.next()) {
    if (r.field() >= 1 && r.field() <= 8 && r.wire_type() == pb::WireType::varint) {
      uint64_t value = r.read_uint64();
      if (value != 0) *fields[r.field() - 1] = value;
    } else {
      r.skip();
    }
  }
  return p;
}

void encode_parameters(pb::Writer& w, const Parameters& p) {
  w.uint64_field(1, p.review_period);
  w.uint64_field(2, p.vote_period);
  w.uint64_field(3, p.application_delay);
  w.uint64_field(4, p.standard_threshold_percent);
  w.uint64_field(5, p.governance_threshold_percent);
  w.uint64_field(6, p.min_fee);
  w.uint64_field(7, p.proposal_rc_limit);
  w.uint64_field(8, p.max_proposals);
}

/// The stored parameters, or the defaults when none were ever set.
Parameters load_parameters() {
  sdk::Bytes stored = load(parameter_space(), sdk::Bytes());
  return stored.empty() ? Parameters{} : decode_parameters(stored);
}

/// Why `p` is unacceptable, or empty when it is valid (zero fields already took their defaults, so every
/// period and the rc limit are >= 1). The bound keeps every height sum far from overflow.
sdk::Bytes invalid_parameters(const Parameters& p) {
  constexpr uint64_t k_max_period = 1ull << 40;
  if (p.review_period > k_max_period || p.vote_period > k_max_period || p.application_delay > k_max_period) {
    return "governance: periods must be <= 2^40 blocks";
  }
  if (p.standard_threshold_percent > 100 || p.governance_threshold_percent > 100) {
    return "governance: threshold percents must be 1..100";
  }
  if (p.max_proposals > k_max_max_proposals) return "governance: max_proposals must be 1..256";
  return {};
}

// ---------------------------------------------------------------------------------------------------
// Proposal records

// The stored part of a proposal_record (every field but operations).
struct Record {
  sdk::Bytes id;
  uint64_t vote_start_height = 0;
  uint64_t vote_tally = 0;
  uint64_t vote_threshold = 0;
  bool shall_authorize = false;
  bool updates_governance = false;
  uint32_t status = pending;
  uint64_t fee = 0;
};

Record decode_record(sdk::Bytes message) {
  Record rec;
  rec.id = pb::find_bytes(message, 2);
  rec.vote_start_height = pb::find_uint64(message, 3);
  rec.vote_tally = pb::find_uint64(message, 4);
  rec.vote_threshold = pb::find_uint64(message, 5);
  rec.shall_authorize = pb::find_uint64(message, 6) != 0;
  rec.updates_governance = pb::find_uint64(message, 7) != 0;
  rec.status = static_cast<uint32_t>(pb::find_uint64(message, 8));
  rec.fee = pb::find_uint64(message, 9);
  return rec;
}

void store_record(const Record& rec) {
  sdk::ArenaScope scope;
  sdk::Bytes message = sdk::encode_message([&](pb::Writer& w) {
    w.bytes_field(2, rec.id);
    w.uint64_field(3, rec.vote_start_height);
    w.uint64_field(4, rec.vote_tally);
    w.uint64_field(5, rec.vote_threshold);
    w.bool_field(6, rec.shall_authorize);
    w.bool_field(7, rec.updates_governance);
    w.uint64_field(8, rec.status);
    w.uint64_field(9, rec.fee);
  });
  check_state(sdk::put_object(proposal_space(), rec.id, message), "governance: put_object failed");
}

/// The number of stored proposals (0 when never written).
uint64_t stored_proposals() { return pb::find_uint64(load(count_space(), sdk::Bytes()), 1); }

void store_proposal_count(uint64_t count) {
  sdk::ArenaScope scope;
  sdk::Bytes message = sdk::encode_message([&](pb::Writer& w) { w.uint64_field(1, count); });
  check_state(sdk::put_object(count_space(), sdk::Bytes(), message), "governance: put_object failed");
}

void remove_record(sdk::Bytes id) {
  check_state(sdk::remove_object(proposal_space(), id), "governance: remove_object failed");
  check_state(sdk::remove_object(operation_space(), id), "governance: remove_object failed");
  check_state(sdk::remove_object(pin_space(), id), "governance: remove_object failed");
  const uint64_t count = stored_proposals();
  store_proposal_count(count == 0 ? 0 : count - 1);
}

/// Stores the operations (field 1 entries of `args`) of proposal `id`.
void store_operations(sdk::Bytes id, sdk::Bytes args) {
  sdk::ArenaScope scope;
  sdk::Bytes operations = sdk::encode_message([&](pb::Writer& w) {
    pb::for_each_bytes(args, k_operations, [&](sdk::Bytes op) { w.bytes_field(k_operations, op, true); });
  });
  check_state(sdk::put_object(operation_space(), id, operations), "governance: put_object failed");
}

/// The stored operations of proposal `id`.
sdk::Bytes load_operations(sdk::Bytes id) { return load(operation_space(), id); }

/// Walks the stored records (without operations) in id order, after `key` (exclusive; empty: from the
/// first).
struct RecordCursor {
  sdk::Buffer<k_id_size + 32> key;

  /// The next record, empty after the last one (records are never empty). In the caller's arena scope.
  sdk::Bytes next() {
    auto found = sdk::get_next_object(proposal_space(), key.view());
    check_state(found.code, "governance: get_next_object failed");
    if (!found.value.exists) return {};
    key.size = 0;
    key.append(found.value.key);
    return found.value.value;
  }
};

/// Appends a whole proposal_record as field `field` of `w`: the stored operations and the stored rest are
/// two serialized parts of one message (fields 1 and 2..9), so they are simply concatenated.
void write_full_record(pb::Writer& w, uint32_t field, sdk::Bytes operations, sdk::Bytes record) {
  w.tag(field, pb::WireType::length_delimited);
  w.raw_varint(operations.size + record.size);
  w.raw(operations);
  w.raw(record);
}

// ---------------------------------------------------------------------------------------------------
// Events (the Koinos names: "proposal.submission", "proposal.status", "proposal.vote")

void emit_status(sdk::Bytes name, sdk::Bytes id, uint32_t status) {
  int32_t code = sdk::emit_event(name, [&](pb::Writer& w) {
    w.bytes_field(1, id);  // proposal_status_event{id=1, status=2}
    w.uint64_field(2, status);
  });
  check_state(code, "governance: event failed");
}

void emit_vote(const Record& rec) {
  int32_t code = sdk::emit_event("proposal.vote", [&](pb::Writer& w) {
    w.bytes_field(1, rec.id);  // proposal_vote_event{id=1, vote_tally=2, vote_threshold=3}
    w.uint64_field(2, rec.vote_tally);
    w.uint64_field(3, rec.vote_threshold);
  });
  check_state(code, "governance: event failed");
}

// ---------------------------------------------------------------------------------------------------
// Authority

/// The current transaction is an approved proposal being applied: its operation_merkle_root names a stored
/// proposal with shall_authorize. False outside a transaction.
bool transaction_authorized() {
  auto root = sdk::get_transaction_field("header.operation_merkle_root");
  if (!root.ok()) return false;
  sdk::Bytes id = sdk::value_type::bytes_value(root.value);
  if (!is_proposal_id(id)) return false;
  auto stored = sdk::get_object(proposal_space(), id);
  return stored.ok() && stored.value.exists && pb::find_uint64(stored.value.value, 6) != 0;
}

// check_system_authority (0xa88d06c9; serves 110) check_system_authority_arguments{} ->
// check_system_authority_result{value=1 bool}.
void check_system_authority(sdk::Bytes) { sdk::exit_bool(transaction_authorized()); }

// authorize (0x4a2dbd90) -> authorize_result{value}: governance pays for (and acts in) the transaction of an
// approved proposal; otherwise whoever holds system authority (the genesis key before 110 is governance's).
void authorize(sdk::Bytes) {
  sdk::exit_bool(transaction_authorized() || sdk::has_system_authority());
}

// ---------------------------------------------------------------------------------------------------
// submit_proposal

/// Calls `visit(kind, body)` for every member of the operation oneof present in `op` (one in a canonical
/// operation; all of them otherwise, so that nothing named escapes the checks below).
template <typename Visit>
void for_each_operation_part(sdk::Bytes op, Visit&& visit) {
  pb::Reader r(op);
  while (r.next()) {
    if (r.wire_type() != pb::WireType::length_delimited) {
      r.skip();
      continue;
    }
    const uint32_t kind = r.field();
    visit(kind, r.read_bytes());
  }
}

/// The contract an operation part names: contract_id (field 1) of upload_contract, call_contract and
/// set_system_contract; of set_system_call, target(2).system_call_bundle(2).contract_id(1) (empty for a
/// thunk target). Empty otherwise.
sdk::Bytes named_contract(uint32_t kind, sdk::Bytes body) {
  if (kind == k_op_upload_contract || kind == k_op_call_contract || kind == k_op_set_system_contract) {
    return pb::find_bytes(body, 1);
  }
  if (kind == k_op_set_system_call) return pb::find_bytes(pb::find_bytes(pb::find_bytes(body, 2), 2), 1);
  return {};
}

/// Whether an operation changes governance itself (then the governance threshold applies). Contract ids are
/// compared by bytes (Koinos compared Uint8Array references and missed uploads to itself).
bool operation_updates_governance(sdk::Bytes op, sdk::Bytes self) {
  bool updates = false;
  for_each_operation_part(op, [&](uint32_t kind, sdk::Bytes body) {
    if (kind == k_op_set_system_call) {
      const uint64_t call_id = pb::find_uint64(body, 1);
      updates = updates || call_id == sdk::syscall::k_pre_block_callback ||
                call_id == sdk::syscall::k_check_system_authority ||
                call_id == sdk::syscall::k_apply_set_system_call_operation ||
                call_id == sdk::syscall::k_apply_set_system_contract_operation;
    } else if (kind == k_op_upload_contract || kind == k_op_call_contract || kind == k_op_set_system_contract) {
      updates = updates || named_contract(kind, body) == self;
    }
  });
  return updates;
}

// ---------------------------------------------------------------------------------------------------
// Target pins: voters approve code, not addresses. A contract whose owner may still re-upload it (uploaded
// without authorizes_upload_contract) could otherwise change between submission and application.

/// The code hash of contract `id` (contract_metadata_object.hash), empty when it does not exist.
sdk::Bytes contract_hash(sdk::Bytes id) { return pb::find_bytes(load(contract_metadata_space(), id), 1); }

/// "governance: target contract <hex id> <what>"
sdk::Buffer<256> target_message(sdk::Bytes contract, sdk::Bytes what) {
  sdk::Buffer<256> message;
  message.append("governance: target contract ");
  message.append_hex(contract);
  message.append(" ");
  message.append(what);
  return message;
}

/// The distinct contracts a proposal names, in order; `hash` is empty for those an earlier operation of
/// the proposal uploads (its code is then the proposal's own: nothing to pin).
struct NamedContracts {
  struct Entry {
    sdk::Bytes id;
    sdk::Bytes hash;
  };
  Entry entries[k_max_named_contracts];
  uint32_t count = 0;

  bool contains(sdk::Bytes id) const {
    for (uint32_t i = 0; i < count; ++i) {
      if (entries[i].id == id) return true;
    }
    return false;
  }

  /// Adds `id` named by an operation part of `kind` (the first naming decides); reverts when the proposal
  /// names too many contracts or targets one that neither exists nor was uploaded by an earlier operation.
  void add(uint32_t kind, sdk::Bytes id) {
    if (id.empty() || contains(id)) return;
    sdk::require(count < k_max_named_contracts, "governance: a proposal may name at most 64 distinct contracts");
    Entry& entry = entries[count++];
    entry.id = id;
    if (kind == k_op_upload_contract) return;
    entry.hash = contract_hash(id);
    if (entry.hash.empty()) {
      const auto message = target_message(id, "does not exist and no earlier operation of the proposal uploads it");
      sdk::exit_reversion(message.view());
    }
  }
};

/// Records the code hash of every existing contract the operations (field 1 of `args`) target
/// (call_contract, set_system_contract, set_system_call's bundle), under proposal `id`; see NamedContracts.
void pin_targets(sdk::Bytes id, sdk::Bytes args) {
  NamedContracts named;
  pb::for_each_bytes(args, k_operations, [&](sdk::Bytes op) {
    for_each_operation_part(op, [&](uint32_t kind, sdk::Bytes body) { named.add(kind, named_contract(kind, body)); });
  });
  sdk::Bytes pins = sdk::encode_message([&](pb::Writer& w) {
    for (uint32_t i = 0; i < named.count; ++i) {
      if (named.entries[i].hash.empty()) continue;
      auto pin = w.begin_message(1);  // pinned_target{contract_id=1, hash=2}
      w.bytes_field(1, named.entries[i].id);
      w.bytes_field(2, named.entries[i].hash);
      w.end_message(pin);
    }
  });
  if (!pins.empty()) check_state(sdk::put_object(pin_space(), id, pins), "governance: put_object failed");
}

/// The first target pinned for proposal `id` whose code hash is no longer the one recorded at submission
/// (or that no longer exists); empty when none (also for records stored before pins existed).
sdk::Bytes changed_target(sdk::Bytes id) {
  sdk::Bytes changed;
  pb::for_each_bytes(load(pin_space(), id), 1, [&](sdk::Bytes pin) {
    if (!changed.empty()) return;
    const sdk::Bytes contract = pb::find_bytes(pin, 1);
    if (contract_hash(contract) != pb::find_bytes(pin, 2)) changed = contract;
  });
  return changed;
}

/// The multihash (sha2-256) of every operation in field 1 of `args`, in the arena; the count in `count`.
/// Each hash call's arguments (a copy of the operation) are released at once: only the 34-byte results stay.
const sdk::Bytes* operation_hashes(sdk::Bytes args, uint32_t& count) {
  count = 0;
  pb::for_each_bytes(args, k_operations, [&](sdk::Bytes) { ++count; });
  sdk::MutableBytes slots = sdk::arena().allocate(count * sizeof(sdk::Bytes));
  sdk::MutableBytes digests = sdk::arena().allocate(count * k_id_size);
  sdk::require(slots.size == count * sizeof(sdk::Bytes) && digests.size == count * k_id_size,
               "governance: arena exhausted");
  auto* hashes = reinterpret_cast<sdk::Bytes*>(slots.data);
  uint32_t i = 0;
  pb::for_each_bytes(args, k_operations, [&](sdk::Bytes op) {
    sdk::ArenaScope scope;
    auto digest = sdk::hash(sdk::hash_code::k_sha2_256, op);
    check_state(digest.code, "governance: hash failed");
    sdk::require(digest.value.size == k_id_size, "governance: unexpected hash size");
    uint8_t* at = digests.data + i * k_id_size;
    for (uint32_t b = 0; b < k_id_size; ++b) at[b] = digest.value[b];
    hashes[i++] = sdk::Bytes(at, k_id_size);
  });
  return hashes;
}

/// Height of the block being applied (the head height + 1 when there is no block, e.g. in the mempool).
uint64_t current_height() {
  auto field = sdk::get_block_field("header.height");
  if (field.ok()) return sdk::value_type::uint64_value(field.value);
  auto head = sdk::get_head_info();
  check_state(head.code, "governance: get_head_info failed");
  return head.value.head_height + 1;
}

/// Burns `fee` from the transaction payer through koin (found by name).
void burn_fee(uint64_t fee) {
  auto payer = sdk::get_transaction_field("header.payer");
  sdk::require(payer.ok(), "governance: a proposal fee needs a transaction payer");
  auto koin = sdk::get_contract_address("koin");
  sdk::require(koin.ok(), "governance: koin contract not found");
  sdk::Bytes args = sdk::encode_message([&](pb::Writer& w) {
    w.bytes_field(1, sdk::value_type::bytes_value(payer.value));  // burn_arguments{from=1, value=2}
    w.uint64_field(2, fee);
  });
  auto burned = sdk::call(koin.value, k_koin_burn, args);
  if (!burned.ok()) sdk::exit_reversion("governance: could not burn the proposal fee");
}

// submit_proposal (0xe74b785c) submit_proposal_arguments{operations=1, operation_merkle_root=2, fee=3} ->
// submit_proposal_result{}. Event "proposal.submission" proposal_status_event{id, pending}.
void submit_proposal(sdk::Bytes args) {
  const Parameters params = load_parameters();
  Record rec;
  rec.id = pb::find_bytes(args, 2);
  rec.fee = pb::find_uint64(args, 3);
  sdk::require(args.size <= k_max_proposal_bytes, "governance: proposal larger than 64 KiB");
  sdk::require(is_proposal_id(rec.id), "governance: operation merkle root must be a sha2-256 multihash");
  uint32_t count = 0;
  const sdk::Bytes* hashes = operation_hashes(args, count);
  sdk::require(count > 0, "governance: proposal must have one or more operations");
  sdk::require(load(proposal_space(), rec.id).empty(), "governance: proposal exists and cannot be updated");
  const uint64_t stored = stored_proposals();
  sdk::require(stored < params.max_proposals,
               "governance: too many proposals stored (max_proposals), wait until one is resolved");
  auto verified = sdk::verify_merkle_root(rec.id, hashes, count);
  sdk::require(verified.ok() && verified.value, "governance: proposal operation merkle root does not match");
  sdk::require(rec.fee >= params.min_fee, "governance: proposal fee below the minimum fee");
  pin_targets(rec.id, args);
  if (rec.fee > 0) burn_fee(rec.fee);

  const sdk::Bytes self = sdk::get_contract_id();
  pb::for_each_bytes(args, k_operations, [&](sdk::Bytes op) {
    rec.updates_governance = rec.updates_governance || operation_updates_governance(op, self);
  });
  rec.vote_start_height = current_height() + params.review_period;
  rec.vote_threshold = percent_of(params.vote_period, rec.updates_governance ? params.governance_threshold_percent
                                                                            : params.standard_threshold_percent);
  rec.status = pending;
  store_operations(rec.id, args);
  store_record(rec);
  store_proposal_count(stored + 1);
  emit_status("proposal.submission", rec.id, pending);
  sdk::exit_success();
}

// ---------------------------------------------------------------------------------------------------
// Reads

// get_proposal_by_id (0xc66013ad) {proposal_id=1} -> {value=1 proposal_record}; empty when unknown.
void get_proposal_by_id(sdk::Bytes args) {
  sdk::Bytes stored = load(proposal_space(), pb::find_bytes(args, 1));
  if (stored.empty()) sdk::exit_success();
  sdk::MutableBytes out = sdk::arena().allocate(k_max_list_bytes);
  pb::Writer w(out);
  write_full_record(w, 1, load_operations(pb::find_bytes(stored, 2)), stored);
  sdk::require(w.ok(), "governance: arena exhausted");
  sdk::exit_success(w.view());
}

/// {value=1 repeated proposal_record} of the records after `start` (exclusive) whose status is `status`
/// (any when `any_status`), at most `limit` (0 = no limit) and at most k_max_list_bytes of result.
[[noreturn]] void list_proposals(sdk::Bytes start, uint64_t limit, bool any_status, uint32_t status) {
  sdk::MutableBytes out = sdk::arena().allocate(k_max_list_bytes);
  sdk::require(out.size == k_max_list_bytes, "governance: arena exhausted");
  pb::Writer w(out);
  RecordCursor cursor;
  cursor.key.append(start);
  uint64_t listed = 0;
  while (limit == 0 || listed < limit) {
    sdk::ArenaScope scope;
    const sdk::Bytes record = cursor.next();
    if (record.empty()) break;
    if (!any_status && pb::find_uint64(record, 8) != status) continue;
    sdk::Bytes operations = load_operations(pb::find_bytes(record, 2));
    if (w.size() + operations.size + record.size + 16 > k_max_list_bytes) break;
    write_full_record(w, 1, operations, record);
    ++listed;
  }
  sdk::exit_success(w.view());
}

// get_proposals (0xd44caa11) {start_proposal=1, limit=2} -> {value=1 repeated proposal_record}
void get_proposals(sdk::Bytes args) { list_proposals(pb::find_bytes(args, 1), pb::find_uint64(args, 2), true, 0); }

// get_proposals_by_status (0x66206f76) {start_proposal=1, limit=2, status=3} -> {value=1 repeated record}
void get_proposals_by_status(sdk::Bytes args) {
  list_proposals(pb::find_bytes(args, 1), pb::find_uint64(args, 2), false,
                 static_cast<uint32_t>(pb::find_uint64(args, 3)));
}

// get_parameters (entry_point_id("get_parameters")) {} -> {value=1 governance_parameters} (defaults if unset)
void get_parameters(sdk::Bytes) {
  const Parameters p = load_parameters();
  sdk::exit_result([&](pb::Writer& w) {
    auto m = w.begin_message(1);
    encode_parameters(w, p);
    w.end_message(m);
  });
}

// set_parameters (entry_point_id("set_parameters")) {value=1 governance_parameters} -> {}; needs system
// authority (a proposal once 110 is governance's). Event "governance.parameters" governance_parameters.
void set_parameters(sdk::Bytes args) {
  sdk::require_system_authority("governance: set_parameters requires system authority");
  const Parameters p = decode_parameters(pb::find_bytes(args, 1));
  sdk::Bytes invalid = invalid_parameters(p);
  if (!invalid.empty()) sdk::exit_reversion(invalid);
  sdk::Bytes message = sdk::encode_message([&](pb::Writer& w) { encode_parameters(w, p); });
  check_state(sdk::put_object(parameter_space(), sdk::Bytes(), message), "governance: put_object failed");
  check_state(sdk::event("governance.parameters", message), "governance: event failed");
  sdk::exit_success();
}

// ---------------------------------------------------------------------------------------------------
// block_callback: votes, transitions, application

/// +1 vote for every proposal named in the block header whose vote covers `height` (vote_start < height <=
/// vote_start + vote_period), each id once however often it is listed. Pending and active both count: an
/// activation carried over to a later block (transition cap) must not cost the proposal votes.
void count_votes(uint64_t height, const Parameters& params) {
  auto field = sdk::get_block_field("header.approved_proposals");
  if (!field.ok()) return;
  // value_type{message_value=Any{value=list_type{values=1 repeated value_type{bytes_value}}}}
  sdk::Bytes seen[k_max_votes_per_block];
  uint32_t seen_count = 0;
  sdk::value_type::for_each_list_value(field.value, [&](sdk::Bytes value) {
    if (seen_count == k_max_votes_per_block) return;
    sdk::Bytes id = sdk::value_type::bytes_value(value);
    for (uint32_t i = 0; i < seen_count; ++i) {
      if (seen[i] == id) return;
    }
    seen[seen_count++] = id;
    if (!is_proposal_id(id)) return;
    sdk::ArenaScope scope;
    sdk::Bytes stored = load(proposal_space(), id);
    if (stored.empty()) return;
    Record rec = decode_record(stored);
    if (rec.status != active && rec.status != pending) return;
    if (height <= rec.vote_start_height || height > rec.vote_start_height + params.vote_period) return;
    if (rec.vote_tally != UINT64_MAX) ++rec.vote_tally;
    store_record(rec);
    emit_vote(rec);
  });
}

/// The rc that buys half of the block's compute limit at the block's compute price (saturating; a price
/// of 0 counts as 1), or 0 when the limits cannot be read. A proposal's transaction gets at most this
/// rc_limit, so its compute (charged in full even when it runs out) leaves half of the block to the rest
/// of the callback and the kernel's settlement: a proposal that loops cannot make the block fail. Half of
/// 287,500,000 ticks at 67 rc/tick still buys a 64 KiB upload at 97,110 rc/byte of disk.
uint64_t half_block_compute_rc() {
  auto limits = sdk::get_resource_limits();
  if (!limits.ok()) return 0;
  const uint64_t cost = limits.value.compute_bandwidth_cost == 0 ? 1 : limits.value.compute_bandwidth_cost;
  const sdk::U128 rc = sdk::mul_u64(limits.value.compute_bandwidth_limit / 2, cost);
  return rc.hi != 0 ? UINT64_MAX : rc.lo;
}

/// Serializes the unsigned transaction that applies `rec`, paid by governance (`self`); empty when it
/// would not fit the arena or its compute cannot be bounded.
sdk::Bytes proposal_transaction(const Record& rec, sdk::Bytes self, const Parameters& params) {
  auto chain_id = sdk::get_chain_id();
  auto nonce = sdk::get_account_nonce_value(self);
  auto rc = sdk::get_account_rc(self);
  check_state(chain_id.code, "governance: get_chain_id failed");
  check_state(nonce.code, "governance: get_account_nonce failed");
  // Never ask for more rc than governance has (the precheck would refuse the whole transaction), nor for
  // more than half of the block's compute.
  uint64_t rc_limit = rc.ok() && rc.value < params.proposal_rc_limit ? rc.value : params.proposal_rc_limit;
  const uint64_t compute_rc = half_block_compute_rc();
  if (compute_rc == 0) return {};
  if (compute_rc < rc_limit) rc_limit = compute_rc;
  const sdk::Bytes next_nonce = sdk::value_type::encode_uint64(nonce.value + 1);
  sdk::Bytes header = sdk::encode_message([&](pb::Writer& w) {
    w.bytes_field(1, chain_id.value);  // transaction_header{chain_id=1, rc_limit=2, nonce=3, root=4, payer=5}
    w.uint64_field(2, rc_limit);
    w.bytes_field(3, next_nonce);
    w.bytes_field(4, rec.id);
    w.bytes_field(5, self);
  });
  auto id = sdk::hash(sdk::hash_code::k_sha2_256, header);
  check_state(id.code, "governance: hash failed");
  const sdk::Bytes operations = load_operations(rec.id);  // before encode_message takes the free space
  // The transaction and apply_transaction's copy of it must fit: running out of arena here would end the
  // block callback with an error, i.e. fail every block from now on. (Submission limits make this moot.)
  if (sdk::arena().remaining() < 2 * (operations.size + header.size) + 8192) return {};
  return sdk::encode_message([&](pb::Writer& w) {
    w.bytes_field(1, id.value);  // transaction{id=1, header=2, operations=3}, no signatures
    w.bytes_field(2, header, true);
    pb::for_each_bytes(operations, k_operations, [&](sdk::Bytes op) { w.bytes_field(3, op, true); });
  });
}

void log_reverted(sdk::Bytes id, int32_t code, sdk::Bytes reason) {
  sdk::Buffer<480> message;
  message.append("governance: proposal ");
  message.append_hex(id);
  message.append(" reverted, code ");
  message.append_int(code);
  message.append(": ");
  message.append(reason);
  sdk::log(message.view());
}

/// Applies an approved proposal; it ends applied or reverted, and its record is deleted either way.
/// Nothing is applied when a pinned target changed since submission (checked on the state before the
/// proposal runs, so the proposal's own uploads do not count).
void apply_proposal(Record rec, const Parameters& params) {
  const sdk::Bytes changed = changed_target(rec.id);
  const auto changed_message = target_message(changed, "changed since submission");
  sdk::Bytes transaction;
  if (changed.empty()) {
    rec.shall_authorize = true;
    store_record(rec);
    transaction = proposal_transaction(rec, sdk::get_contract_id(), params);
  }
  sdk::Result<sdk::Bytes> result;
  if (!changed.empty()) {
    result.code = sdk::error_code::k_reversion;
    result.message = changed_message.view();
  } else if (transaction.empty()) {
    result.code = sdk::error_code::k_reversion;
    result.message = "governance: proposal too large to apply or resource limits unavailable";
  } else {
    result = sdk::apply_transaction(transaction);
  }
  rec.status = result.ok() ? applied : reverted;
  if (!result.ok()) log_reverted(rec.id, result.code, result.message);
  emit_status("proposal.status", rec.id, rec.status);
  remove_record(rec.id);
}

/// What the block callback may still do in this block.
struct Budget {
  uint32_t transitions = k_max_transitions_per_block;
  uint32_t applications = k_max_applications_per_block;
};

/// One step of a proposal's life at `height` (at most one transition per proposal per block), within
/// `budget`; a due transition without budget waits for a later block.
void advance(Record rec, uint64_t height, const Parameters& params, Budget& budget) {
  const uint64_t vote_end = rec.vote_start_height + params.vote_period;
  const bool due = (rec.status == pending && height >= rec.vote_start_height) ||
                   (rec.status == active && height >= vote_end) ||
                   (rec.status == approved && height >= vote_end + params.application_delay);
  if (!due || budget.transitions == 0) return;
  if (rec.status == approved) {
    if (budget.applications == 0) return;
    --budget.applications;
  }
  --budget.transitions;
  if (rec.status == pending) {
    rec.status = active;
    store_record(rec);
    emit_status("proposal.status", rec.id, rec.status);
  } else if (rec.status == active) {
    rec.status = rec.vote_tally >= rec.vote_threshold ? approved : expired;
    if (rec.status == approved) {
      store_record(rec);
    } else {
      remove_record(rec.id);
    }
    emit_status("proposal.status", rec.id, rec.status);
  } else {
    apply_proposal(rec, params);
  }
}

// block_callback (0x531d5d4e; serves 8 pre_block_callback, kernel mode only) pre_block_callback_arguments{}
// -> pre_block_callback_result{}. A bad proposal never fails the block: only a broken state does.
void block_callback(sdk::Bytes) {
  sdk::require_kernel_caller("governance: block_callback must be called from the kernel");
  const Parameters params = load_parameters();
  const uint64_t height = current_height();
  count_votes(height, params);
  Budget budget;
  RecordCursor cursor;
  while (budget.transitions > 0) {
    sdk::ArenaScope scope;
    const sdk::Bytes record = cursor.next();
    if (record.empty()) break;
    advance(decode_record(record), height, params, budget);
  }
  sdk::exit_success();
}

constexpr sdk::Method k_methods[] = {
    {k_block_callback, block_callback},
    {sdk::entry_points::k_check_system_authority, check_system_authority},
    {sdk::entry_points::k_authorize, authorize},
    {k_submit_proposal, submit_proposal},
    {k_get_proposal_by_id, get_proposal_by_id},
    {k_get_proposals, get_proposals},
    {k_get_proposals_by_status, get_proposals_by_status},
    {k_get_parameters, get_parameters},
    {k_set_parameters, set_parameters},
};

}  // namespace

extern "C" __attribute__((export_name("_start"))) void start() { sdk::dispatch(k_methods); }

#pragma clang attribute pop
