// Strict JSON decoding: every rejected input gives invalid_encoding and a message naming the field path.
#include <gtest/gtest.h>

#include "koinos/chain/chain.pb.h"
#include "koinos/protocol/protocol.pb.h"
#include "modchain/protocol/json.hpp"

namespace modchain::protocol {
namespace {

template <class M>
std::string error_of(std::string_view json, const JsonOptions& options = {}) {
  auto message = from_json<M>(json, options);
  if (message.ok()) return "<decoded>";
  EXPECT_EQ(message.error().code, util::ErrorCode::invalid_encoding);
  return message.error().message;
}

using Trx = koinos::protocol::transaction;
using Op = koinos::protocol::operation;

TEST(JsonErrors, BadBytesEncodingsNameTheField) {
  EXPECT_EQ(error_of<Trx>(R"({"header":{"payer":"1Lo0r"}})"),
            "transaction.header.payer: invalid base58 character '0' at position 3");
  EXPECT_EQ(error_of<Trx>(R"({"id":"1220ab"})"), "transaction.id: hex bytes must start with 0x");
  EXPECT_EQ(error_of<Trx>(R"({"id":"0x12zz"})").rfind("transaction.id: invalid hex character", 0), 0u);
  EXPECT_EQ(error_of<Trx>(R"({"id":"0x123"})"), "transaction.id: hex string has an odd number of digits");
  EXPECT_EQ(error_of<Trx>(R"({"signatures":["KAE=","KAE"]})"),
            "transaction.signatures[1]: base64 string is not padded to a multiple of 4");
  EXPECT_EQ(error_of<Trx>(R"({"header":{"nonce":"+/8="}})"),
            "transaction.header.nonce: invalid base64url character '+' at position 0");
}

TEST(JsonErrors, UnknownFieldsAreRejectedUnlessIgnored) {
  EXPECT_EQ(error_of<Trx>(R"({"header":{"payr":"1"}})"), "transaction.header.payr: unknown field");
  EXPECT_EQ(error_of<Trx>(R"({"operations":[{},{"call":{}}]})"), "transaction.operations[1].call: unknown field");
  JsonOptions lenient;
  lenient.ignore_unknown_fields = true;
  EXPECT_EQ(error_of<Trx>(R"({"header":{"payr":"1"}})", lenient), "<decoded>");
}

TEST(JsonErrors, WrongJsonTypes) {
  EXPECT_EQ(error_of<Trx>(R"({"header":{"rc_limit":true}})"),
            "transaction.header.rc_limit: expected an integer, got boolean");
  EXPECT_EQ(error_of<Trx>(R"({"header":{"rc_limit":1.5}})"),
            "transaction.header.rc_limit: expected an integer, got number");
  EXPECT_EQ(error_of<Trx>(R"({"header":{"rc_limit":"12a"}})"),
            "transaction.header.rc_limit: '12a' is not a decimal integer or is out of range for uint64");
  EXPECT_EQ(error_of<Trx>(R"({"header":[]})"), "transaction.header: expected a JSON object, got array");
  EXPECT_EQ(error_of<Trx>(R"({"signatures":"KAE="})"), "transaction.signatures: expected a JSON array, got string");
  EXPECT_EQ(error_of<Trx>(R"({"signatures":[null]})"),
            "transaction.signatures[0]: null is not allowed in a repeated field");
  EXPECT_EQ(error_of<Trx>(R"({"id":5})"), "transaction.id: expected a string, got number");
  EXPECT_EQ(error_of<koinos::protocol::upload_contract_operation>(R"({"authorizes_call_contract":1})"),
            "upload_contract_operation.authorizes_call_contract: expected true or false, got number");
  EXPECT_EQ(error_of<Trx>("[]"), "transaction: expected a JSON object, got array");
}

TEST(JsonErrors, IntegerRanges) {
  EXPECT_EQ(error_of<Op>(R"({"call_contract":{"entry_point":4294967296}})"),
            "operation.call_contract.entry_point: 4294967296 is out of range for uint32");
  EXPECT_EQ(error_of<Op>(R"({"call_contract":{"entry_point":-1}})"),
            "operation.call_contract.entry_point: -1 is out of range for uint32");
  EXPECT_EQ(error_of<Trx>(R"({"header":{"rc_limit":"18446744073709551616"}})"),
            "transaction.header.rc_limit: '18446744073709551616' is not a decimal integer or is out of range for "
            "uint64");
  EXPECT_EQ(error_of<koinos::chain::value_type>(R"({"int32_value":2147483648})"),
            "value_type.int32_value: 2147483648 is out of range for int32");
  EXPECT_EQ(error_of<koinos::chain::value_type>(R"({"int32_value":-2147483648})"), "<decoded>");
}

TEST(JsonErrors, OneofEnumAndDuplicates) {
  EXPECT_EQ(error_of<Op>(R"({"call_contract":{},"upload_contract":{}})"),
            "operation.upload_contract: oneof 'op' already set by 'call_contract'");
  EXPECT_EQ(error_of<koinos::chain::caller_data>(R"({"caller_privilege":"root"})"),
            "caller_data.caller_privilege: 'root' is not a value of enum koinos.chain.privilege");
  EXPECT_EQ(error_of<koinos::protocol::transaction_header>(R"({"rc_limit":"1","rcLimit":"2"})"),
            "transaction_header.rc_limit: field given twice");
}

TEST(JsonErrors, InvalidJsonText) {
  const std::string message = error_of<Trx>(R"({"id": )");
  EXPECT_EQ(message.rfind("transaction: invalid JSON: ", 0), 0u) << message;
  EXPECT_EQ(error_of<Trx>(""), error_of<Trx>(""));
  EXPECT_NE(error_of<Trx>("\xff"), "<decoded>");
}

TEST(JsonErrors, AnyErrorsAndNestingLimit) {
  EXPECT_EQ(error_of<koinos::chain::value_type>(R"({"message_value":{"value":"1"}})"),
            "value_type.message_value: Any needs an \"@type\" string");
  EXPECT_EQ(error_of<koinos::chain::value_type>(R"({"message_value":{"@type":"type.googleapis.com/no.such"}})"),
            "value_type.message_value.@type: unknown message type 'type.googleapis.com/no.such'");
  // value_type → Any(list_type) → value_type → … : 60 wraps are more than 100 message levels.
  std::string json = "{}";
  for (int i = 0; i < 60; ++i) {
    json = R"({"message_value":{"@type":"type.googleapis.com/koinos.chain.list_type","values":[)" + json + "]}}";
  }
  const std::string message = error_of<koinos::chain::value_type>(json);
  EXPECT_NE(message.find("message nesting too deep"), std::string::npos) << message.substr(0, 200);
}

}  // namespace
}  // namespace modchain::protocol
