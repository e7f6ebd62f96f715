// Deterministic metering, injected into wabt's IR (docs/vm.md "Metering").
//
// Every straight-line segment of code starts with a charge of its static cost against an injected i64
// global holding the ticks remaining; when the counter drops below zero the injected code executes
// `unreachable`, and engines recognise out-of-ticks by the negative counter. memory.grow is preceded by a
// dynamic charge of one tick per requested page and a page cap. Float instructions (Koinos mode) are
// preceded by code that records the reason in a second injected global and traps.
#include <memory>
#include <utility>

#include "wabt/ir.h"
#include "wabt/opcode.h"
#include "modchain/vm/module_internal.hpp"

namespace modchain::vm::detail {
namespace {

using wabt::Expr;
using wabt::ExprList;
using wabt::ExprType;
using wabt::Index;
using wabt::Opcode;
using wabt::Type;

wabt::Var var(Index index) { return wabt::Var(index, wabt::Location()); }

template <class T, class... Args>
std::unique_ptr<Expr> make(Args&&... args) {
  return std::make_unique<T>(std::forward<Args>(args)...);
}

bool is_float_type(Type type) { return type == Type::F32 || type == Type::F64; }

bool is_float_opcode(Opcode opcode) {
  return is_float_type(opcode.GetResultType()) || is_float_type(opcode.GetParamType1()) ||
         is_float_type(opcode.GetParamType2()) || is_float_type(opcode.GetParamType3());
}

template <ExprType kind>
Opcode opcode_of(const Expr& expr) {
  return static_cast<const wabt::OpcodeExpr<kind>&>(expr).opcode;
}

// True for the instructions the Koinos VM refuses to execute: f32/f64 arithmetic, compare, convert,
// reinterpret, const, load and store.
bool is_float_instruction(const Expr& expr) {
  switch (expr.type()) {
    case ExprType::Const:
      return is_float_type(static_cast<const wabt::ConstExpr&>(expr).const_.type());
    case ExprType::Binary:
      return is_float_opcode(opcode_of<ExprType::Binary>(expr));
    case ExprType::Compare:
      return is_float_opcode(opcode_of<ExprType::Compare>(expr));
    case ExprType::Convert:
      return is_float_opcode(opcode_of<ExprType::Convert>(expr));
    case ExprType::Unary:
      return is_float_opcode(opcode_of<ExprType::Unary>(expr));
    case ExprType::Ternary:
      return is_float_opcode(opcode_of<ExprType::Ternary>(expr));
    case ExprType::Load:
      return is_float_opcode(static_cast<const wabt::LoadExpr&>(expr).opcode);
    case ExprType::Store:
      return is_float_opcode(static_cast<const wabt::StoreExpr&>(expr).opcode);
    default:
      return false;
  }
}

struct Globals {
  Index ticks;
  Index trap;
  Index depth;
};

class Instrumenter {
 public:
  Instrumenter(Globals globals, bool trap_floats, uint32_t max_pages)
      : m_ticks(globals.ticks), m_trap(globals.trap), m_depth(globals.depth), m_trap_floats(trap_floats),
        m_max_pages(max_pages) {}

  // Charges, then the call-depth guard: body becomes `depth += 1; trap if > limit;
  // block (result R) <body> end; depth -= 1`. Branches to the function label now end the wrapper block
  // (relative depths are unchanged), so every exit except `return` passes the decrement; `return` gets
  // its own.
  void function(wabt::Func& func) {
    m_func = &func;
    m_grow_local = wabt::kInvalidIndex;
    // Entry segment: the final `end` plus one tick per declared local, which every call zero-fills (it
    // keeps memory per tick bounded for modules with thousands of locals recursing deeply).
    rewrite(func.exprs, 1 + static_cast<uint64_t>(func.GetNumLocals()));
    auto body = std::make_unique<wabt::BlockExpr>();
    body->block.decl.sig.result_types = func.decl.sig.result_types;
    body->block.exprs = std::move(func.exprs);
    ExprList out;
    append_depth(out, Opcode::I32Add);
    out.push_back(make<wabt::GlobalGetExpr>(var(m_depth)));
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I32(k_max_call_depth)));
    out.push_back(make<wabt::CompareExpr>(Opcode::I32GtU));
    auto trap_if = std::make_unique<wabt::IfExpr>();
    append_trap(trap_if->true_.exprs, InjectedTrap::call_depth);
    out.push_back(std::move(trap_if));
    out.push_back(std::move(body));
    append_depth(out, Opcode::I32Sub);
    func.exprs = std::move(out);
  }

