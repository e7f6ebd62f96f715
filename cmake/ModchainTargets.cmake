# modchain_library / modchain_test / modchain_bench / modchain_fuzz: one way to declare each kind of target.

# modchain_library(<layer> SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# Creates the static library modchain_<layer> with alias modchain::<layer>; headers are included as
# "modchain/<layer>/foo.hpp" from src/.
function(modchain_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(modchain_${name} STATIC ${ARG_SOURCES})
  add_library(modchain::${name} ALIAS modchain_${name})
  target_include_directories(modchain_${name} PUBLIC "${CMAKE_SOURCE_DIR}/src")
  target_compile_options(modchain_${name} PRIVATE ${MODCHAIN_WARNINGS})
  target_link_libraries(modchain_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# modchain_test(<name> SOURCES ... DEPS ... [LABELS ...] [TIMEOUT s])
# A GoogleTest executable; each TEST becomes a ctest case. Label 'fast' unless LABELS says otherwise;
# `make test` runs everything but the 'slow' label (MODCHAIN_SLOW=1 includes it).
function(modchain_test name)
  if(NOT MODCHAIN_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS fast)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${MODCHAIN_WARNINGS})
  target_compile_definitions(${name} PRIVATE
    MODCHAIN_SHARED_DIR="${MODCHAIN_SHARED_DIR}" MODCHAIN_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    MODCHAIN_BINARY_DIR="${CMAKE_BINARY_DIR}")
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()

# modchain_bench(<name> SOURCES ... DEPS ...): a Google Benchmark program (never run by ctest).
function(modchain_bench name)
  if(NOT MODCHAIN_BENCH)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${MODCHAIN_WARNINGS})
  target_compile_definitions(${name} PRIVATE MODCHAIN_SHARED_DIR="${MODCHAIN_SHARED_DIR}"
    MODCHAIN_SOURCE_DIR="${CMAKE_SOURCE_DIR}" MODCHAIN_BINARY_DIR="${CMAKE_BINARY_DIR}")
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()

# modchain_fuzz(<name> SOURCES ... DEPS ...)
# With MODCHAIN_FUZZ: a libFuzzer binary. Without: the same target linked with a small driver that replays
# the files given on the command line (the regression corpus under fuzz/corpus/<name>), run as a test.
function(modchain_fuzz name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${MODCHAIN_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  if(MODCHAIN_FUZZ)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE "${CMAKE_SOURCE_DIR}/fuzz/replay_main.cpp")
    set(corpus "${CMAKE_SOURCE_DIR}/fuzz/corpus/${name}")
    if(MODCHAIN_TESTS AND EXISTS "${corpus}")
      add_test(NAME ${name}.corpus_replay COMMAND ${name} "${corpus}")
      set_tests_properties(${name}.corpus_replay PROPERTIES LABELS "fast;fuzz_replay" TIMEOUT 300)
    endif()
  endif()
endfunction()
