# JSON-RPC gateway benchmarks (Release build): the pure handler with stub services, and HTTP over loopback.
find_package(Boost 1.74 REQUIRED)  # imported targets are directory-scoped: look it up here too
modchain_bench(rpc_bench
  SOURCES "${CMAKE_SOURCE_DIR}/bench/rpc_bench.cpp"
  DEPS modchain::rpc modchain::bus modchain::protocol_rpc nlohmann_json::nlohmann_json Boost::headers)
