# vm fuzz targets (see fuzz/vm_*.cpp); corpus in fuzz/corpus/fuzz_vm_load_run.
modchain_fuzz(fuzz_vm_load_run SOURCES "${CMAKE_SOURCE_DIR}/fuzz/vm_load_run.cpp" DEPS modchain::vm)
