# Protocol layer fuzz targets (libFuzzer with MODCHAIN_FUZZ=ON, else corpus replay tests).
foreach(target transaction_decode block_decode json_codec)
  modchain_fuzz(fuzz_${target}
    SOURCES "${CMAKE_SOURCE_DIR}/fuzz/protocol_${target}.cpp"
    DEPS modchain::protocol)
  target_include_directories(fuzz_${target} PRIVATE "${CMAKE_SOURCE_DIR}/fuzz")
endforeach()
