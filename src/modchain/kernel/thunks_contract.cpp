// Contract invocation and introspection (koinos-protocol.md §9.3, §9.5; §8 rows 601–606).
#include "modchain/crypto/secp256k1.hpp"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;

util::Result<std::optional<std::string>> read_system_object(ExecutionContext& context, kc::system_space_id space,
                                                            const std::string& key) {
  kc::get_object_arguments get;
  get.mutable_space()->set_system(true);
  get.mutable_space()->set_id(space);
  get.set_key(key);
  auto found = call_system<kc::get_object_result>(context, kc::get_object, get);
  if (!found.ok()) return found.error();
  if (!found.value().value().exists()) return std::optional<std::string>{};
  return std::optional<std::string>{found.value().value().value()};
}

// The frame `depth` below the top (0 = top), or null.
const Frame* frame_below(const ExecutionContext& context, size_t depth) {
  const auto& frames = context.frames();
  return frames.size() > depth ? &frames[frames.size() - 1 - depth] : nullptr;
}

const Frame* nearest_contract_frame(const ExecutionContext& context) {
  const auto& frames = context.frames();
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    if (!it->contract_id.empty()) return &*it;
  }
  return nullptr;
}

util::Result<bool> signed_by(ExecutionContext& context, const std::string& account) {
  const auto* trx = context.transaction();
  if (trx == nullptr) return kernel_error(ErrorCode::internal_error, "check_authority needs a transaction");
  const auto digest = crypto::multihash_sha256(util::as_bytes(protocol::serialize_to_string(trx->header())));
  kc::recover_public_key_arguments recover;
  recover.set_type(kc::ecdsa_secp256k1);
  recover.set_digest(util::to_string(digest.to_bytes()));
  recover.set_compressed(true);
  for (const auto& signature : trx->signatures()) {
    recover.set_signature(signature);
    auto key = call_system<kc::recover_public_key_result>(context, kc::recover_public_key, recover);
    if (!key.ok()) return key.error();
    auto public_key = crypto::PublicKey::from_bytes(util::as_bytes(key.value().value()));
    if (!public_key.ok()) continue;
    if (util::to_string(public_key.value().address().view()) == account) return true;
  }
  return false;
}

}  // namespace

util::Result<kc::call_result> call_(ExecutionContext& context, const kc::call_arguments& args) {
  if (args.entry_point() == k_authorize_entry_point && context.caller_privilege() != Privilege::kernel_mode) {
    return kernel_error(ErrorCode::insufficient_privileges, "the authorize entry point requires kernel mode");
  }
  KERNEL_TRY_ASSIGN(bytecode, read_system_object(context, kc::contract_bytecode, args.contract_id()));
  KERNEL_TRY_ASSIGN(meta_bytes, read_system_object(context, kc::contract_metadata, args.contract_id()));
  if (!bytecode || !meta_bytes) return kernel_error(ErrorCode::invalid_contract, "contract does not exist");
  kc::contract_metadata_object metadata;
  (void)metadata.ParseFromString(*meta_bytes);
  if (metadata.hash().empty()) return kernel_error(ErrorCode::invalid_contract, "contract has no code hash");
  KERNEL_TRY_ASSIGN(output, context.run_contract(args.contract_id(), args.entry_point(), args.args(), *bytecode,
                                                 metadata.system() ? Privilege::kernel_mode : Privilege::user_mode));
  kc::call_result result;
  result.set_value(std::move(output));
  return result;
}

util::Result<kc::exit_result> exit_(ExecutionContext& context, const kc::exit_arguments& args) {
  auto& slot = context.result_slot();
  int32_t code = args.code();
  slot.value = args.res();
  if (code != 0 && !args.res().has_error()) return reversion("exit with a non-zero code needs an error");
  if (code != 0 && !is_valid_utf8(args.res().error().message())) code = static_cast<int32_t>(ErrorCode::reversion);
  slot.code = code;
  context.exit_request() = code;
  return kc::exit_result{};
}

