# Test modules (built from .wat text with wat2wasm at build time) and the vm unit tests.
if(NOT MODCHAIN_TESTS)
  return()
endif()

find_program(MODCHAIN_WAT2WASM wat2wasm REQUIRED)
set(VM_TEST_MODULE_DIR "${CMAKE_BINARY_DIR}/vm_test_modules")
set(VM_GENERATED_WAT_DIR "${VM_TEST_MODULE_DIR}/generated")
include("${CMAKE_SOURCE_DIR}/contracts/test/vm/generate_hostile.cmake")

file(GLOB VM_WAT_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/contracts/test/vm/wat/*.wat")
file(GLOB VM_WAT_GENERATED "${VM_GENERATED_WAT_DIR}/*.wat")
set(VM_TEST_MODULES "")
foreach(wat IN LISTS VM_WAT_SOURCES VM_WAT_GENERATED)
  get_filename_component(name "${wat}" NAME_WE)
  set(out "${VM_TEST_MODULE_DIR}/${name}.wasm")
  set(check "")
  if(name MATCHES "^invalid_")
    set(check --no-check)  # deliberately invalid: the VM must reject it, not wat2wasm
  endif()
  add_custom_command(OUTPUT "${out}"
    COMMAND "${MODCHAIN_WAT2WASM}" ${check} --disable-bulk-memory --disable-reference-types "${wat}" -o "${out}"
    DEPENDS "${wat}" VERBATIM)
  list(APPEND VM_TEST_MODULES "${out}")
endforeach()
add_custom_target(vm_test_modules DEPENDS ${VM_TEST_MODULES})

# The C contract's code compiled natively, to check the engines' checksums against.
add_library(vm_test_kernels STATIC "${CMAKE_SOURCE_DIR}/contracts/test/vm/kernels.c")

modchain_test(vm_tests
  SOURCES host_test.cpp module_test.cpp metering_test.cpp hostile_test.cpp module_cache_test.cpp
          contracts_test.cpp engine_conformance_test.cpp test_support.cpp
  DEPS modchain::vm vm_test_kernels)
add_dependencies(vm_tests vm_test_modules)

# The prebuilt C test contracts must be reproducible from source with Debian's clang-14.
find_program(MODCHAIN_CLANG14 clang-14)
if(MODCHAIN_CLANG14)
  add_test(NAME vm.contracts_rebuild_matches_manifest
    COMMAND "${CMAKE_COMMAND}" -DCLANG=${MODCHAIN_CLANG14} -DSRC_DIR=${CMAKE_SOURCE_DIR}/contracts/test/vm
            -DOUT_DIR=${CMAKE_BINARY_DIR}/vm_contract_rebuild -P ${CMAKE_SOURCE_DIR}/contracts/test/vm/rebuild.cmake)
  set_tests_properties(vm.contracts_rebuild_matches_manifest PROPERTIES LABELS fast TIMEOUT 120)
endif()
