#include "modchain/util/file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace modchain::util {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::io_error, "cannot open " + path + ": " + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return make_error(ErrorCode::io_error, "cannot read " + path + ": " + std::strerror(errno));
  return content.str();
}

}  // namespace modchain::util
