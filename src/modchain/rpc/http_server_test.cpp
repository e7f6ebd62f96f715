#include "modchain/rpc/http_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include "modchain/rpc/test_stub_services.hpp"

namespace modchain::rpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

const std::string k_head_info = R"({"id":1,"jsonrpc":"2.0","method":"chain.get_head_info","params":{}})";
const std::string k_head_answer = R"({"jsonrpc":"2.0","result":{"head_topology":{"height":"5"}},"id":1})";

struct Fixture {
  testing::StubServices stubs;
  RequestHandler handler{stubs.bus, HandlerOptions{}};
  std::unique_ptr<HttpServer> server;
  asio::io_context ioc;

  explicit Fixture(ServerOptions options = small_limits()) {
    options.port = 0;
    auto started = HttpServer::start(handler, options);
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().describe());
    server = std::move(started).value();
  }

  static ServerOptions small_limits() {
    ServerOptions options;
    options.max_body_bytes = 1024;
    options.max_header_bytes = 1024;
    options.max_connections = 4;
    return options;
  }

  tcp::socket connect() {
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
    return socket;
  }

  /// Sends a request on `socket` and reads one response.
  http::response<http::string_body> exchange(tcp::socket& socket, http::request<http::string_body> request) {
    request.prepare_payload();
    http::write(socket, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    return response;
  }

  http::response<http::string_body> post(const std::string& body, const std::string& target = "/") {
    auto socket = connect();
    http::request<http::string_body> request(http::verb::post, target, 11);
    request.set(http::field::content_type, "text/plain;charset=UTF-8");
    request.body() = body;
    return exchange(socket, std::move(request));
  }

  /// Writes raw bytes and returns everything the server sends until it closes the connection.
  std::string raw(const std::string& bytes) {
    auto socket = connect();
    asio::write(socket, asio::buffer(bytes));
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);  // what a client does once it has sent everything
    std::string out;
    beast::error_code ec;
    char chunk[4096];
    for (;;) {
      size_t n = socket.read_some(asio::buffer(chunk), ec);
      out.append(chunk, n);
      if (ec) break;
    }
    return out;
  }
};

TEST(HttpServer, AnswersPostOnAnyPathWithCors) {
  Fixture f;
  auto response = f.post(k_head_info, "/some/path?x=1");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  EXPECT_EQ(response[http::field::access_control_allow_origin], "*");
  EXPECT_EQ(response[http::field::access_control_allow_methods], "POST, OPTIONS");
  EXPECT_EQ(response[http::field::access_control_allow_headers], "Content-Type, Authorization");
  EXPECT_EQ(response.body(), k_head_answer);
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  Fixture f;
  auto socket = f.connect();
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> request(http::verb::post, "/", 11);
    request.body() = k_head_info;
    EXPECT_EQ(f.exchange(socket, request).body(), k_head_answer);
  }
}

TEST(HttpServer, OptionsGets204) {
  Fixture f;
  auto socket = f.connect();
  auto response = f.exchange(socket, http::request<http::string_body>(http::verb::options, "/", 11));
  EXPECT_EQ(response.result(), http::status::no_content);
  EXPECT_EQ(response[http::field::access_control_allow_origin], "*");
  EXPECT_TRUE(response.body().empty());
}

