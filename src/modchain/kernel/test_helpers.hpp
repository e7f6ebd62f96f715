#pragma once
// Helpers shared by the kernel tests (not part of the library).

#include <ostream>
#include <string>

#include "koinos/chain/chain.pb.h"
#include "modchain/kernel/testing/tester.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::util {
/// gtest printer: the code's name and number.
inline void PrintTo(ErrorCode code, std::ostream* out) {
  *out << error_code_name(code) << " (" << static_cast<int32_t>(code) << ")";
}
}  // namespace modchain::util

namespace modchain::kernel::test {

/// A tester with the proxy contract deployed (user mode) under the key "proxy".
struct ProxyChain {
  testing::Tester tester;
  crypto::PrivateKey alice = testing::Tester::key("alice");
  std::string proxy_id;

  ProxyChain();
  /// A transaction by alice calling the proxy: entry point = system call id, args = serialized arguments.
  koinos::protocol::transaction proxy_call(uint32_t system_call_id, const std::string& args,
                                           const testing::TransactionOptions& options = {});
  /// The code and message alice's proxy call ends with in the mempool path (success = code 0).
  util::Error mempool_outcome(uint32_t system_call_id, const std::string& args);
};

/// put_object_arguments bytes.
std::string put_args(bool system, const std::string& zone, const std::string& key, const std::string& value);
/// get_object_arguments bytes.
std::string get_args(bool system, const std::string& zone, const std::string& key);
/// The error of a Result/Status, or success.
template <class R>
util::Error outcome(const R& result) {
  return result.ok() ? util::Error{util::ErrorCode::success, {}} : result.error();
}

}  // namespace modchain::kernel::test
