# node/config: modchaind configuration (YAML + flags). Included from src/modchain/node/CMakeLists.txt
# (or a top level) with CMAKE_CURRENT_LIST_DIR pointing here.
find_package(yaml-cpp 0.7 REQUIRED)

modchain_library(node_config
  SOURCES "${CMAKE_CURRENT_LIST_DIR}/config.cpp"
  DEPS modchain::util
  PRIVATE_DEPS modchain::crypto yaml-cpp)

modchain_test(node_config_tests
  SOURCES "${CMAKE_CURRENT_LIST_DIR}/config_test.cpp"
  DEPS modchain::node_config)
