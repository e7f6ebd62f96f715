#pragma once
/// Whole-file reads for configuration, genesis files and test data.

#include <string>

#include "modchain/util/error.hpp"

namespace modchain::util {

/// Reads a whole file; `io_error` names the path and the system error on failure.
Result<std::string> read_file(const std::string& path);

}  // namespace modchain::util
