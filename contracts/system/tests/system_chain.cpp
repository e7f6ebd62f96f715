#include "system_chain.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace modchain::system_tests {

namespace kp = koinos::protocol;
using kernel::testing::Tester;

std::string wasm_path(std::string_view module) {
  return std::string(MODCHAIN_SYSTEM_CONTRACTS_DIR) + "/" + std::string(module) + ".wasm";
}

util::Bytes load_wasm(std::string_view module) {
  std::ifstream in(wasm_path(module), std::ios::binary);
  if (!in) ADD_FAILURE() << "missing " << wasm_path(module) << " (run contracts/system/build.sh)";
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return util::to_bytes(bytes);
}

crypto::PrivateKey contract_key(std::string_view module) {
  return crypto::PrivateKey::from_seed("modchain system contract " + std::string(module));
}

SystemChain::SystemChain(kernel::testing::TesterOptions options) : m_tester(std::move(options)) {}

std::string SystemChain::install(std::string_view module) {
  const auto key = contract_key(module);
  const std::string id = Tester::address(key);
  const auto wasm = load_wasm(module);
  kp::operation upload = Tester::upload_contract(id, wasm, true, true);
  upload.mutable_upload_contract()->set_authorizes_upload_contract(true);
  auto uploaded = submit(key, {upload});
  EXPECT_TRUE(uploaded.ok() && !uploaded->reverted()) << "upload of " << module;
  auto marked = submit(m_tester.genesis_key(), {Tester::set_system_contract(id, true)});
  EXPECT_TRUE(marked.ok() && !marked->reverted()) << "set_system_contract of " << module;
  return id;
}

std::string SystemChain::upload(std::string_view module, const crypto::PrivateKey& key) {
  const std::string id = Tester::address(key);
  auto uploaded = submit(key, {Tester::upload_contract(id, load_wasm(module))});
  EXPECT_TRUE(uploaded.ok() && !uploaded->reverted()) << "upload of " << module;
  return id;
}

void SystemChain::override_call(uint32_t call_id, const std::string& contract, uint32_t entry_point) {
  auto done = submit(m_tester.genesis_key(), {Tester::set_system_call(call_id, contract, entry_point)});
  EXPECT_TRUE(done.ok() && !done->reverted()) << "set_system_call " << call_id;
}

util::Result<kp::transaction_receipt> SystemChain::call(const crypto::PrivateKey& signer, const std::string& contract,
                                                        uint32_t entry_point, std::string args,
                                                        kernel::testing::TransactionOptions options) {
  return submit(signer, {Tester::call_contract(contract, entry_point, std::move(args))}, std::move(options));
}

util::Result<kp::transaction_receipt> SystemChain::submit(const crypto::PrivateKey& signer,
                                                          std::vector<kp::operation> operations,
                                                          kernel::testing::TransactionOptions options) {
  auto trx = m_tester.transaction(signer, std::move(operations), options);
  auto receipt = m_tester.produce_block({trx});
  if (!receipt.ok()) return receipt.error();
  if (receipt->transaction_receipts_size() != 1) {
    return util::make_error(util::ErrorCode::failure, "transaction dropped from the block (a failure)");
  }
  return receipt->transaction_receipts(0);
}

util::Result<std::string> SystemChain::read(const std::string& contract, uint32_t entry_point, std::string args) {
  auto result = controller().read_contract(contract, entry_point, args);
  if (!result.ok()) return result.error();
  return std::move(result->result);
}

void SystemChain::produce(size_t count) {
  for (size_t i = 0; i < count; ++i) {
    auto receipt = m_tester.produce_block();
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  }
}

uint64_t SystemChain::height() { return controller().database().head().revision(); }

}  // namespace modchain::system_tests
