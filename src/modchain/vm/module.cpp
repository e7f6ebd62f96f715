#include "modchain/vm/module.hpp"

#include <exception>
#include <new>
#include <string>

#include "wabt/binary-reader-ir.h"
#include "wabt/binary-reader.h"
#include "wabt/binary-writer.h"
#include "wabt/error.h"
#include "wabt/ir.h"
#include "wabt/stream.h"
#include "wabt/validator.h"
#include "modchain/vm/module_internal.hpp"
#include "modchain/vm/value.hpp"

namespace modchain::vm {

const char* value_type_name(ValueType type) noexcept {
  switch (type) {
    case ValueType::i32: return "i32";
    case ValueType::i64: return "i64";
    case ValueType::f32: return "f32";
    case ValueType::f64: return "f64";
  }
  return "?";
}

std::string Value::describe() const { return std::string(value_type_name(type)) + ":" + std::to_string(bits); }

namespace {

std::string first_error(const wabt::Errors& errors) {
  return errors.empty() ? std::string("unknown error") : errors.front().message;
}

}  // namespace

ExternKind detail::extern_kind(wabt::ExternalKind kind) noexcept {
  switch (kind) {
    case wabt::ExternalKind::Table: return ExternKind::table;
    case wabt::ExternalKind::Memory: return ExternKind::memory;
    case wabt::ExternalKind::Global: return ExternKind::global;
    default: return ExternKind::func;
  }
}

namespace {

util::Result<util::Bytes> write_binary(const wabt::Module& module) {
  wabt::MemoryStream stream;
  wabt::WriteBinaryOptions options;
  options.features = detail::mvp_features();
  options.canonicalize_lebs = true;
  options.write_debug_names = false;
  if (wabt::Failed(wabt::WriteBinaryModule(&stream, &module, options))) {
    return detail::reversion("instrumentation", "writing the instrumented module failed");
  }
  return std::move(stream.output_buffer().data);
}

}  // namespace

/// Fills a PreparedModule's private fields (the class is immutable for everyone else).
struct PreparedModuleBuilder {
  static util::Result<std::shared_ptr<const PreparedModule>> build(util::ByteView wasm,
                                                                   const PrepareOptions& options);
};

util::Result<std::shared_ptr<const PreparedModule>> PreparedModuleBuilder::build(util::ByteView wasm,
                                                                                 const PrepareOptions& options) {
  MODCHAIN_TRY_STATUS(detail::check_limits(wasm, options.limits));
  const wabt::Features features = detail::mvp_features();
  wabt::Module ir;
  wabt::Errors errors;
  wabt::ReadBinaryOptions read_options(features, nullptr, false, true, true);
  if (wabt::Failed(wabt::ReadBinaryIr("module", wasm.data(), wasm.size(), read_options, &errors, &ir))) {
    return detail::reversion("malformed module", first_error(errors));
  }
  if (wabt::Failed(wabt::ValidateModule(&ir, &errors, wabt::ValidateOptions(features)))) {
    return detail::reversion("invalid module", first_error(errors));
  }
  MODCHAIN_TRY_STATUS(detail::check_mvp_rules(ir));
  if (options.rules == ModuleRules::koinos) MODCHAIN_TRY_STATUS(detail::check_koinos_rules(ir, options.limits));

  PreparedModule out;
  out.m_rules = options.rules;
  out.m_original_size = wasm.size();
  out.m_max_memory_pages = options.limits.max_memory_pages;
  for (const auto* import : ir.imports) {
    out.m_imports.push_back({import->module_name, import->field_name, detail::extern_kind(import->kind())});
  }
  if (!options.meter) {
    out.m_code = util::to_bytes(wasm);
    return std::make_shared<const PreparedModule>(std::move(out));
  }
  auto info = detail::instrument(ir, options.trap_floats, options.limits.max_memory_pages);
  if (!info) return info.error();
  auto code = write_binary(ir);
  if (!code) return code.error();
  out.m_code = std::move(code.value());
  out.m_metered = true;
  out.m_floats_trap = options.trap_floats;
  out.m_deferred_start = info->deferred_start;
  return std::make_shared<const PreparedModule>(std::move(out));
}

util::Result<std::shared_ptr<const PreparedModule>> prepare_module(util::ByteView wasm,
                                                                    const PrepareOptions& options) {
  try {
    return PreparedModuleBuilder::build(wasm, options);
  } catch (const std::bad_alloc&) {
    return util::make_error(util::ErrorCode::reversion, "module preparation ran out of memory");
  } catch (const std::exception& e) {
    return util::make_error(util::ErrorCode::reversion, std::string("module preparation failed: ") + e.what());
  }
}

}  // namespace modchain::vm
