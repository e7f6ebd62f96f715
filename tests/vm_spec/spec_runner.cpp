#include "spec_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "modchain/util/file.hpp"
#include "modchain/vm/raw.hpp"

namespace modchain::vm::spec {
namespace {

using nlohmann::json;

constexpr int64_t k_budget = std::numeric_limits<int64_t>::max() / 2;

// Plain-WebAssembly limits: generous, except the nesting bound that protects native recursion.
PrepareOptions prepare_options(const Options& options) {
  PrepareOptions prepare;
  prepare.rules = ModuleRules::raw;
  prepare.meter = options.meter;
  prepare.trap_floats = options.trap_floats;
  constexpr uint32_t big = std::numeric_limits<uint32_t>::max();
  prepare.limits = ModuleLimits{big, 65'536, big, big, big, big, big, 50'000, 1'024, big, big, big, big};
  return prepare;
}

std::optional<ValueType> parse_type(const std::string& name) {
  if (name == "i32") return ValueType::i32;
  if (name == "i64") return ValueType::i64;
  if (name == "f32") return ValueType::f32;
  if (name == "f64") return ValueType::f64;
  return std::nullopt;
}

Value parse_value(const json& v) {
  const auto type = parse_type(v.at("type").get<std::string>()).value_or(ValueType::i32);
  return Value{type, std::stoull(v.at("value").get<std::string>())};
}

bool matches(const json& expected, const Value& actual) {
  const auto type = parse_type(expected.at("type").get<std::string>());
  if (!type || *type != actual.type) return false;
  const std::string text = expected.at("value").get<std::string>();
  const bool is32 = actual.type == ValueType::f32;
  const uint64_t exp_mask = is32 ? 0x7f800000ull : 0x7ff0000000000000ull;
  const uint64_t quiet = is32 ? 0x00400000ull : 0x0008000000000000ull;
  const uint64_t abs = actual.bits & (is32 ? 0x7fffffffull : 0x7fffffffffffffffull);
  if (text == "nan:canonical") return abs == (exp_mask | quiet);
  if (text == "nan:arithmetic") return (abs & exp_mask) == exp_mask && (abs & quiet) != 0;
  return actual.bits == std::stoull(text);
}

class FileRunner {
 public:
  FileRunner(Engine& engine, std::string dir, const Options& options, std::string file,
             std::vector<std::string>* failures)
      : m_engine(engine), m_dir(std::move(dir)), m_prepare(prepare_options(options)), m_file(std::move(file)),
        m_failures(failures), m_store(engine.create_raw_store()) {
    make_spectest();
  }

  Counts run(const json& commands) {
    for (const auto& command : commands) {
      const std::string type = command.at("type").get<std::string>();
      if (type == "assert_malformed" && command.value("module_type", "") == "text") {
        ++m_counts.skipped;  // text-format modules: this is a binary engine
        continue;
      }
      std::string problem = run_command(type, command);
      if (problem.empty()) {
        ++m_counts.passed;
      } else if (problem.find("float instruction executed") != std::string::npos) {
        ++m_counts.float_trapped;
      } else {
        ++m_counts.failed;
        if (m_failures) m_failures->push_back(m_file + ":" + std::to_string(command.value("line", 0)) + ": " + problem);
      }
    }
    return m_counts;
  }

 private:
  std::string run_command(const std::string& type, const json& command);
  std::string load(const json& command, bool expect_ok);
  util::Result<std::shared_ptr<const CompiledModule>> compile(const std::string& filename);
  std::string action(const json& command, InvokeResult* result);
  std::optional<InstanceId> instance_for(const json& action) const;
  void make_spectest();

  Engine& m_engine;
  std::string m_dir;
  PrepareOptions m_prepare;
  std::string m_file;
  std::vector<std::string>* m_failures;
  std::unique_ptr<RawStore> m_store;
  std::map<std::string, ExternRef, std::less<>> m_spectest;
  std::map<std::string, InstanceId, std::less<>> m_registered;
  std::map<std::string, InstanceId, std::less<>> m_named;
  std::optional<InstanceId> m_current;
  Counts m_counts;
};

void FileRunner::make_spectest() {
  auto no_op = [](std::span<const Value>, std::span<Value>) { return util::Status(); };
  const auto i32 = ValueType::i32, i64 = ValueType::i64, f32 = ValueType::f32, f64 = ValueType::f64;
  m_spectest["print"] = m_store->make_function({{}, {}}, no_op);
  m_spectest["print_i32"] = m_store->make_function({{i32}, {}}, no_op);
  m_spectest["print_i64"] = m_store->make_function({{i64}, {}}, no_op);
  m_spectest["print_f32"] = m_store->make_function({{f32}, {}}, no_op);
  m_spectest["print_f64"] = m_store->make_function({{f64}, {}}, no_op);
  m_spectest["print_i32_f32"] = m_store->make_function({{i32, f32}, {}}, no_op);
  m_spectest["print_f64_f64"] = m_store->make_function({{f64, f64}, {}}, no_op);
  m_spectest["global_i32"] = m_store->make_global(Value::i32(666), false);
  m_spectest["global_i64"] = m_store->make_global(Value::i64(666), false);
  m_spectest["global_f32"] = m_store->make_global(Value::f32_bits(0x4426a666), false);  // 666.6f
  m_spectest["global_f64"] = m_store->make_global(Value::f64_bits(0x4084d4cccccccccdull), false);  // 666.6
  m_spectest["table"] = m_store->make_table(10, 20);
  m_spectest["memory"] = m_store->make_memory(1, 2);
}

util::Result<std::shared_ptr<const CompiledModule>> FileRunner::compile(const std::string& filename) {
  auto bytes = util::read_file(m_dir + "/" + filename);
  if (!bytes) return bytes.error();
  auto prepared = prepare_module(util::as_bytes(bytes.value()), m_prepare);
  if (!prepared) return prepared.error();
  return m_engine.compile(prepared.value());
}

std::string FileRunner::load(const json& command, bool expect_ok) {
  auto compiled = compile(command.at("filename").get<std::string>());
  if (!compiled) return expect_ok ? "module rejected: " + compiled.error().message : "";
  ImportResolver resolve = [this](std::string_view module, std::string_view name) -> std::optional<ExternRef> {
    if (module == "spectest") {
      auto it = m_spectest.find(name);
      if (it != m_spectest.end()) return it->second;
      return std::nullopt;
    }
    auto registered = m_registered.find(module);
    if (registered == m_registered.end()) return std::nullopt;
    auto ext = m_store->export_of(registered->second, name);
    return ext ? std::optional<ExternRef>(ext.value()) : std::nullopt;
  };
  auto instance = m_store->instantiate(*compiled.value(), resolve, k_budget);
  if (!expect_ok) return instance ? "instantiation succeeded but should fail" : "";
  if (!instance) return instance.error().message;
  m_current = instance.value();
  if (command.contains("name")) m_named[command.at("name").get<std::string>()] = instance.value();
  return "";
}

std::optional<InstanceId> FileRunner::instance_for(const json& action) const {
  if (!action.contains("module")) return m_current;
  auto it = m_named.find(action.at("module").get<std::string>());
  return it == m_named.end() ? std::nullopt : std::optional<InstanceId>(it->second);
}

std::string FileRunner::action(const json& command, InvokeResult* result) {
  const json& act = command.at("action");
  auto instance = instance_for(act);
  if (!instance) return "no module for action";
  const std::string field = act.at("field").get<std::string>();
  if (act.at("type") == "get") {
    auto value = m_store->global_value(*instance, field);
    if (!value) return value.error().message;
    result->results = {value.value()};
    return "";
  }
  std::vector<Value> args;
  for (const auto& arg : act.value("args", json::array())) args.push_back(parse_value(arg));
  *result = m_store->invoke(*instance, field, args, k_budget);
  return "";
}

std::string FileRunner::run_command(const std::string& type, const json& command) {
  if (type == "module") return load(command, true);
  if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
    auto compiled = compile(command.at("filename").get<std::string>());
    if (!compiled) return "module rejected: " + compiled.error().message;
    return load(command, false);
  }
  if (type == "assert_invalid" || type == "assert_malformed") {
    auto compiled = compile(command.at("filename").get<std::string>());
    return compiled ? "module accepted but should be rejected (" + command.value("text", "") + ")" : "";
  }
  if (type == "register") {
    auto instance = command.contains("name") ? instance_for(json{{"module", command.at("name")}}) : m_current;
    if (!instance) return "nothing to register";
    m_registered[command.at("as").get<std::string>()] = *instance;
    return "";
  }
  InvokeResult result;
  if (auto problem = action(command, &result); !problem.empty()) return problem;
  const Outcome outcome = result.execution.outcome;
  if (type == "action") return result.execution.ok() ? "" : result.execution.error.message;
  if (type == "assert_trap") return result.execution.ok() ? "expected trap: " + command.value("text", "") : "";
  if (type == "assert_exhaustion") {
    return outcome == Outcome::call_depth_exceeded ? "" : "expected exhaustion, got " + std::string(outcome_name(outcome)) + " " + result.execution.error.message;
  }
  if (type != "assert_return") return "unknown command " + type;
  if (!result.execution.ok()) return "unexpected " + result.execution.error.message;
  const json& expected = command.at("expected");
  if (expected.size() != result.results.size()) return "result count mismatch";
  for (size_t i = 0; i < expected.size(); ++i) {
    if (!matches(expected[i], result.results[i])) return "result " + result.results[i].describe();
  }
  return "";
}

}  // namespace

Counts run_file(Engine& engine, const std::string& json_path, const Options& options,
                std::vector<std::string>* failures) {
  auto text = util::read_file(json_path);
  if (!text) {
    if (failures) failures->push_back(json_path + ": " + text.error().message);
    return Counts{0, 1, 0, 0};
  }
  const json doc = json::parse(text.value(), nullptr, false);
  if (doc.is_discarded()) return Counts{0, 1, 0, 0};
  const std::filesystem::path path(json_path);
  FileRunner runner(engine, path.parent_path().string(), options, path.stem().string(), failures);
  return runner.run(doc.at("commands"));
}

std::vector<std::string> suite_files(const std::string& wast_dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(wast_dir)) {
    if (entry.path().extension() == ".wast") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace modchain::vm::spec
