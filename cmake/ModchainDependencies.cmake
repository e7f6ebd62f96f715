# Third-party libraries, all from Debian 12 packages (scripts/setup.sh installs them). No downloads.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(Protobuf 3.21 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)

if(MODCHAIN_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(MODCHAIN_BENCH)
  find_package(benchmark REQUIRED)
endif()

# The pinned npm packages (tools/npm/package-lock.json), installed by scripts/setup.sh.
set(MODCHAIN_NPM_DIR "${CMAKE_SOURCE_DIR}/tools/npm/node_modules" CACHE PATH "Pinned npm packages")

# Boost 1.74: header-only Asio and Beast for the network services (rpc, p2p). Found here, at the top level,
# so targets in bench/ and fuzz/ see Boost::headers too.
find_package(Boost 1.74 REQUIRED)
