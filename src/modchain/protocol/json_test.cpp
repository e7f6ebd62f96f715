#include "modchain/protocol/json.hpp"

#include <gtest/gtest.h>

#include "koinos/chain/chain.pb.h"
#include "koinos/contracts/claim/claim.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "koinos/rpc/chain/chain_rpc.pb.h"
#include "modchain/protocol/json_value.hpp"
#include "modchain/protocol/serialization.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::protocol {
namespace {

std::string raw(std::string_view hex) { return util::to_string(util::from_hex(hex).value()); }

std::string encode(const google::protobuf::Message& message, const JsonOptions& options = {}) {
  auto text = to_json(message, options);
  EXPECT_TRUE(text.ok()) << text.error().describe();
  return text.ok() ? *text : std::string();
}

/// Decodes `json` as M, checks it encodes back to exactly `json`, returns it.
template <class M>
M round_trip(const std::string& json) {
  auto message = from_json<M>(json);
  EXPECT_TRUE(message.ok()) << message.error().describe();
  if (!message.ok()) return M();
  EXPECT_EQ(encode(*message), json);
  return *message;
}

TEST(Json, EveryBytesTypeOnOutput) {
  koinos::protocol::transaction trx;
  trx.set_id(raw("1220ff"));                                                  // TRANSACTION_ID → 0x hex
  trx.mutable_header()->set_chain_id(raw("fbff"));                            // no btype → base64url padded
  trx.mutable_header()->set_payer(raw("0000ff"));                             // ADDRESS → base58
  trx.add_operations()->mutable_call_contract()->set_contract_id(raw("01"));  // CONTRACT_ID → base58
  trx.add_signatures(raw("fbef"));
  EXPECT_EQ(encode(trx), R"({"id":"0x1220ff","header":{"chain_id":"-_8=","payer":"115Q"},)"
                         R"("operations":[{"call_contract":{"contract_id":"2"}}],"signatures":["--8="]})");

  koinos::protocol::block_header header;
  header.set_previous(raw("1220"));            // BLOCK_ID → 0x hex
  header.add_approved_proposals(raw("abcd"));  // repeated TRANSACTION_ID
  EXPECT_EQ(encode(header), R"({"previous":"0x1220","approved_proposals":["0xabcd"]})");

  koinos::contracts::claim::claim_arguments claim;  // the only HEX fields are in the claim contract
  claim.set_eth_address(raw("00aa"));
  claim.set_koin_address(raw("00"));
  EXPECT_EQ(encode(claim), R"({"eth_address":"0x00aa","koin_address":"1"})");
}

TEST(Json, StandardAlphabetOption) {
  koinos::protocol::transaction_header header;
  header.set_chain_id(raw("fbff"));
  JsonOptions options;
  options.base64_alphabet = util::Base64Alphabet::standard;
  EXPECT_EQ(encode(header, options), R"({"chain_id":"+/8="})");
  auto back = from_json<koinos::protocol::transaction_header>(R"({"chain_id":"+/8="})", options);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->chain_id(), raw("fbff"));
}

TEST(Json, IntegersEnumsAndDefaults) {
  auto receipt = round_trip<koinos::protocol::block_receipt>(
      R"({"height":"18446744073709551615","network_bandwidth_used":"375","events":[{"sequence":4294967295,"name":"x"}]})");
  EXPECT_EQ(receipt.height(), 18446744073709551615ull);
  EXPECT_EQ(receipt.events(0).sequence(), 4294967295u);

  koinos::chain::value_type value;
  value.set_int64_value(-9223372036854775807LL - 1);
  EXPECT_EQ(encode(value), R"({"int64_value":"-9223372036854775808"})");
  value.set_sint32_value(-5);
  EXPECT_EQ(encode(value), R"({"sint32_value":-5})");
  value.set_bool_value(false);  // oneof member set to its default: still written
  EXPECT_EQ(encode(value), R"({"bool_value":false})");

  koinos::chain::caller_data caller;
  caller.set_caller_privilege(koinos::chain::user_mode);
  EXPECT_EQ(encode(caller), R"({"caller_privilege":"user_mode"})");
  caller.set_caller_privilege(koinos::chain::kernel_mode);  // enum default: omitted
  EXPECT_EQ(encode(caller), "{}");

  koinos::protocol::transaction_header header;  // all defaults
  header.set_rc_limit(0);
  header.set_chain_id("");
  EXPECT_EQ(encode(header), "{}");
}

