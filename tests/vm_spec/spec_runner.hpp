#pragma once
// Runs the WebAssembly 1.0 core spec tests (converted by wast2json) through the engine-neutral raw API,
// counting every command the way fizzy-spectests does: passed, failed, skipped.

#include <cstdint>
#include <string>
#include <vector>

#include "modchain/vm/engine.hpp"

namespace modchain::vm::spec {

/// Totals of one or more files.
struct Counts {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
  uint64_t float_trapped = 0;  ///< Koinos float mode: commands that failed only because a float instruction trapped

  Counts& operator+=(const Counts& other) {
    passed += other.passed;
    failed += other.failed;
    skipped += other.skipped;
    float_trapped += other.float_trapped;
    return *this;
  }
  friend bool operator==(const Counts&, const Counts&) = default;
};

/// How to run the suite.
struct Options {
  bool meter = false;        ///< instrument every module (with a huge budget) instead of running it as is
  bool trap_floats = false;  ///< Koinos float rule (needs meter): executed float instructions trap
};

/// Runs one converted file (`<dir>/<name>.json` and its module files). Failure descriptions (file, line,
/// what went wrong) are appended to `failures`.
Counts run_file(Engine& engine, const std::string& json_path, const Options& options,
                std::vector<std::string>* failures);

/// The 74 file names of the suite, without extension, in alphabetical order.
std::vector<std::string> suite_files(const std::string& wast_dir);

}  // namespace modchain::vm::spec
