// RawStore over wabt's interpreter: the spec-test and tooling API of the reference engine.
#include <exception>
#include <string>
#include <vector>

#include "modchain/vm/engines/wabt_common.hpp"
#include "modchain/vm/module_internal.hpp"
#include "modchain/vm/raw.hpp"

namespace modchain::vm::wabt_engine {
namespace {

interp::ValueTypes to_wabt_types(const std::vector<ValueType>& types) {
  interp::ValueTypes out;
  for (auto type : types) out.push_back(to_wabt(type));
  return out;
}

wabt::Limits limits(uint32_t min, std::optional<uint32_t> max) {
  return max ? wabt::Limits(min, *max) : wabt::Limits(min);
}

class WabtRawStore final : public RawStore {
 public:
  WabtRawStore() : m_store(features()) {}

  ExternRef make_function(const FuncSignature& signature, RawHostFunction body) override {
    interp::FuncType type(to_wabt_types(signature.params), to_wabt_types(signature.results));
    auto callback = [this, body = std::move(body), type](interp::Thread&, const interp::Values& params,
                                                         interp::Values& results, interp::Trap::Ptr* trap) {
      std::vector<Value> args;
      for (size_t i = 0; i < params.size(); ++i) args.push_back(from_wabt(params[i], type.params[i]));
      std::vector<Value> out(type.results.size());
      util::Status status = body(args, out);
      if (!status.ok()) {
        *trap = interp::Trap::New(m_store, status.error().message);
        return wabt::Result::Error;
      }
      for (size_t i = 0; i < out.size(); ++i) results[i] = to_wabt(out[i]);
      return wabt::Result::Ok;
    };
    return keep(interp::HostFunc::New(m_store, std::move(type), std::move(callback)), ExternKind::func);
  }

  ExternRef make_global(Value value, bool is_mutable) override {
    interp::GlobalType type(to_wabt(value.type), is_mutable ? interp::Mutability::Var : interp::Mutability::Const);
    return keep(interp::Global::New(m_store, type, to_wabt(value)), ExternKind::global);
  }

  ExternRef make_memory(uint32_t min, std::optional<uint32_t> max) override {
    return keep(interp::Memory::New(m_store, interp::MemoryType(limits(min, max))), ExternKind::memory);
  }

  ExternRef make_table(uint32_t min, std::optional<uint32_t> max) override {
    interp::TableType type(wabt::Type::FuncRef, limits(min, max));
    return keep(interp::Table::New(m_store, type), ExternKind::table);
  }

  util::Result<InstanceId> instantiate(const CompiledModule& module, const ImportResolver& resolve,
                                       int64_t tick_budget) override {
    try {
      return instantiate_impl(static_cast<const WabtCompiled&>(module), resolve, tick_budget);
    } catch (const std::exception& e) {
      return util::make_error(util::ErrorCode::reversion, std::string("instantiation: ") + e.what());
    }
  }

  util::Result<ExternRef> export_of(InstanceId instance, std::string_view name) override {
    if (instance >= m_instances.size()) return util::make_error(util::ErrorCode::not_found, "no such instance");
    auto ext = find_export(m_store, *m_instances[instance], name);
    if (!ext) return util::make_error(util::ErrorCode::not_found, "no export " + std::string(name));
    return ExternRef{ext.ref().index, detail::extern_kind(ext->extern_type().kind)};
  }

  InvokeResult invoke(InstanceId instance, std::string_view name, std::span<const Value> args,
                      int64_t tick_budget) override;

  util::Result<Value> global_value(InstanceId instance, std::string_view name) override {
    if (instance >= m_instances.size()) return util::make_error(util::ErrorCode::not_found, "no such instance");
    auto ext = find_export(m_store, *m_instances[instance], name);
    if (!ext || !interp::Global::classof(ext.get())) {
      return util::make_error(util::ErrorCode::not_found, "no global export " + std::string(name));
    }
    auto global = ext.As<interp::Global>();
    return from_wabt(global->Get(), global->type().type);
  }