TEST(Json, OptionalAndEmptySubMessagesArePresent) {
  round_trip<koinos::protocol::state_delta_entry>(R"({"object_space":{},"value":""})");
  auto deleted = round_trip<koinos::protocol::state_delta_entry>(R"({"key":"AQ=="})");
  EXPECT_FALSE(deleted.has_value());
  auto authorize = round_trip<koinos::chain::authorize_arguments>(R"({"type":"transaction_application","call":{}})");
  EXPECT_TRUE(authorize.has_call());
  round_trip<koinos::protocol::set_system_call_operation>(R"({"call_id":8,"target":{"thunk_id":0}})");
  auto empty_target = round_trip<koinos::protocol::set_system_call_operation>(R"({"call_id":8,"target":{}})");
  EXPECT_EQ(util::to_hex(serialize(empty_target)), "08081200");
}

TEST(Json, LenientInputForms) {
  // Numbers for 64-bit, strings for 32-bit, lowerCamelCase keys, enum numbers, null = unset.
  auto header = from_json<koinos::protocol::transaction_header>(R"({"rcLimit":50000000,"chain_id":null})");
  ASSERT_TRUE(header.ok()) << header.error().describe();
  EXPECT_EQ(header->rc_limit(), 50000000u);
  auto op = from_json<koinos::protocol::call_contract_operation>(R"({"entry_point":"670398154"})");
  ASSERT_TRUE(op.ok());
  EXPECT_EQ(op->entry_point(), 670398154u);
  auto caller = from_json<koinos::chain::caller_data>(R"({"caller_privilege":1})");
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->caller_privilege(), koinos::chain::user_mode);
  auto request = from_json<koinos::rpc::chain::submit_transaction_request>(R"({"transaction":{},"broadcast":true})");
  ASSERT_TRUE(request.ok());
  EXPECT_TRUE(request->broadcast());
  EXPECT_TRUE(request->has_transaction());
}

TEST(Json, AnyRoundTrip) {
  koinos::chain::max_account_resources inner;
  inner.set_value(10000000);
  koinos::chain::value_type value;
  value.mutable_message_value()->PackFrom(inner);
  const std::string json =
      R"({"message_value":{"value":"10000000","@type":"type.googleapis.com/koinos.chain.max_account_resources"}})";
  EXPECT_EQ(encode(value), json);
  auto back = from_json<koinos::chain::value_type>(json);
  ASSERT_TRUE(back.ok()) << back.error().describe();
  EXPECT_TRUE(canonically_equal(*back, value));
}

TEST(Json, ValueLevelApiKeepsDeclarationOrder) {
  koinos::protocol::transaction_header header;
  header.set_payer(raw("00"));
  header.set_chain_id(raw("00"));
  auto value = to_json_value(header);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value->begin().key(), "chain_id");
  koinos::protocol::transaction_header back;
  auto status = from_json_value(nlohmann::json::parse(R"({"payer":"1"})"), back, {}, "params.header");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(back.payer(), raw("00"));
  auto bad = from_json_value(nlohmann::json::parse(R"({"payer":"0"})"), back, {}, "params.header");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "params.header.payer: invalid base58 character '0' at position 0");
}

TEST(Json, UnknownProtobufFieldsAreNotInJson) {
  auto header = parse<koinos::protocol::transaction_header>(util::from_hex("10019806"
                                                                           "07")
                                                                .value());
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(encode(*header), R"({"rc_limit":"1"})");
}

}  // namespace
}  // namespace modchain::protocol
