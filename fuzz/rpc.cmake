# JSON-RPC fuzz target over the pure request handler (no sockets), with stub services on an in-process bus.
modchain_fuzz(fuzz_jsonrpc_handler
  SOURCES "${CMAKE_SOURCE_DIR}/fuzz/rpc_jsonrpc_handler.cpp"
  DEPS modchain::rpc modchain::bus modchain::protocol_rpc)
