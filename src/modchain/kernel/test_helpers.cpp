#include "modchain/kernel/test_helpers.hpp"

#include "modchain/util/assert.hpp"

namespace modchain::kernel::test {

ProxyChain::ProxyChain() {
  auto id = tester.deploy(testing::Tester::key("proxy"), testing::test_contract("proxy"));
  MODCHAIN_ASSERT(id.ok(), "proxy deployment failed");
  proxy_id = id.value();
}

koinos::protocol::transaction ProxyChain::proxy_call(uint32_t system_call_id, const std::string& args,
                                                     const testing::TransactionOptions& options) {
  return tester.transaction(alice, {testing::Tester::call_contract(proxy_id, system_call_id, args)}, options);
}

util::Error ProxyChain::mempool_outcome(uint32_t system_call_id, const std::string& args) {
  auto stored = tester.controller().account_nonce(testing::Tester::address(alice));
  MODCHAIN_ASSERT(stored.ok(), "nonce read failed");
  koinos::chain::value_type nonce;
  MODCHAIN_ASSERT(nonce.ParseFromString(stored.value()), "nonce parse failed");
  testing::TransactionOptions options;
  options.nonce = nonce.uint64_value() + 1;  // the mempool check never advances the head's nonce
  return outcome(tester.controller().apply_transaction(proxy_call(system_call_id, args, options)));
}

std::string put_args(bool system, const std::string& zone, const std::string& key, const std::string& value) {
  koinos::chain::put_object_arguments args;
  args.mutable_space()->set_system(system);
  args.mutable_space()->set_zone(zone);
  args.set_key(key);
  args.set_obj(value);
  return protocol::serialize_to_string(args);
}

std::string get_args(bool system, const std::string& zone, const std::string& key) {
  koinos::chain::get_object_arguments args;
  args.mutable_space()->set_system(system);
  args.mutable_space()->set_zone(zone);
  args.set_key(key);
  return protocol::serialize_to_string(args);
}

}  // namespace modchain::kernel::test
