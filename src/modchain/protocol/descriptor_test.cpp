// Checks the generated types against their source: every message and enum of the @koinos/proto-js
// descriptor (index.json) must exist in the generated pool with the same fields, numbers, types, labels,
// oneofs and options; and the consensus messages must have the field numbers of koinos-protocol.md §2.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "koinos/options.pb.h"
#include "modchain/protocol/link_rpc.hpp"
#include "modchain/util/file.hpp"

namespace modchain::protocol {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::FieldDescriptor;

struct Counts {
  int messages = 0;
  int enums = 0;
  int fields = 0;
};

void check_field(const FieldDescriptor* field, const nlohmann::json& spec) {
  SCOPED_TRACE(field->full_name());
  EXPECT_EQ(field->number(), spec["id"].get<int>());
  const std::string type = spec["type"];
  if (field->type() == FieldDescriptor::TYPE_MESSAGE || field->type() == FieldDescriptor::TYPE_ENUM) {
    const std::string target =
        field->message_type() ? field->message_type()->full_name() : field->enum_type()->full_name();
    const std::string suffix = type[0] == '.' ? type.substr(1) : type;
    EXPECT_TRUE(target.size() >= suffix.size() &&
                target.compare(target.size() - suffix.size(), suffix.size(), suffix) == 0)
        << target << " vs " << type;
  } else {
    EXPECT_EQ(field->type_name(), type);
  }
  EXPECT_EQ(field->is_repeated(), spec.value("rule", "") == "repeated");
  const auto options = spec.value("options", nlohmann::json::object());
  EXPECT_EQ(field->has_optional_keyword(), options.value("proto3_optional", false));
  if (options.contains("(btype)")) {
    ASSERT_TRUE(field->options().HasExtension(koinos::btype));
    EXPECT_EQ(koinos::bytes_type_Name(field->options().GetExtension(koinos::btype)), options["(btype)"]);
  } else {
    EXPECT_FALSE(field->options().HasExtension(koinos::btype));
  }
  EXPECT_EQ(options.contains("jstype"), field->options().has_jstype());
}

void check_namespace(const nlohmann::json& node, const std::string& prefix, Counts& counts) {
  if (!node.contains("nested")) return;
  for (const auto& [name, child] : node["nested"].items()) {
    const std::string full = prefix.empty() ? name : prefix + "." + name;
    if (child.contains("fields")) {
      const auto* message = DescriptorPool::generated_pool()->FindMessageTypeByName(full);
      ASSERT_NE(message, nullptr) << full;
      ++counts.messages;
      EXPECT_EQ(message->field_count(), static_cast<int>(child["fields"].size())) << full;
      for (const auto& [field_name, spec] : child["fields"].items()) {
        const auto* field = message->FindFieldByName(field_name);
        ASSERT_NE(field, nullptr) << full << "." << field_name;
        check_field(field, spec);
        ++counts.fields;
      }
      const auto oneofs = child.value("oneofs", nlohmann::json::object());  // a named copy outlives the loop
      for (const auto& [oneof_name, oneof] : oneofs.items()) {
        if (oneof_name[0] == '_') continue;  // protobufjs' synthetic oneof of a proto3 optional field
        for (const auto& member : oneof["oneof"]) {
          const auto* real = message->FindFieldByName(member.get<std::string>())->real_containing_oneof();
          ASSERT_NE(real, nullptr) << full << "." << member;
          EXPECT_EQ(real->name(), oneof_name);
        }
      }
    } else if (child.contains("values")) {
      const auto* enumeration = DescriptorPool::generated_pool()->FindEnumTypeByName(full);
      ASSERT_NE(enumeration, nullptr) << full;
      ++counts.enums;
      EXPECT_EQ(enumeration->value_count(), static_cast<int>(child["values"].size())) << full;
      for (const auto& [value_name, number] : child["values"].items()) {
        const auto* value = enumeration->FindValueByName(value_name);
        ASSERT_NE(value, nullptr) << full << "." << value_name;
        EXPECT_EQ(value->number(), number.get<int>());
      }
    }
    check_namespace(child, full, counts);
  }
}

TEST(Descriptor, EveryKoinosTypeOfTheNpmDescriptorIsGeneratedIdentically) {
  link_all_generated_types();
  auto text = util::read_file(MODCHAIN_PROTO_JS_INDEX);
  ASSERT_TRUE(text.ok()) << text.error().describe();
  const auto root = nlohmann::json::parse(*text);
  Counts counts;
  check_namespace(root["nested"]["koinos"], "koinos", counts);
  // Totals of @koinos/proto-js 2.1.0, so a converter that silently skips a namespace fails here.
  EXPECT_EQ(counts.messages, 307);
  EXPECT_EQ(counts.enums, 8);
  EXPECT_EQ(counts.fields, 569);
}

TEST(Descriptor, MakeMessageByName) {
  auto request = make_message("koinos.rpc.chain.get_head_info_request");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ((*request)->GetDescriptor()->full_name(), "koinos.rpc.chain.get_head_info_request");
  auto missing = make_message("koinos.rpc.chain.no_such_request");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, util::ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "unknown message type 'koinos.rpc.chain.no_such_request'");
}

int number_of(const std::string& message, const std::string& field) {
  const auto* descriptor = DescriptorPool::generated_pool()->FindMessageTypeByName("koinos.protocol." + message);
  if (descriptor == nullptr || descriptor->FindFieldByName(field) == nullptr) return -1;
  return descriptor->FindFieldByName(field)->number();
}

TEST(Descriptor, ConsensusFieldNumbersOfTheProtocolReference) {
  // koinos-protocol.md §2, message by message.
  EXPECT_EQ(number_of("transaction_header", "chain_id"), 1);
  EXPECT_EQ(number_of("transaction_header", "rc_limit"), 2);
  EXPECT_EQ(number_of("transaction_header", "nonce"), 3);
  EXPECT_EQ(number_of("transaction_header", "operation_merkle_root"), 4);
  EXPECT_EQ(number_of("transaction_header", "payer"), 5);
  EXPECT_EQ(number_of("transaction_header", "payee"), 6);
  EXPECT_EQ(number_of("transaction", "signatures"), 4);
  EXPECT_EQ(number_of("operation", "set_system_contract"), 4);
  EXPECT_EQ(number_of("upload_contract_operation", "authorizes_upload_contract"), 6);
  EXPECT_EQ(number_of("block_header", "previous_state_merkle_root"), 4);
  EXPECT_EQ(number_of("block_header", "signer"), 6);
  EXPECT_EQ(number_of("block_header", "approved_proposals"), 7);
  EXPECT_EQ(number_of("block", "signature"), 4);
  EXPECT_EQ(number_of("transaction_receipt", "reverted"), 9);
  EXPECT_EQ(number_of("transaction_receipt", "state_delta_entries"), 12);
  EXPECT_EQ(number_of("block_receipt", "state_merkle_root"), 6);
  EXPECT_EQ(number_of("block_receipt", "compute_bandwidth_charged"), 12);
  EXPECT_EQ(number_of("block_receipt", "state_delta_entries"), 13);
  EXPECT_EQ(number_of("event_data", "impacted"), 5);
  EXPECT_EQ(number_of("system_call_target", "system_call_bundle"), 2);
  EXPECT_EQ(number_of("state_delta_entry", "value"), 3);
  const auto* value = DescriptorPool::generated_pool()->FindFieldByName("koinos.protocol.state_delta_entry.value");
  ASSERT_NE(value, nullptr);
  EXPECT_TRUE(value->has_presence());  // proto3 optional: absent = deletion
}

}  // namespace
}  // namespace modchain::protocol
