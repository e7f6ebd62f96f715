// JSON-RPC gateway costs per request: RequestHandler::handle with stub services on the in-process bus
// (envelope parse, method lookup, Koinos JSON codec both ways, protobuf wrap/serialize/parse, response
// dump), and a full HTTP keep-alive round trip on 127.0.0.1. Baseline: nlohmann parse + dump of the same
// body (what any JSON-RPC server must at least do).
// Run: build/<release>/rpc_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "modchain/rpc/http_server.hpp"
#include "modchain/rpc/request_handler.hpp"
#include "modchain/rpc/test_stub_services.hpp"

namespace {

using namespace modchain;

const std::string k_head_info = R"({"id":1,"jsonrpc":"2.0","method":"chain.get_head_info","params":{}})";
// koinos-rpc.md §6: the koilib transfer as posted by Provider.sendTransaction.
const std::string k_submit =
    R"({"id":123,"jsonrpc":"2.0","method":"chain.submit_transaction","params":{"transaction":{"header":{"chain_id":"EiBZK_GGVP0H_fXVAM3j6EAuz3-B-l3ejxRSewi7qIBfSA==","rc_limit":"50000000","nonce":"KAE=","operation_merkle_root":"EiDskFWkP7jJ7zq8MuuqCKKEX05Af_m1R86RQ_to6krU0Q==","payer":"1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP"},"operations":[{"call_contract":{"contract_id":"15DJN4a8SgrbGhhGksSBASiSYjGnMU8dGL","entry_point":670398154,"args":"ChkAg0z1ANjqA55Sjno43AmRjvitG7J88fSyEhkAyP5791Un3ffZ106J_-B_WBXaHfHPlEJyGIDC1y8="}}],"id":"0x1220616b658c7e3eb458bc52c5b37e1bd9f5ca35086867794e6900b2eb45ead5a874","signatures":["H1wYXVReS92Dd45IXoMMTiRwj3WFJgThxyGW4eQbZVQPJkaWvQCcG3byMDWINoObX1T9S7V-w_JcO2P1MYw1hGg="]},"broadcast":true}})";

rpc::testing::StubServices& stubs() {
  static rpc::testing::StubServices instance;
  return instance;
}

void BM_handle_get_head_info(benchmark::State& state) {
  rpc::RequestHandler handler(stubs().bus, {});
  for (auto _ : state) benchmark::DoNotOptimize(handler.handle(k_head_info));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_handle_get_head_info);

void BM_handle_submit_transaction(benchmark::State& state) {
  rpc::RequestHandler handler(stubs().bus, {});
  for (auto _ : state) benchmark::DoNotOptimize(handler.handle(k_submit));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(k_submit.size()));
}
BENCHMARK(BM_handle_submit_transaction);

void BM_handle_parse_error(benchmark::State& state) {
  rpc::RequestHandler handler(stubs().bus, {});
  const std::string broken = k_submit.substr(0, k_submit.size() - 2);
  for (auto _ : state) benchmark::DoNotOptimize(handler.handle(broken));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_handle_parse_error);

void BM_baseline_nlohmann_submit_transaction(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(k_submit).dump());
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(k_submit.size()));
}
BENCHMARK(BM_baseline_nlohmann_submit_transaction);

void BM_http_keep_alive_get_head_info(benchmark::State& state) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  rpc::RequestHandler handler(stubs().bus, {});
  rpc::ServerOptions options;
  options.port = 0;
  auto server = std::move(rpc::HttpServer::start(handler, options)).value();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server->port()});
  http::request<http::string_body> request(http::verb::post, "/", 11);
  request.body() = k_head_info;
  request.prepare_payload();
  beast::flat_buffer buffer;
  for (auto _ : state) {
    http::write(socket, request);
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    benchmark::DoNotOptimize(response.body().size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_http_keep_alive_get_head_info)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
