#include "modchain/kernel/system_call_table.hpp"

#include <algorithm>
#include <array>

#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel {
namespace {

template <class F>
struct ThunkTraits;

template <class Res, class Args>
struct ThunkTraits<util::Result<Res> (*)(ExecutionContext&, const Args&)> {
  using arguments = Args;
  using result = Res;
};

// Binds a typed thunk to the serialized-bytes ThunkHandler signature.
template <auto Fn>
util::Result<std::string> adapt(ExecutionContext& context, std::string_view bytes) {
  using Traits = ThunkTraits<decltype(Fn)>;
  return typed_thunk<typename Traits::arguments, typename Traits::result, Fn>(context, bytes);
}

// {id, name, native handler, privilege, genesis-enabled, compute_bandwidth_registry name}
constexpr std::array<SystemCallRow, 49> k_table = {{
    {0, "nop", &adapt<&thunks::nop>, CallPrivilege::any, false, ""},
    {1, "get_head_info", &adapt<&thunks::get_head_info>, CallPrivilege::any, true, "get_head_info"},
    {2, "apply_block", &adapt<&thunks::apply_block>, CallPrivilege::kernel_only, true, "apply_block"},
    {3, "apply_transaction", &adapt<&thunks::apply_transaction>, CallPrivilege::kernel_only, true, "apply_transaction"},
    {4, "apply_upload_contract_operation", &adapt<&thunks::apply_upload_contract_operation>, CallPrivilege::kernel_only, true, "apply_upload_contract_operation"},
    {5, "apply_call_contract_operation", &adapt<&thunks::apply_call_contract_operation>, CallPrivilege::kernel_only, true, "apply_call_contract_operation"},
    {6, "apply_set_system_call_operation", &adapt<&thunks::apply_set_system_call_operation>, CallPrivilege::kernel_only, true, "apply_set_system_call_operation"},
    {7, "apply_set_system_contract_operation", &adapt<&thunks::apply_set_system_contract_operation>, CallPrivilege::kernel_only, true, "apply_set_system_contract_operation"},
    {8, "pre_block_callback", &adapt<&thunks::pre_block_callback>, CallPrivilege::any, true, "pre_block_callback"},
    {9, "post_block_callback", &adapt<&thunks::post_block_callback>, CallPrivilege::any, true, "post_block_callback"},
    {10, "pre_transaction_callback", &adapt<&thunks::pre_transaction_callback>, CallPrivilege::any, true, "pre_transaction_callback"},
    {11, "post_transaction_callback", &adapt<&thunks::post_transaction_callback>, CallPrivilege::any, true, "post_transaction_callback"},
    {12, "get_chain_id", &adapt<&thunks::get_chain_id>, CallPrivilege::any, true, "get_chain_id"},
    {101, "process_block_signature", &adapt<&thunks::process_block_signature>, CallPrivilege::any, true, "process_block_signature"},
    {102, "get_transaction", &adapt<&thunks::get_transaction>, CallPrivilege::any, true, "get_transaction"},
    {103, "get_transaction_field", &adapt<&thunks::get_transaction_field>, CallPrivilege::any, true, "get_transaction_field"},
    {104, "get_block", &adapt<&thunks::get_block>, CallPrivilege::any, true, "get_block"},
    {105, "get_block_field", &adapt<&thunks::get_block_field>, CallPrivilege::any, true, "get_block_field"},
    {106, "get_last_irreversible_block", &adapt<&thunks::get_last_irreversible_block>, CallPrivilege::any, true, "get_last_irreversible_block"},
    {107, "get_account_nonce", &adapt<&thunks::get_account_nonce>, CallPrivilege::any, true, "get_account_nonce"},
    {108, "verify_account_nonce", &adapt<&thunks::verify_account_nonce>, CallPrivilege::any, true, "verify_account_nonce"},
    {109, "set_account_nonce", &adapt<&thunks::set_account_nonce>, CallPrivilege::kernel_only, true, "set_account_nonce"},
    {110, "check_system_authority", &adapt<&thunks::check_system_authority>, CallPrivilege::any, true, "check_system_authority"},
    {111, "get_operation", &adapt<&thunks::get_operation>, CallPrivilege::any, true, "get_operation"},
    {112, "get_contract_metadata", nullptr, CallPrivilege::any, true, ""},  // override only
    {201, "get_account_rc", &adapt<&thunks::get_account_rc>, CallPrivilege::any, true, "get_account_rc"},
    {202, "consume_account_rc", &adapt<&thunks::consume_account_rc>, CallPrivilege::any, true, "consume_account_rc"},
    {203, "get_resource_limits", &adapt<&thunks::get_resource_limits>, CallPrivilege::any, true, "get_resource_limits"},
    {204, "consume_block_resources", &adapt<&thunks::consume_block_resources>, CallPrivilege::any, true, "consume_block_resources"},
    {301, "put_object", &adapt<&thunks::put_object>, CallPrivilege::any, true, "put_object"},
    {302, "remove_object", &adapt<&thunks::remove_object>, CallPrivilege::any, true, "remove_object"},
    {303, "get_object", &adapt<&thunks::get_object>, CallPrivilege::any, true, "get_object"},
    {304, "get_next_object", &adapt<&thunks::get_next_object>, CallPrivilege::any, true, "get_next_object"},
    {305, "get_prev_object", &adapt<&thunks::get_prev_object>, CallPrivilege::any, true, "get_prev_object"},
    {401, "log", &adapt<&thunks::log_>, CallPrivilege::any, true, "log"},
    {402, "event", &adapt<&thunks::event_>, CallPrivilege::any, true, "event"},
    {501, "hash", &adapt<&thunks::hash_>, CallPrivilege::any, true, "hash"},
    {502, "recover_public_key", &adapt<&thunks::recover_public_key>, CallPrivilege::any, true, "recover_public_key"},
    {503, "verify_merkle_root", &adapt<&thunks::verify_merkle_root>, CallPrivilege::any, true, "verify_merkle_root"},
    {504, "verify_signature", &adapt<&thunks::verify_signature>, CallPrivilege::any, true, "verify_signature"},
    {505, "verify_vrf_proof", &adapt<&thunks::verify_vrf_proof>, CallPrivilege::any, true, "verify_vrf_proof"},
    {601, "call", &adapt<&thunks::call_>, CallPrivilege::any, true, "call"},
    {602, "exit", &adapt<&thunks::exit_>, CallPrivilege::any, true, "exit"},
    {603, "get_arguments", &adapt<&thunks::get_arguments>, CallPrivilege::any, true, "get_arguments"},
    {604, "get_contract_id", &adapt<&thunks::get_contract_id>, CallPrivilege::any, true, "get_contract_id"},
    {605, "get_caller", &adapt<&thunks::get_caller>, CallPrivilege::any, true, "get_caller"},
    {606, "check_authority", &adapt<&thunks::check_authority>, CallPrivilege::any, true, "check_authority"},
    {10000, "get_contract_name", nullptr, CallPrivilege::any, true, ""},   // override only (name service)
    {10001, "get_contract_address", nullptr, CallPrivilege::any, true, ""},  // override only
}};

static_assert(std::is_sorted(k_table.begin(), k_table.end(),
                             [](const SystemCallRow& a, const SystemCallRow& b) { return a.id < b.id; }));

}  // namespace

std::span<const SystemCallRow> koinos_system_calls() { return k_table; }

const SystemCallRow* find_system_call(uint32_t id) {
  auto it = std::lower_bound(k_table.begin(), k_table.end(), id,
                             [](const SystemCallRow& row, uint32_t key) { return row.id < key; });
  return (it != k_table.end() && it->id == id) ? &*it : nullptr;
}

}  // namespace modchain::kernel
