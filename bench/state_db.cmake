# state_db benchmarks (Release build dir): raw RocksDB get baseline vs reads through the delta layer,
# get/put/next at the root, and the synced LIB commit of a 1,000-put block.
modchain_bench(state_db_bench
  SOURCES "${CMAKE_SOURCE_DIR}/bench/state_db_bench.cpp"
  DEPS modchain::state_db modchain_state_db_rocksdb)
