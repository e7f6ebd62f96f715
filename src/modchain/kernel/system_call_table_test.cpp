// The declarative system call table (§8).
#include <gtest/gtest.h>

#include <set>

#include "koinos/chain/chain.pb.h"
#include "modchain/kernel/genesis.hpp"
#include "modchain/kernel/system_call_table.hpp"

namespace modchain::kernel {
namespace {

TEST(SystemCallTable, HasEveryKoinosIdWithItsEnumName) {
  const auto* descriptor = koinos::chain::system_call_id_descriptor();
  ASSERT_EQ(static_cast<size_t>(descriptor->value_count()), koinos_system_calls().size());
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const auto* value = descriptor->value(i);
    const SystemCallRow* row = find_system_call(static_cast<uint32_t>(value->number()));
    ASSERT_NE(row, nullptr) << value->name();
    EXPECT_EQ(row->name, value->name());
  }
  EXPECT_EQ(find_system_call(13), nullptr);
  EXPECT_EQ(find_system_call(607), nullptr);
}

TEST(SystemCallTable, KernelOnlyRowsAreExactlyTheDocumentedOnes) {
  std::set<uint32_t> kernel_only;
  for (const auto& row : koinos_system_calls()) {
    if (row.privilege == CallPrivilege::kernel_only) kernel_only.insert(row.id);
  }
  EXPECT_EQ(kernel_only, (std::set<uint32_t>{2, 3, 4, 5, 6, 7, 109}));
}

TEST(SystemCallTable, NativeRowsChargeAMainnetRegistryEntry) {
  std::set<std::string> registry;
  for (const auto& [name, ticks] : mainnet_compute_registry()) registry.insert(name);
  EXPECT_EQ(registry.size(), 60u);
  size_t native = 0;
  for (const auto& row : koinos_system_calls()) {
    if (row.handler == nullptr) {
      EXPECT_TRUE(row.id == 112 || row.id == 10000 || row.id == 10001) << row.name;
      continue;
    }
    ++native;
    if (row.id == 0) {
      EXPECT_FALSE(row.genesis);  // nop: override target only, no registry entry
      EXPECT_TRUE(row.compute_cost.empty());
      continue;
    }
    EXPECT_TRUE(row.genesis);
    EXPECT_EQ(row.compute_cost, row.name);
    EXPECT_TRUE(registry.count(std::string(row.compute_cost))) << row.name;
  }
  EXPECT_EQ(native, 46u);
}

}  // namespace
}  // namespace modchain::kernel
