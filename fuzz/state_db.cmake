# state_db fuzz targets (libFuzzer with MODCHAIN_FUZZ=ON, else corpus replay tests).
foreach(target database_key ops)
  modchain_fuzz(fuzz_state_db_${target}
    SOURCES "${CMAKE_SOURCE_DIR}/fuzz/state_db_${target}.cpp"
    DEPS modchain::state_db)
endforeach()
