// Module limits (streaming pre-pass) and the Koinos contract rules.
#include <string>
#include <vector>

#include "wabt/binary-reader-nop.h"
#include "wabt/binary-reader.h"
#include "wabt/feature.h"
#include "wabt/ir.h"
#include "modchain/vm/module_internal.hpp"

namespace modchain::vm::detail {
namespace {

// Collects the first limit violation; returning Error stops wabt's reader immediately.
class LimitChecker : public wabt::BinaryReaderNop {
 public:
  explicit LimitChecker(const ModuleLimits& limits) : m_limits(limits) {}

  const std::string& violation() const { return m_violation; }

  // Decoding errors are reported by the full decoder; keep wabt from printing them to stderr.
  bool OnError(const wabt::Error&) override { return true; }

  wabt::Result OnTypeCount(wabt::Index count) override { return at_most(count, m_limits.max_types, "types"); }
  wabt::Result OnFuncType(wabt::Index, wabt::Index params, wabt::Type*, wabt::Index results,
                          wabt::Type*) override {
    if (fail_if(params > m_limits.max_params, "function type params", params, m_limits.max_params)) {
      return wabt::Result::Error;
    }
    return at_most(results, m_limits.max_params, "function type results");
  }
  wabt::Result OnImportFunc(wabt::Index, std::string_view, std::string_view, wabt::Index, wabt::Index) override {
    return add(m_functions, 1, m_limits.max_functions, "functions");
  }
  wabt::Result OnImportGlobal(wabt::Index, std::string_view, std::string_view, wabt::Index, wabt::Type,
                              bool) override {
    return add(m_globals, 1, m_limits.max_globals, "globals");
  }
  wabt::Result OnImportTable(wabt::Index, std::string_view, std::string_view, wabt::Index, wabt::Type,
                             const wabt::Limits* limits) override {
    return table_limits(*limits);
  }
  wabt::Result OnImportMemory(wabt::Index, std::string_view, std::string_view, wabt::Index,
                              const wabt::Limits* limits) override {
    return memory_limits(*limits);
  }
  wabt::Result OnFunctionCount(wabt::Index count) override {
    return add(m_functions, count, m_limits.max_functions, "functions");
  }
  wabt::Result OnTable(wabt::Index, wabt::Type, const wabt::Limits* limits) override { return table_limits(*limits); }
  wabt::Result OnMemory(wabt::Index, const wabt::Limits* limits) override { return memory_limits(*limits); }
  wabt::Result OnGlobalCount(wabt::Index count) override {
    return add(m_globals, count, m_limits.max_globals, "globals");
  }
  wabt::Result OnExportCount(wabt::Index count) override { return at_most(count, m_limits.max_exports, "exports"); }
  wabt::Result OnElemSegmentCount(wabt::Index count) override {
    return at_most(count, m_limits.max_elem_segments, "element segments");
  }
  wabt::Result OnDataSegmentCount(wabt::Index count) override {
    return at_most(count, m_limits.max_data_segments, "data segments");
  }
  wabt::Result BeginFunctionBody(wabt::Index, wabt::Offset size) override {
    m_depth = 0;
    m_locals = 0;
    return at_most(size, m_limits.max_function_body_bytes, "function body bytes");
  }
  wabt::Result OnLocalDecl(wabt::Index, wabt::Index count, wabt::Type) override {
    return add(m_locals, count, m_limits.max_locals_per_function, "locals in one function");
  }
  wabt::Result OnBlockExpr(wabt::Type) override { return enter(); }
  wabt::Result OnLoopExpr(wabt::Type) override { return enter(); }
  wabt::Result OnIfExpr(wabt::Type) override { return enter(); }
  wabt::Result OnEndExpr() override {
    if (m_depth > 0) --m_depth;
    return wabt::Result::Ok;
  }