TEST(HttpServer, JsonRpcErrorsComeInside200) {
  Fixture f;
  auto broken = f.post("{\"id\":");
  EXPECT_EQ(broken.result(), http::status::ok);
  EXPECT_NE(broken.body().find("\"code\":-32700"), std::string::npos);
  EXPECT_EQ(f.post(R"({"jsonrpc":"2.0","id":1,"method":"chain.nope"})").body(),
            R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Unable to translate request","data":"unknown method"},"id":1})");
  EXPECT_EQ(f.post(R"({"jsonrpc":"2.0","id":1,"method":"chain.get_account_nonce","params":{"account":[1]}})").body(),
            R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Unable to translate request","data":"parameters could not be parsed"},"id":1})");
  auto get = f.raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(get.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(get.find("Unable to parse request"), std::string::npos);
}

TEST(HttpServer, MalformedHttpGets400AndTheServerGoesOn) {
  Fixture f;
  EXPECT_EQ(f.raw("THIS IS NOT HTTP\r\n\r\n").rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
  EXPECT_EQ(f.raw("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n").rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u);
  std::string big_header = "POST / HTTP/1.1\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n";
  EXPECT_EQ(f.raw(big_header).rfind("HTTP/1.1 431 Request Header Fields Too Large\r\n", 0), 0u);
  EXPECT_EQ(f.post(k_head_info).body(), k_head_answer);
}

TEST(HttpServer, OversizedBodyGetsTheJsonRpcErrorAndTheConnectionStays) {
  Fixture f;
  const std::string error_answer = R"({"jsonrpc":"2.0","error":{"code":-32602,"message":"Request exceeds maximum message size",)"
                                   R"("data":"parameters could not be parsed"},"id":null})";
  std::string oversized = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, ' ');
  std::string next = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(k_head_info.size()) + "\r\n\r\n" + k_head_info;
  std::string answer = f.raw(oversized + next);  // pipelined on one connection
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  size_t first = answer.find(error_answer);
  ASSERT_NE(first, std::string::npos);
  size_t second = answer.find("HTTP/1.1 200 OK\r\n", first);
  ASSERT_NE(second, std::string::npos);
  EXPECT_NE(answer.find(k_head_answer, second), std::string::npos);
  // Chunked: the size is only known while reading, so the answer is followed by a close.
  std::string chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" + std::string(4096, ' ') +
                        "\r\n0\r\n\r\n";
  answer = f.raw(chunked + next);
  EXPECT_NE(answer.find(error_answer), std::string::npos);
  EXPECT_NE(answer.find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(answer.find(k_head_answer), std::string::npos);
  EXPECT_EQ(f.post(k_head_info).body(), k_head_answer);
}

TEST(HttpServer, ClientSendingABigBodyReadsTheErrorAnswer) {
  ServerOptions options;  // default 1 MiB limit
  Fixture f(options);
  auto socket = f.connect();
  http::request<http::string_body> request(http::verb::post, "/", 11);
  request.body() = std::string(3 * 1024 * 1024, 'x');  // the client writes all of it before reading
  auto response = f.exchange(socket, std::move(request));
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"]["code"], -32602);
  http::request<http::string_body> next(http::verb::post, "/", 11);
  next.body() = k_head_info;
  EXPECT_EQ(f.exchange(socket, next).body(), k_head_answer);  // same connection
}

TEST(HttpServer, ExpectContinueGets100First) {
  Fixture f;
  auto socket = f.connect();
  std::string header = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
                       std::to_string(k_head_info.size()) + "\r\n\r\n";
  asio::write(socket, asio::buffer(header));
  std::string interim;
  asio::read_until(socket, asio::dynamic_buffer(interim), "\r\n\r\n");
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  asio::write(socket, asio::buffer(k_head_info));
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  EXPECT_EQ(response.body(), k_head_answer);
}

TEST(HttpServer, StalledRequestsAreClosedAfterTheTimeout) {
  ServerOptions options = Fixture::small_limits();
  options.io_timeout = std::chrono::milliseconds(100);
  Fixture f(options);
  auto socket = f.connect();
  asio::write(socket, asio::buffer(std::string("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")));
  char c;
  beast::error_code ec;
  size_t n = socket.read_some(asio::buffer(&c, 1), ec);  // returns when the server gives up on the request
  EXPECT_EQ(n, 0u);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
  EXPECT_EQ(f.post(k_head_info).body(), k_head_answer);
}

TEST(HttpServer, ConnectionsAboveTheLimitAreClosed) {
  Fixture f;
  std::vector<tcp::socket> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(f.connect());
    http::request<http::string_body> request(http::verb::post, "/", 11);
    request.body() = k_head_info;
    EXPECT_EQ(f.exchange(idle.back(), request).body(), k_head_answer);  // the session surely exists now
  }
  EXPECT_EQ(f.raw(k_head_info), "");  // refused: closed without an answer
  idle.clear();
  // Closed sessions are released asynchronously; the server must accept again once they are gone.
  bool served = false;
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    try {
      served = f.post(k_head_info).body() == k_head_answer;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_TRUE(served);
}

TEST(HttpServer, StopClosesIdleConnectionsAndReturns) {
  Fixture f;
  auto idle = f.connect();
  EXPECT_EQ(f.post(k_head_info).body(), k_head_answer);
  f.server->stop();
  f.server->stop();  // idempotent
  char c;
  beast::error_code ec;
  idle.read_some(asio::buffer(&c, 1), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
}

TEST(HttpServer, StartErrorsNameTheAddress) {
  testing::StubServices stubs;
  RequestHandler handler(stubs.bus, {});
  ServerOptions options;
  options.address = "localhost-ish";
  auto bad = HttpServer::start(handler, options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "JSON-RPC listen address 'localhost-ish' is not an IP address");
  options.address = "127.0.0.1";
  options.port = 0;
  auto first = HttpServer::start(handler, options);
  ASSERT_TRUE(first.ok());
  options.port = (*first)->port();
  auto second = HttpServer::start(handler, options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, util::ErrorCode::io_error);
  EXPECT_EQ(second.error().message.rfind("cannot listen on 127.0.0.1:" + std::to_string(options.port) + ": ", 0), 0u);
}

}  // namespace
}  // namespace modchain::rpc