 private:
  void append_depth(ExprList& out, Opcode op) const {
    out.push_back(make<wabt::GlobalGetExpr>(var(m_depth)));
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I32(1)));
    out.push_back(make<wabt::BinaryExpr>(op));
    out.push_back(make<wabt::GlobalSetExpr>(var(m_depth)));
  }

  void append_trap(ExprList& out, InjectedTrap reason) const {
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I32(static_cast<uint32_t>(reason))));
    out.push_back(make<wabt::GlobalSetExpr>(var(m_trap)));
    out.push_back(make<wabt::UnreachableExpr>());
  }

  // if (ticks < 0) unreachable
  void append_check(ExprList& out) const {
    out.push_back(make<wabt::GlobalGetExpr>(var(m_ticks)));
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I64(0)));
    out.push_back(make<wabt::CompareExpr>(Opcode::I64LtS));
    auto trap_if = std::make_unique<wabt::IfExpr>();
    trap_if->true_.exprs.push_back(make<wabt::UnreachableExpr>());
    out.push_back(std::move(trap_if));
  }

  void append_charge(ExprList& out, uint64_t cost) const {
    out.push_back(make<wabt::GlobalGetExpr>(var(m_ticks)));
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I64(cost)));
    out.push_back(make<wabt::BinaryExpr>(Opcode::I64Sub));
    out.push_back(make<wabt::GlobalSetExpr>(var(m_ticks)));
    append_check(out);
  }


  // [delta] -> local; charge delta ticks; cap check; grow or -1.
  void append_grow(ExprList& out, std::unique_ptr<Expr> grow) {
    if (m_grow_local == wabt::kInvalidIndex) {
      m_grow_local = m_func->GetNumParamsAndLocals();
      m_func->local_types.AppendDecl(Type::I32, 1);
    }
    out.push_back(make<wabt::LocalSetExpr>(var(m_grow_local)));
    out.push_back(make<wabt::GlobalGetExpr>(var(m_ticks)));
    out.push_back(make<wabt::LocalGetExpr>(var(m_grow_local)));
    out.push_back(make<wabt::ConvertExpr>(Opcode::I64ExtendI32U));
    out.push_back(make<wabt::BinaryExpr>(Opcode::I64Sub));
    out.push_back(make<wabt::GlobalSetExpr>(var(m_ticks)));
    append_check(out);
    out.push_back(make<wabt::MemorySizeExpr>(var(0)));
    out.push_back(make<wabt::ConvertExpr>(Opcode::I64ExtendI32U));
    out.push_back(make<wabt::LocalGetExpr>(var(m_grow_local)));
    out.push_back(make<wabt::ConvertExpr>(Opcode::I64ExtendI32U));
    out.push_back(make<wabt::BinaryExpr>(Opcode::I64Add));
    out.push_back(make<wabt::ConstExpr>(wabt::Const::I64(m_max_pages)));
    out.push_back(make<wabt::CompareExpr>(Opcode::I64GtU));
    auto capped = std::make_unique<wabt::IfExpr>();
    capped->true_.decl.sig.result_types = {Type::I32};
    capped->true_.exprs.push_back(make<wabt::ConstExpr>(wabt::Const::I32(0xffffffffu)));
    capped->false_.push_back(make<wabt::LocalGetExpr>(var(m_grow_local)));
    capped->false_.push_back(std::move(grow));
    out.push_back(std::move(capped));
  }

  // Rebuilds `exprs` segment by segment. `initial_cost` is charged with the first segment (the `end`
  // of a function, the `else` of an if arm).
  void rewrite(ExprList& exprs, uint64_t initial_cost) {
    ExprList out;
    ExprList segment;
    uint64_t cost = initial_cost;
    auto flush = [&] {
      if (cost > 0) append_charge(out, cost);
      out.splice(out.end(), segment);
      cost = 0;
    };
    while (!exprs.empty()) {
      std::unique_ptr<Expr> expr = exprs.extract_front();
      cost += 1;
      switch (expr->type()) {
        case ExprType::Block:
        case ExprType::Loop:
          cost += 1;  // its `end`
          if (expr->type() == ExprType::Block) {
            rewrite(static_cast<wabt::BlockExpr&>(*expr).block.exprs, 0);
          } else {
            rewrite(static_cast<wabt::LoopExpr&>(*expr).block.exprs, 0);
          }
          segment.push_back(std::move(expr));
          flush();
          break;
        case ExprType::If: {
          cost += 1;
          auto& if_expr = static_cast<wabt::IfExpr&>(*expr);
          rewrite(if_expr.true_.exprs, 0);
          if (!if_expr.false_.empty()) rewrite(if_expr.false_, 1);  // `else`
          segment.push_back(std::move(expr));
          flush();
          break;
        }
        case ExprType::Return:
          append_depth(segment, Opcode::I32Sub);
          segment.push_back(std::move(expr));
          flush();
          break;
        case ExprType::Br:
        case ExprType::BrIf:
        case ExprType::BrTable:
        case ExprType::Unreachable:
          segment.push_back(std::move(expr));
          flush();
          break;
        case ExprType::MemoryGrow:
          append_grow(segment, std::move(expr));
          break;
        default:
          if (m_trap_floats && is_float_instruction(*expr)) append_trap(segment, InjectedTrap::float_instruction);
          segment.push_back(std::move(expr));
          break;
      }
    }
    flush();
    exprs = std::move(out);
  }

  Index m_ticks;
  Index m_trap;
  Index m_depth;
  bool m_trap_floats;
  uint32_t m_max_pages;
  wabt::Func* m_func = nullptr;
  Index m_grow_local = wabt::kInvalidIndex;
};

