# Crypto layer benchmarks (Release build): hashing, signature recovery, addresses, merkle roots.
modchain_bench(crypto_bench
  SOURCES "${CMAKE_SOURCE_DIR}/bench/crypto_bench.cpp"
  DEPS modchain::crypto)
