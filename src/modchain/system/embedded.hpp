#pragma once
/// The system contract modules compiled into the binary (generated from contracts/system/*.wasm at build
/// time by embed_wasm.cmake). Internal: use modchain/system/catalog.hpp.

#include <cstddef>
#include <span>

namespace modchain::system::detail {

/// One embedded module: its name (file name without .wasm) and bytes.
struct EmbeddedModule {
  const char* name;            ///< e.g. "koin"
  const unsigned char* bytes;  ///< the committed .wasm bytes
  size_t size;                 ///< their length
  const unsigned char* abi;    ///< koilib ABI JSON bytes (contracts/system/abi); abi_size 0 when none
  size_t abi_size;             ///< its length
};

/// Every module found in contracts/system when the binary was built.
std::span<const EmbeddedModule> embedded_modules();

}  // namespace modchain::system::detail
