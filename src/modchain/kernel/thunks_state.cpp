// Object space system calls (koinos-protocol.md §6), log and event (§8 rows 401/402).
#include "modchain/kernel/state_keys.hpp"
#include "modchain/kernel/thunks.hpp"

namespace modchain::kernel::thunks {
namespace {

using util::ErrorCode;
namespace kc = koinos::chain;

// assert_permissions (§6.1), on the privilege and id of the frame that invoked the system call.
util::Status check_space(ExecutionContext& context, const kc::object_space& space) {
  if (context.caller_privilege() == Privilege::kernel_mode) {
    if (!space.system()) return reversion("kernel mode may only access system object spaces");
    return {};
  }
  if (space.system()) {
    return kernel_error(ErrorCode::insufficient_privileges, "user mode cannot access a system object space");
  }
  if (space.zone() != context.caller()) return reversion("a contract may only access its own object space");
  return {};
}

util::Status check_writable(ExecutionContext& context) {
  if (context.intent() == Intent::read_only) {
    return kernel_error(ErrorCode::read_only_context, "cannot write objects in a read-only context");
  }
  return {};
}

bool valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t min = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c >> 5) == 0x6) {
      extra = 1, min = 0x80;
    } else if ((c >> 4) == 0xe) {
      extra = 2, min = 0x800;
    } else if ((c >> 3) == 0x1e) {
      extra = 3, min = 0x10000;
    } else {
      return false;
    }
    if (i + extra >= text.size() && extra > 0) return false;
    uint32_t code = extra == 0 ? c : (c & (0x3f >> extra));
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

template <class Result>
util::Result<Result> neighbour(ExecutionContext& context, const kc::object_space& space, const std::string& key,
                               bool next) {
  MODCHAIN_TRY_STATUS(check_space(context, space));
  const auto state_space = to_state_space(space);
  auto found = next ? context.state().get_next_object(state_space, util::as_bytes(key))
                    : context.state().get_prev_object(state_space, util::as_bytes(key));
  if (!found.ok()) return found.error();
  Result result;
  if (found.value()) {
    MODCHAIN_TRY_STATUS(context.charge_compute("object_serialization_per_byte", found.value()->value.size()));
    auto* object = result.mutable_value();
    object->set_exists(true);
    object->set_value(util::to_string(found.value()->value));
    object->set_key(util::to_string(found.value()->key));
  }
  return result;
}

}  // namespace

bool is_valid_utf8(std::string_view text) { return valid_utf8(text); }

util::Result<kc::put_object_result> put_object(ExecutionContext& context, const kc::put_object_arguments& args) {
  MODCHAIN_TRY_STATUS(check_writable(context));
  MODCHAIN_TRY_STATUS(check_space(context, args.space()));
  MODCHAIN_TRY_STATUS(context.charge_compute("object_serialization_per_byte", args.obj().size()));
  auto delta = context.state().put_object(to_state_space(args.space()), util::as_bytes(args.key()),
                                          util::as_bytes(args.obj()));
  if (!delta.ok()) return delta.error();
  MODCHAIN_TRY_STATUS(context.meter().use_disk_storage(delta.value()));
  return kc::put_object_result{};
}

util::Result<kc::remove_object_result> remove_object(ExecutionContext& context,
                                                     const kc::remove_object_arguments& args) {
  MODCHAIN_TRY_STATUS(check_writable(context));
  MODCHAIN_TRY_STATUS(check_space(context, args.space()));
  auto delta = context.state().remove_object(to_state_space(args.space()), util::as_bytes(args.key()));
  if (!delta.ok()) return delta.error();
  MODCHAIN_TRY_STATUS(context.meter().use_disk_storage(delta.value()));
  return kc::remove_object_result{};
}

util::Result<kc::get_object_result> get_object(ExecutionContext& context, const kc::get_object_arguments& args) {
  MODCHAIN_TRY_STATUS(check_space(context, args.space()));
  auto found = context.state().get_object(to_state_space(args.space()), util::as_bytes(args.key()));
  if (!found.ok()) return found.error();
  kc::get_object_result result;
  if (found.value()) {
    MODCHAIN_TRY_STATUS(context.charge_compute("object_serialization_per_byte", found.value()->size()));
    result.mutable_value()->set_exists(true);
    result.mutable_value()->set_value(util::to_string(*found.value()));
  }
  return result;
}

util::Result<kc::get_next_object_result> get_next_object(ExecutionContext& context,
                                                         const kc::get_next_object_arguments& args) {
  return neighbour<kc::get_next_object_result>(context, args.space(), args.key(), true);
}

util::Result<kc::get_prev_object_result> get_prev_object(ExecutionContext& context,
                                                         const kc::get_prev_object_arguments& args) {
  return neighbour<kc::get_prev_object_result>(context, args.space(), args.key(), false);
}

util::Result<kc::log_result> log_(ExecutionContext& context, const kc::log_arguments& args) {
  if (!valid_utf8(args.message())) return reversion("log message is not valid UTF-8");
  context.add_log(args.message());
  return kc::log_result{};
}

util::Result<kc::event_result> event_(ExecutionContext& context, const kc::event_arguments& args) {
  if (args.name().empty() || args.name().size() > 128 || !valid_utf8(args.name())) {
    return reversion("event name must be 1 to 128 bytes of valid UTF-8");
  }
  MODCHAIN_TRY_STATUS(context.charge_compute("event_per_impacted", static_cast<uint64_t>(args.impacted_size())));
  koinos::protocol::event_data event;
  event.set_source(context.caller());
  event.set_name(args.name());
  event.set_data(args.data());
  for (const auto& impacted : args.impacted()) event.add_impacted(impacted);
  context.emit_event(std::move(event));
  return kc::event_result{};
}

}  // namespace modchain::kernel::thunks
