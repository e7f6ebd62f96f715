# p2p fuzz target over the frame decoder and the message layer (libFuzzer with MODCHAIN_FUZZ=ON, else a
# corpus replay test).
modchain_fuzz(fuzz_p2p_frame
  SOURCES "${CMAKE_SOURCE_DIR}/fuzz/p2p_frame.cpp"
  DEPS modchain::p2p modchain::protocol)
