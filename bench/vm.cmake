# vm benchmarks: instantiate + call overhead, and compute kernels (contracts/test/vm/kernels.c) natively,
# on the reference engine (metered and unmetered) and under node (V8) with the same .wasm.
if(NOT MODCHAIN_BENCH)
  return()
endif()
find_program(MODCHAIN_NODE node)
# The native baseline: the very C file the test contract is built from (C, so no C++ warning flags).
add_library(vm_bench_kernels STATIC "${CMAKE_SOURCE_DIR}/contracts/test/vm/kernels.c")
modchain_bench(bench_vm SOURCES "${CMAKE_SOURCE_DIR}/bench/vm_kernels.cpp" DEPS modchain::vm vm_bench_kernels)
target_compile_definitions(bench_vm PRIVATE MODCHAIN_NODE="${MODCHAIN_NODE}")