 private:
  bool fail_if(bool bad, const char* what, uint64_t value, uint64_t limit) {
    if (bad && m_violation.empty()) {
      m_violation = std::string("limit: ") + what + " " + std::to_string(value) + " exceeds " + std::to_string(limit);
    }
    return bad;
  }
  wabt::Result at_most(uint64_t value, uint64_t limit, const char* what) {
    return fail_if(value > limit, what, value, limit) ? wabt::Result::Error : wabt::Result::Ok;
  }
  wabt::Result add(uint64_t& total, uint64_t count, uint64_t limit, const char* what) {
    total += count;
    return at_most(total, limit, what);
  }
  wabt::Result enter() { return add(m_depth, 1, m_limits.max_nesting_depth, "block nesting depth"); }
  wabt::Result table_limits(const wabt::Limits& limits) {
    if (fail_if(limits.initial > m_limits.max_table_elements, "table initial size", limits.initial,
                m_limits.max_table_elements)) {
      return wabt::Result::Error;
    }
    return wabt::Result::Ok;
  }
  wabt::Result memory_limits(const wabt::Limits& limits) {
    return at_most(limits.initial, m_limits.max_memory_pages, "memory initial pages");
  }

  const ModuleLimits& m_limits;
  std::string m_violation;
  uint64_t m_functions = 0;
  uint64_t m_globals = 0;
  uint64_t m_locals = 0;
  uint64_t m_depth = 0;
};

bool is_koinos_host_signature(const wabt::FuncSignature& sig) {
  if (sig.param_types.size() != 6 || sig.result_types.size() != 1) return false;
  for (const auto& type : sig.param_types) {
    if (type != wabt::Type::I32) return false;
  }
  return sig.result_types[0] == wabt::Type::I32;
}

const wabt::FuncSignature& signature_of(const wabt::Module& module, const wabt::FuncDeclaration& decl) {
  if (decl.has_func_type) {
    if (const auto* type = module.GetFuncType(decl.type_var)) return type->sig;
  }
  return decl.sig;
}

util::Status check_imports(const wabt::Module& module) {
  for (const auto* import : module.imports) {
    const std::string where = import->module_name + "." + import->field_name;
    if (import->kind() != wabt::ExternalKind::Func) {
      return reversion("koinos", "import " + where + " is not a function (only env functions may be imported)");
    }
    if (import->module_name != "env" ||
        (import->field_name != "invoke_system_call" && import->field_name != "invoke_thunk")) {
      return reversion("koinos", "import " + where + " is not allowed (only env.invoke_system_call, env.invoke_thunk)");
    }
    const auto& func = static_cast<const wabt::FuncImport*>(import)->func;
    if (!is_koinos_host_signature(signature_of(module, func.decl))) {
      return reversion("koinos", "import " + where + " must have type (i32 x6) -> i32");
    }
  }
  return {};
}

// WebAssembly 1.0 requires every br_table label to have the same type, even in unreachable code; wabt
// 1.0.32 implements the later relaxation, so this rule is checked here (spec test unreached-invalid).
class BrTableChecker {
 public:
  bool function(const wabt::Func& func) {
    m_labels.assign(1, &func.decl.sig.result_types);
    return list(func.exprs);
  }

