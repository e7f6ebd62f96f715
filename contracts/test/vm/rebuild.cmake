# cmake -DCLANG=clang-14 -DSRC_DIR=... -DOUT_DIR=... -P rebuild.cmake
# Rebuilds each test contract listed in MANIFEST.sha256 with the flags of build.sh and fails if a hash
# differs from the manifest (the committed .wasm files must be reproducible from their sources).
file(MAKE_DIRECTORY "${OUT_DIR}")
file(STRINGS "${SRC_DIR}/MANIFEST.sha256" lines)
foreach(line IN LISTS lines)
  string(REGEX MATCH "^([0-9a-f]+)  (.+)\\.wasm$" _ "${line}")
  set(expected "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  execute_process(
    COMMAND "${CLANG}" --target=wasm32 -mcpu=mvp -O2 -nostdlib -ffreestanding -fno-builtin
            -Wl,--no-entry -Wl,--strip-all -o "${OUT_DIR}/${name}.wasm" "${SRC_DIR}/${name}.c"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building ${name}.c failed")
  endif()
  file(SHA256 "${OUT_DIR}/${name}.wasm" rebuilt)
  file(SHA256 "${SRC_DIR}/${name}.wasm" committed)
  if(NOT rebuilt STREQUAL expected OR NOT committed STREQUAL expected)
    message(FATAL_ERROR "${name}.wasm: manifest ${expected}, committed ${committed}, rebuilt ${rebuilt}")
  endif()
  message(STATUS "${name}.wasm matches ${expected}")
endforeach()
