# Crypto layer fuzz targets (libFuzzer with MODCHAIN_FUZZ=ON, else corpus replay tests).
modchain_fuzz(fuzz_base58
  SOURCES "${CMAKE_SOURCE_DIR}/fuzz/crypto_base58.cpp"
  DEPS modchain::crypto)
modchain_fuzz(fuzz_signature
  SOURCES "${CMAKE_SOURCE_DIR}/fuzz/crypto_signature.cpp"
  DEPS modchain::crypto)
