# Compiler launcher, warnings and sanitizer switches shared by every modchain target.

find_program(MODCHAIN_CCACHE ccache)
if(MODCHAIN_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER "${MODCHAIN_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${MODCHAIN_CCACHE}")
endif()

set(MODCHAIN_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. 'address,undefined'")
if(MODCHAIN_SANITIZE)
  add_compile_options(-fsanitize=${MODCHAIN_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${MODCHAIN_SANITIZE})
endif()

if(MODCHAIN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MODCHAIN_FUZZ needs clang (use the 'fuzz' preset)")
  endif()
  # Coverage instrumentation for every library; the fuzzer runtime is linked only into fuzz targets.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Warnings for modchain's own code (generated code is compiled without them).
set(MODCHAIN_WARNINGS -Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough)
