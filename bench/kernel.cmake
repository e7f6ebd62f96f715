# kernel benchmarks: blocks of signed AS-token transfers applied by the controller, with the secp256k1
# recovery rate measured in the same run as the ceiling. Run from a Release build directory.
if(NOT MODCHAIN_BENCH OR NOT TARGET modchain_kernel_testing)
  return()
endif()
modchain_bench(bench_kernel SOURCES "${CMAKE_SOURCE_DIR}/bench/kernel_transfers.cpp"
  DEPS modchain::kernel_testing modchain::protocol_contracts)
