# Protocol layer benchmarks (Release build): parse/serialize, ids, merkle roots, JSON codec.
modchain_bench(protocol_bench
  SOURCES "${CMAKE_SOURCE_DIR}/bench/protocol_bench.cpp"
  DEPS modchain::protocol nlohmann_json::nlohmann_json)