Index add_global(wabt::Module& module, Type type, wabt::Const init) {
  auto field = std::make_unique<wabt::GlobalModuleField>();
  field->global.type = type;
  field->global.mutable_ = true;
  field->global.init_expr.push_back(make<wabt::ConstExpr>(init));
  module.AppendField(std::move(field));
  return static_cast<Index>(module.globals.size() - 1);
}

void add_export(wabt::Module& module, const char* name, wabt::ExternalKind kind, const wabt::Var& target) {
  auto field = std::make_unique<wabt::ExportModuleField>();
  field->export_.name = name;
  field->export_.kind = kind;
  field->export_.var = target;
  module.AppendField(std::move(field));
}

// Moves the start function out of the start section so engines run it after the budget is set.
bool defer_start(wabt::Module& module) {
  for (auto it = module.fields.begin(); it != module.fields.end(); ++it) {
    if (it->type() != wabt::ModuleFieldType::Start) continue;
    const wabt::Var start = static_cast<wabt::StartModuleField&>(*it).start;
    module.fields.erase(it);
    module.starts.clear();
    add_export(module, k_start_export, wabt::ExternalKind::Func, start);
    return true;
  }
  return false;
}

}  // namespace

util::Result<InstrumentInfo> instrument(wabt::Module& module, bool trap_floats, uint32_t max_memory_pages) {
  for (const char* reserved : {k_ticks_export, k_trap_export, k_start_export, k_depth_export}) {
    if (module.GetExport(reserved) != nullptr) {
      return reversion("invalid module", std::string("export name ") + reserved + " is reserved");
    }
  }
  const Index ticks = add_global(module, Type::I64, wabt::Const::I64(0));
  const Index trap = add_global(module, Type::I32, wabt::Const::I32(0));
  const Index depth = add_global(module, Type::I32, wabt::Const::I32(0));
  add_export(module, k_ticks_export, wabt::ExternalKind::Global, var(ticks));
  add_export(module, k_trap_export, wabt::ExternalKind::Global, var(trap));
  add_export(module, k_depth_export, wabt::ExternalKind::Global, var(depth));

  Instrumenter instrumenter(Globals{ticks, trap, depth}, trap_floats, max_memory_pages);
  for (Index i = module.num_func_imports; i < module.funcs.size(); ++i) instrumenter.function(*module.funcs[i]);
  InstrumentInfo info;
  info.deferred_start = defer_start(module);
  return info;
}

}  // namespace modchain::vm::detail