 private:
  ExternRef keep(interp::Extern::Ptr object, ExternKind kind) {
    ExternRef ref{object.ref().index, kind};
    m_objects.push_back(std::move(object));
    return ref;
  }

  util::Result<InstanceId> instantiate_impl(const WabtCompiled& compiled, const ImportResolver& resolve,
                                            int64_t tick_budget);

  interp::Store m_store;
  std::vector<interp::Extern::Ptr> m_objects;  // keeps host objects alive (GC roots)
  std::vector<interp::Instance::Ptr> m_instances;
};

util::Result<InstanceId> WabtRawStore::instantiate_impl(const WabtCompiled& compiled, const ImportResolver& resolve,
                                                        int64_t tick_budget) {
  auto module = interp::Module::New(m_store, compiled.desc());
  interp::RefVec imports;
  for (const auto& import : module->import_types()) {
    auto ref = resolve(import.module, import.name);
    if (!ref || ref->kind != detail::extern_kind(import.type->kind) || !m_store.IsValid(interp::Ref(ref->handle))) {
      return util::make_error(util::ErrorCode::reversion, "unlinkable: unknown import " + import.module + "." +
                                                              import.name);
    }
    imports.push_back(interp::Ref(ref->handle));
  }
  interp::Trap::Ptr trap;
  auto instance = interp::Instance::Instantiate(m_store, module.ref(), imports, &trap);
  if (!instance) {
    return util::make_error(util::ErrorCode::reversion,
                            "instantiation: " + (trap ? trap->message() : std::string("failed")));
  }
  TickMeter meter(m_store, *instance);
  meter.set_remaining(tick_budget);
  const auto id = static_cast<InstanceId>(m_instances.size());
  m_instances.push_back(instance);
  if (compiled.prepared().deferred_start()) {
    InvokeResult start = invoke(id, k_start_export, {}, tick_budget);
    if (!start.execution.ok()) {
      m_instances.back().reset();
      return util::make_error(util::ErrorCode::reversion, "instantiation: start: " + start.execution.error.message);
    }
  }
  return id;
}

InvokeResult WabtRawStore::invoke(InstanceId instance, std::string_view name, std::span<const Value> args,
                                  int64_t tick_budget) {
  InvokeResult out;
  auto fail = [&](std::string message) {
    out.execution = {Outcome::trap, util::make_error(util::ErrorCode::reversion, std::move(message)), 0};
    return out;
  };
  if (instance >= m_instances.size() || !m_instances[instance]) return fail("no such instance");
  auto ext = find_export(m_store, *m_instances[instance], name);
  if (!ext || !interp::Func::classof(ext.get())) return fail("no function export " + std::string(name));
  auto func = ext.As<interp::Func>();
  const auto& type = func->type();
  if (type.params.size() != args.size()) return fail("argument count mismatch");
  interp::Values params;
  for (size_t i = 0; i < args.size(); ++i) {
    if (to_wabt(args[i].type) != type.params[i]) return fail("argument type mismatch");
    params.push_back(to_wabt(args[i]));
  }
  TickMeter meter(m_store, *m_instances[instance]);
  meter.set_remaining(tick_budget);
  meter.reset();
  interp::Values results;
  interp::Trap::Ptr trap;
  if (wabt::Succeeded(call(m_store, *func, params, results, &trap))) {
    for (size_t i = 0; i < results.size(); ++i) out.results.push_back(from_wabt(results[i], type.results[i]));
  } else {
    out.execution = classify(trap, meter, "trap");
  }
  out.execution.ticks_used = meter.used_since_sync();
  return out;
}

}  // namespace

std::unique_ptr<RawStore> make_raw_store() { return std::make_unique<WabtRawStore>(); }

}  // namespace modchain::vm::wabt_engine
