// Fuzzes RequestHandler::handle with stub services that answer every Koinos RPC. Checks: no crash, and
// the answer is always one JSON-RPC 2.0 response object with either a result object or an error.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "modchain/rpc/request_handler.hpp"
#include "modchain/rpc/test_stub_services.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static modchain::rpc::testing::StubServices* stubs = new modchain::rpc::testing::StubServices();
  static modchain::rpc::RequestHandler* handler = [] {
    modchain::rpc::HandlerOptions options;
    options.max_request_bytes = 64 * 1024;
    options.blacklist = {"koinos.rpc.block_store.add_block"};
    return new modchain::rpc::RequestHandler(stubs->bus, options);
  }();
  std::string answer = handler->handle(std::string_view(reinterpret_cast<const char*>(data), size));
  auto json = nlohmann::json::parse(answer, nullptr, false);
  if (json.is_discarded() || !json.is_object() || json.value("jsonrpc", "") != "2.0" || !json.contains("id")) abort();
  const bool has_result = json.contains("result");
  const bool has_error = json.contains("error");
  if (has_result == has_error) abort();
  if (has_result && !json["result"].is_object()) abort();
  if (has_error && !(json["error"]["code"].is_number_integer() && json["error"]["message"].is_string())) abort();
  return 0;
}
