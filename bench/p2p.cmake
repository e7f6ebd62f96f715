# p2p benchmarks (Release build dir): the same blocks (empty, or one AS-token transfer each) applied through
# the p2p sync path (loopback, ChainService::submit_block storing blocks) and replayed from the block store
# (ChainService::replay_from_block_store) in one run; blocks/s both ways and the ratio (docs/p2p.md).
if(NOT MODCHAIN_BENCH OR NOT TARGET modchain_kernel_testing)
  return()
endif()
modchain_bench(p2p_sync_bench SOURCES "${CMAKE_SOURCE_DIR}/bench/p2p_sync.cpp"
  DEPS modchain::p2p modchain::chain modchain::block_store modchain::bus modchain::kernel_testing
       modchain::protocol_contracts)
