#include "modchain/rpc/request_handler.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modchain/rpc/test_stub_services.hpp"

namespace modchain::rpc {
namespace {

struct Fixture {
  testing::StubServices stubs;
  RequestHandler handler{stubs.bus, HandlerOptions{}};
  std::string run(std::string_view body) { return handler.handle(body); }
};

nlohmann::json parsed(const std::string& text) { return nlohmann::json::parse(text); }

TEST(RequestHandler, ResultIsTheEncodedResponseMember) {
  Fixture f;
  EXPECT_EQ(f.run(R"({"id":1,"jsonrpc":"2.0","method":"chain.get_head_info","params":{}})"),
            R"({"jsonrpc":"2.0","result":{"head_topology":{"height":"5"}},"id":1})");
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":"abc","method":"koinos.rpc.chain.get_head_info"})"),
            R"({"jsonrpc":"2.0","result":{"head_topology":{"height":"5"}},"id":"abc"})");
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":null,"method":"block_store.get_highest_block","params":null})"),
            R"({"jsonrpc":"2.0","result":{},"id":null})");
}

TEST(RequestHandler, ParamsAreDecodedWithTheKoinosCodec) {
  Fixture f;
  EXPECT_EQ(f.run(R"({"id":7,"jsonrpc":"2.0","method":"chain.get_account_nonce",)"
                  R"("params":{"account":"1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP","ignored_key":1}})"),
            R"({"jsonrpc":"2.0","result":{"nonce":"KAA="},"id":7})");
  ASSERT_EQ(f.stubs.last_account.size(), 25u);
  EXPECT_EQ(f.stubs.last_account[0], '\0');
}

TEST(RequestHandler, ParseErrors) {
  Fixture f;
  auto broken = parsed(f.run(R"({"id":1,)"));
  EXPECT_EQ(broken["error"]["code"], -32700);
  EXPECT_EQ(broken["error"]["message"], "Unable to parse request");
  EXPECT_TRUE(broken["error"]["data"].is_string());
  EXPECT_TRUE(broken["id"].is_null());
  EXPECT_EQ(f.run(R"([{"id":1,"jsonrpc":"2.0","method":"chain.get_head_info"}])"),
            R"({"jsonrpc":"2.0","error":{"code":-32700,"message":"Unable to parse request",)"
            R"("data":"batch requests are not supported"},"id":null})");
  EXPECT_EQ(parsed(f.run("42"))["error"]["data"], "the request is not a JSON object");
  EXPECT_EQ(parsed(f.run(""))["error"]["code"], -32700);
  EXPECT_EQ(parsed(f.run(std::string(200, '[')))["error"]["data"], "JSON nesting deeper than 128 levels");
  EXPECT_EQ(parsed(f.run("{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}"))["error"]["code"], -32700);
}

TEST(RequestHandler, InvalidRequests) {
  Fixture f;
  EXPECT_EQ(f.run(R"({"id":3,"method":"chain.get_head_info"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request",)"
            R"("data":"invalid or missing JSON RPC version was specified"},"id":3})");
  EXPECT_EQ(parsed(f.run(R"({"id":3,"jsonrpc":"1.0","method":"chain.get_head_info"})"))["error"]["code"], -32600);
  EXPECT_EQ(parsed(f.run(R"({"id":3,"jsonrpc":2,"method":"chain.get_head_info"})"))["error"]["code"], -32600);
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","method":"chain.get_head_info"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request","data":"missing ID"},"id":null})");
  for (const char* id : {"1.5", "{}", "[1]", "true", "1.0"}) {
    auto answer = parsed(f.run(std::string(R"({"jsonrpc":"2.0","method":"chain.get_head_info","id":)") + id + "}"));
    EXPECT_EQ(answer["error"]["code"], -32600) << id;
    EXPECT_EQ(answer["error"]["data"], "invalid ID: must be an integer, a string or null") << id;
    EXPECT_TRUE(answer["id"].is_null());
  }
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":1,"method":5})"),
            R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid request","data":"method must be a string"},"id":1})");
}

std::string translate_error(const char* data, const char* id = "1") {
  return std::string(R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Unable to translate request","data":")") +
         data + R"("},"id":)" + id + "}";
}