util::Result<kc::get_arguments_result> get_arguments(ExecutionContext& context, const kc::get_arguments_arguments&) {
  kc::get_arguments_result result;
  if (const Frame* frame = nearest_contract_frame(context)) {
    result.mutable_value()->set_entry_point(frame->entry_point);
    result.mutable_value()->set_arguments(frame->arguments);
  } else {
    result.mutable_value();
  }
  return result;
}

util::Result<kc::get_contract_id_result> get_contract_id(ExecutionContext& context,
                                                         const kc::get_contract_id_arguments&) {
  kc::get_contract_id_result result;
  result.set_value(context.current_contract_id());
  return result;
}

util::Result<kc::get_caller_result> get_caller(ExecutionContext& context, const kc::get_caller_arguments&) {
  // Drop the get_caller frame and the contract frame; the caller is then the frame below the new top.
  kc::get_caller_result result;
  const Frame* caller = frame_below(context, 3);
  result.mutable_value()->set_caller(caller != nullptr ? caller->contract_id : std::string());
  const bool kernel = caller == nullptr || caller->privilege == Privilege::kernel_mode;
  result.mutable_value()->set_caller_privilege(kernel ? kc::kernel_mode : kc::user_mode);
  return result;
}

util::Result<kc::check_authority_result> check_authority(ExecutionContext& context,
                                                         const kc::check_authority_arguments& args) {
  if (context.intent() == Intent::read_only) {
    return kernel_error(ErrorCode::read_only_context, "check_authority in a read-only context");
  }
  const bool from_system = context.caller().empty();
  kc::authorization_type type = kc::contract_call;
  if (from_system) {
    const auto* op = context.operation();
    type = (op != nullptr && op->has_upload_contract()) ? kc::contract_upload : kc::transaction_application;
  }
  auto meta_bytes = context.state().get_object(system_space(kc::contract_metadata), util::as_bytes(args.account()));
  if (!meta_bytes.ok()) return meta_bytes.error();
  kc::check_authority_result result;
  if (meta_bytes.value()) {
    kc::contract_metadata_object metadata;
    (void)metadata.ParseFromArray(meta_bytes.value()->data(), static_cast<int>(meta_bytes.value()->size()));
    const bool delegated = type == kc::contract_call                 ? metadata.authorizes_call_contract()
                           : type == kc::transaction_application ? metadata.authorizes_transaction_application()
                                                                   : metadata.authorizes_upload_contract();
    if (delegated) {
      kc::authorize_arguments authorize;
      authorize.set_type(type);
      if (type == kc::contract_call) {
        const Frame* calling = frame_below(context, 1);
        const Frame* callers_caller = frame_below(context, 3);
        auto* call = authorize.mutable_call();
        call->set_contract_id(calling != nullptr ? calling->contract_id : std::string());
        call->set_entry_point(calling != nullptr ? calling->entry_point : 0);
        call->set_caller(callers_caller != nullptr ? callers_caller->contract_id : std::string());
        call->set_data(args.data());
      }
      kc::call_arguments call_args;
      call_args.set_contract_id(args.account());
      call_args.set_entry_point(k_authorize_entry_point);
      call_args.set_args(protocol::serialize_to_string(authorize));
      KERNEL_TRY_ASSIGN(called, call_system<kc::call_result>(context, kc::call, call_args));
      kc::authorize_result authorized;
      (void)authorized.ParseFromString(called.value());
      result.set_value(authorized.value());
      return result;
    }
  }
  auto signed_result = signed_by(context, args.account());
  if (!signed_result.ok()) {
    // §9.4: a generic crypto error in a native path invalidates the block instead of reverting.
    util::Error error = signed_result.error();
    if (from_system && error.code == ErrorCode::reversion) error.code = ErrorCode::failure;
    return error;
  }
  result.set_value(signed_result.value());
  return result;
}

}  // namespace modchain::kernel::thunks