 private:
  bool list(const wabt::ExprList& exprs) {
    for (const auto& expr : exprs) {
      if (!this->expr(expr)) return false;
    }
    return true;
  }
  bool nested(const wabt::TypeVector* label, const wabt::ExprList& exprs) {
    m_labels.push_back(label);
    const bool ok = list(exprs);
    m_labels.pop_back();
    return ok;
  }
  const wabt::TypeVector* label(const wabt::Var& target) const {
    const wabt::Index depth = target.index();
    return depth < m_labels.size() ? m_labels[m_labels.size() - 1 - depth] : nullptr;
  }
  bool expr(const wabt::Expr& expr) {
    switch (expr.type()) {
      case wabt::ExprType::Block:
        return nested(&static_cast<const wabt::BlockExpr&>(expr).block.decl.sig.result_types,
                      static_cast<const wabt::BlockExpr&>(expr).block.exprs);
      case wabt::ExprType::Loop:
        return nested(&m_empty, static_cast<const wabt::LoopExpr&>(expr).block.exprs);
      case wabt::ExprType::If: {
        const auto& if_expr = static_cast<const wabt::IfExpr&>(expr);
        const auto* types = &if_expr.true_.decl.sig.result_types;
        return nested(types, if_expr.true_.exprs) && nested(types, if_expr.false_);
      }
      case wabt::ExprType::BrTable: {
        const auto& table = static_cast<const wabt::BrTableExpr&>(expr);
        const auto* expected = label(table.default_target);
        for (const auto& target : table.targets) {
          const auto* types = label(target);
          if (expected == nullptr || types == nullptr || *types != *expected) return false;
        }
        return true;
      }
      default:
        return true;
    }
  }

  std::vector<const wabt::TypeVector*> m_labels;
  const wabt::TypeVector m_empty{};
};

}  // namespace

util::Status check_mvp_rules(const wabt::Module& module) {
  BrTableChecker checker;
  for (wabt::Index i = module.num_func_imports; i < module.funcs.size(); ++i) {
    if (!checker.function(*module.funcs[i])) {
      return reversion("invalid module", "type mismatch: br_table labels have different types");
    }
  }
  return {};
}

util::Error reversion(const char* what, const std::string& detail) {
  return util::make_error(util::ErrorCode::reversion, std::string(what) + ": " + detail);
}

wabt::Features mvp_features() {
  wabt::Features features;
  features.disable_sat_float_to_int();
  features.disable_sign_extension();
  features.disable_simd();
  features.disable_multi_value();
  features.disable_bulk_memory();
  features.disable_reference_types();
  features.enable_mutable_globals();  // part of 1.0 (importing/exporting mutable globals)
  return features;
}

util::Status check_limits(util::ByteView wasm, const ModuleLimits& limits) {
  if (wasm.size() > limits.max_module_bytes) {
    return util::make_error(util::ErrorCode::reversion, "limit: module of " + std::to_string(wasm.size()) +
                                                            " bytes exceeds " +
                                                            std::to_string(limits.max_module_bytes));
  }
  LimitChecker checker(limits);
  wabt::ReadBinaryOptions options;
  options.features = mvp_features();
  options.read_debug_names = false;
  options.stop_on_first_error = true;
  options.fail_on_custom_section_error = false;
  (void)wabt::ReadBinary(wasm.data(), wasm.size(), &checker, options);
  // A decoding error here is reported by the full decoder with its real message; only limits matter.
  if (!checker.violation().empty()) return util::make_error(util::ErrorCode::reversion, checker.violation());
  return {};
}

util::Status check_koinos_rules(const wabt::Module& module, const ModuleLimits& limits) {
  MODCHAIN_TRY_STATUS(check_imports(module));
  const wabt::Export* start = module.GetExport("_start");
  if (start == nullptr || start->kind != wabt::ExternalKind::Func) {
    return reversion("koinos", "module does not export function _start");
  }
  const wabt::Func* start_func = module.GetFunc(start->var);
  if (start_func == nullptr || start_func->GetNumParams() != 0 || start_func->GetNumResults() != 0) {
    return reversion("koinos", "_start must have type () -> ()");
  }
  bool memory_exported = false;
  for (const auto* exp : module.exports) memory_exported |= exp->kind == wabt::ExternalKind::Memory;
  if (module.memories.empty() || !memory_exported) {
    return reversion("koinos", "module does not export its memory");
  }
  if (module.memories[0]->page_limits.initial > limits.max_memory_pages) {
    return reversion("limit", "memory initial pages exceed " + std::to_string(limits.max_memory_pages));
  }
  return {};
}

}  // namespace modchain::vm::detail