TEST(RequestHandler, MethodNotFound) {
  Fixture f;
  auto with_method = [&](const std::string& method) {
    return f.run(R"({"jsonrpc":"2.0","id":1,"method":")" + method + R"("})");
  };
  EXPECT_EQ(with_method("get_head_info"), translate_error("methods should be in the format service_name.method_name"));
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":1})"), translate_error("methods should be in the format service_name.method_name"));
  EXPECT_EQ(with_method("nosuch.get_head_info"), translate_error("invalid service name provided"));
  EXPECT_EQ(with_method("a.b.chain.get_head_info"), translate_error("invalid service name provided"));
  EXPECT_EQ(with_method("x.koinos.rpc.chain.get_head_info"), translate_error("invalid service name provided"));
  EXPECT_EQ(with_method("Chain.get_head_info"), translate_error("invalid service name provided"));
  EXPECT_EQ(with_method("chain.nope"), translate_error("unknown method"));
  EXPECT_EQ(with_method("chain.reserved"), translate_error("unknown method"));
  EXPECT_EQ(with_method("chain.error"), translate_error("unknown method"));
  EXPECT_EQ(with_method("chain."), translate_error("unknown method"));
}

TEST(RequestHandler, InvalidParams) {
  Fixture f;
  const std::string prefix = R"({"jsonrpc":"2.0","id":1,"method":"chain.get_account_nonce","params":)";
  for (const char* params : {"[]", "\"x\"", "5", R"({"account":5})", R"({"account":"0OIl"})"}) {
    auto answer = f.run(prefix + params + "}");
    EXPECT_EQ(answer, translate_error("parameters could not be parsed")) << params;
  }
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":1,"method":"block_store.get_blocks_by_height",)"
                  R"("params":{"ancestor_start_height":1.5}})"),
            translate_error("parameters could not be parsed"));
}

TEST(RequestHandler, ServiceErrorsAndTransportFailures) {
  Fixture f;
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":9,"method":"chain.submit_transaction","params":{}})"),
            R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"insufficient pending account resources",)"
            R"("data":"{\"code\":104,\"logs\":[]}"},"id":9})");
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":9,"method":"chain.get_chain_id"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"no chain id"},"id":9})");
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":9,"method":"chain.read_contract"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"An internal server error has occurred",)"
            R"("data":"rpc failed, unexpected response"},"id":9})");
  f.stubs.bus.stop_serving("mempool");
  EXPECT_EQ(f.run(R"({"jsonrpc":"2.0","id":9,"method":"mempool.get_pending_transactions"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"An internal server error has occurred",)"
            R"("data":"rpc failed, no service serves koinos.rpc.mempool"},"id":9})");
  (void)f.stubs.bus.serve("mempool", [](std::string_view) { return std::string("\xff"); });
  EXPECT_EQ(parsed(f.run(R"({"jsonrpc":"2.0","id":9,"method":"mempool.get_pending_transactions"})"))["error"]["data"],
            "rpc failed, unexpected response");
}

TEST(RequestHandler, SizeLimitAndLists) {
  testing::StubServices stubs;
  HandlerOptions options;
  options.max_request_bytes = 64;
  options.blacklist = {"koinos.rpc.block_store.add_block", "koinos.rpc.chain.propose_block"};
  RequestHandler handler(stubs.bus, options);
  EXPECT_EQ(handler.handle(R"({"jsonrpc":"2.0","id":1,"method":"chain.get_head_info","params":{"a":"0123456789"}})"),
            R"({"jsonrpc":"2.0","error":{"code":-32602,"message":"Request exceeds maximum message size",)"
            R"("data":"parameters could not be parsed"},"id":null})");
  EXPECT_EQ(handler.handle(R"({"jsonrpc":"2.0","id":1,"method":"block_store.add_block"})"),
            translate_error("method blacklisted"));
  options.max_request_bytes = 1024;
  options.blacklist.clear();
  options.whitelist = {"koinos.rpc.chain."};
  RequestHandler whitelisted(stubs.bus, options);
  EXPECT_EQ(whitelisted.handle(R"({"jsonrpc":"2.0","id":1,"method":"block_store.get_highest_block"})"),
            translate_error("method not whitelisted"));
  EXPECT_EQ(parsed(whitelisted.handle(R"({"jsonrpc":"2.0","id":1,"method":"chain.get_head_info"})"))["result"]["head_topology"]["height"], "5");
}

TEST(RequestHandler, EveryServiceMethodRoundTrips) {
  Fixture f;
  for (const char* method : {"mempool.get_pending_transactions", "p2p.get_gossip_status", "transaction_store.get_transactions_by_id",
                             "contract_meta_store.get_contract_meta", "account_history.get_account_history",
                             "block_store.get_blocks_by_id", "chain.get_fork_heads"}) {
    EXPECT_EQ(f.run(std::string(R"({"jsonrpc":"2.0","id":2,"method":")") + method + R"(","params":{}})"),
              R"({"jsonrpc":"2.0","result":{},"id":2})")
        << method;
  }
}

}  // namespace
}  // namespace modchain::rpc
