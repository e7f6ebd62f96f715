// get_transaction_field / get_block_field path resolution (§8 rows 103/105).
#include <gtest/gtest.h>

#include "modchain/kernel/field_access.hpp"
#include "modchain/kernel/test_helpers.hpp"

namespace modchain::kernel {
namespace {

using testing::Tester;
using util::ErrorCode;
namespace kc = koinos::chain;

TEST(FieldAccess, ScalarsBytesMessagesAndListsByDottedPath) {
  Tester t;
  auto trx = t.transaction(Tester::key("alice"), {Tester::call_contract("c", 7, "a")});
  auto payer = message_field(trx, "header.payer");
  ASSERT_TRUE(payer.ok());
  EXPECT_EQ(payer.value().bytes_value(), Tester::address(Tester::key("alice")));
  auto rc_limit = message_field(trx, "header.rc_limit");
  ASSERT_TRUE(rc_limit.ok());
  EXPECT_EQ(rc_limit.value().uint64_value(), 1'000'000u);
  auto header = message_field(trx, "header");
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header.value().message_value().type_url(), "type.googleapis.com/koinos.protocol.transaction_header");
  EXPECT_EQ(header.value().message_value().value(), protocol::serialize_to_string(trx.header()));
  auto operations = message_field(trx, "operations");
  ASSERT_TRUE(operations.ok());
  EXPECT_EQ(operations.value().message_value().type_url(), "type.googleapis.com/koinos.chain.list_type");
  kc::list_type list;
  ASSERT_TRUE(list.ParseFromString(operations.value().message_value().value()));
  ASSERT_EQ(list.values_size(), 1);
  EXPECT_EQ(list.values(0).message_value().value(), protocol::serialize_to_string(trx.operations(0)));
  EXPECT_EQ(message_field(trx, "header.nope").error().code, ErrorCode::field_not_found);
  EXPECT_EQ(message_field(trx, "operations.call_contract").error().code, ErrorCode::field_not_found);
  EXPECT_EQ(message_field(trx, "").error().code, ErrorCode::field_not_found);
}

}  // namespace
}  // namespace modchain::kernel
