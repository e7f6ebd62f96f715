// The governance system contract on the kernel tester: proposal lifecycle at exact heights, votes from
// block headers, application as an unsigned governance transaction, thresholds, authority.
#include <gtest/gtest.h>

#include <algorithm>

#include "koinos/contracts/governance/governance.pb.h"
#include "koinos/contracts/name_service/name_service.pb.h"
#include "koinos/contracts/token/token.pb.h"
#include "modchain/kernel/state_keys.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/util/encoding.hpp"
#include "system_chain.hpp"

namespace modchain::system_tests {
namespace {

namespace kp = koinos::protocol;
namespace kc = koinos::chain;
namespace kg = koinos::contracts::governance;
using kernel::testing::Tester;

constexpr uint32_t k_submit_proposal = 0xe74b785c;
constexpr uint32_t k_get_proposal_by_id = 0xc66013ad;
constexpr uint32_t k_get_proposals = 0xd44caa11;
constexpr uint32_t k_get_proposals_by_status = 0x66206f76;
constexpr uint32_t k_block_callback = 0x531d5d4e;
constexpr uint32_t k_check_system_authority = 0xa88d06c9;
constexpr uint32_t k_get_parameters = 0x365198d3;  // entry_point_id("get_parameters")
constexpr uint32_t k_set_parameters = 0x19cb8375;  // entry_point_id("set_parameters")
// rc_override test contract (contracts/test): get_account_rc answers 12,345,678 for every account.
constexpr uint32_t k_rc_override_get_account_rc = 0x2d464aab;
constexpr uint64_t k_rc_override_value = 12'345'678;
constexpr uint64_t k_native_rc = 10'000'000;  // dev genesis max account rc

// Parameters the tests run with: review 2, vote 10, delay 2 → threshold 6 (60%) or 7 (75%) votes.
constexpr uint64_t k_review = 2, k_vote = 10, k_delay = 2;

constexpr uint64_t k_max_proposals = 32;  // default max_proposals

/// governance_parameters{review_period=1 … max_proposals=8} (contracts/system/proto/governance.proto).
std::string parameters(uint64_t review, uint64_t vote, uint64_t delay, uint64_t standard = 60, uint64_t gov = 75,
                       uint64_t min_fee = 0, uint64_t rc_limit = 1'000'000'000'000,
                       uint64_t max_proposals = k_max_proposals) {
  std::string out;
  auto varint = [&](uint32_t field, uint64_t v) {
    if (v == 0) return;
    out.push_back(static_cast<char>(field << 3));
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  };
  varint(1, review);
  varint(2, vote);
  varint(3, delay);
  varint(4, standard);
  varint(5, gov);
  varint(6, min_fee);
  varint(7, rc_limit);
  varint(8, max_proposals);
  return out;
}

/// set_parameters_arguments{value=1 governance_parameters}
std::string set_parameters_args(const std::string& params) {
  return std::string("\x0a", 1) + static_cast<char>(params.size()) + params;
}

std::string proposal_id(const std::vector<kp::operation>& ops) {
  google::protobuf::RepeatedPtrField<kp::operation> field(ops.begin(), ops.end());
  return util::to_string(protocol::operation_merkle_root(field).to_bytes());
}

std::string submit_args(const std::vector<kp::operation>& ops, std::string root, uint64_t fee = 0) {
  kg::submit_proposal_arguments args;
  for (const auto& op : ops) *args.add_operations() = op;
  args.set_operation_merkle_root(std::move(root));
  args.set_fee(fee);
  return args.SerializeAsString();
}

/// Events of one name in a block receipt (block-level and transaction-level).
std::vector<kp::event_data> events_named(const kp::block_receipt& receipt, const std::string& name) {
  std::vector<kp::event_data> out;
  for (const auto& e : receipt.events()) {
    if (e.name() == name) out.push_back(e);
  }
  for (const auto& trx : receipt.transaction_receipts()) {
    for (const auto& e : trx.events()) {
      if (e.name() == name) out.push_back(e);
    }
  }
  return out;
}

kg::proposal_status_event status_event(const kp::event_data& e) {
  kg::proposal_status_event out;
  EXPECT_TRUE(out.ParseFromString(e.data()));
  return out;
}

/// The status of the one "proposal.status" event of a block.
kg::proposal_status only_status(const kp::block_receipt& receipt) {
  auto statuses = events_named(receipt, "proposal.status");
  EXPECT_EQ(statuses.size(), 1u);
  return statuses.empty() ? kg::failed : status_event(statuses[0]).status();
}

bool has_log_containing(const kp::transaction_receipt& receipt, const std::string& text) {
  return std::any_of(receipt.logs().begin(), receipt.logs().end(),
                     [&](const std::string& log) { return log.find(text) != std::string::npos; });
}

/// pinned_targets{value=1 repeated pinned_target{contract_id=1, hash=2}} as governance stores it (space 4).
std::string pinned_targets(const std::vector<std::pair<std::string, std::string>>& pins) {
  std::string out;
  for (const auto& [contract, hash] : pins) {
    std::string pin;
    pin += '\x0a';
    pin += static_cast<char>(contract.size());
    pin += contract;
    pin += '\x12';
    pin += static_cast<char>(hash.size());
    pin += hash;
    out += '\x0a';
    out += static_cast<char>(pin.size());
    out += pin;
  }
  return out;
}

/// The message a proposal naming `contract` ends with when that contract's code changed since submission.
std::string changed_since_submission(const std::string& contract) {
  return "governance: target contract " + util::to_hex(util::as_bytes(contract)) + " changed since submission";
}

class GovernanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_gov = m_chain.install("governance");                                           // heights 1, 2
    m_chain.override_call(kc::pre_block_callback, m_gov, k_block_callback);          // 3
    // Only the three windows, as the node's installer sends them: the other fields keep their defaults.
    auto set = m_chain.call(genesis(), m_gov, k_set_parameters,                       // 4
                            set_parameters_args(parameters(k_review, k_vote, k_delay, 0, 0, 0, 0, 0)));
    ASSERT_TRUE(set.ok() && !set->reverted());
    m_chain.override_call(kc::check_system_authority, m_gov, k_check_system_authority);  // 5
    ASSERT_EQ(m_chain.height(), 5u);
  }

  const crypto::PrivateKey& genesis() { return m_chain.tester().genesis_key(); }
  Tester& tester() { return m_chain.tester(); }

  /// Submits a proposal by m_user in one block; the receipt.
  kp::transaction_receipt submit(const std::vector<kp::operation>& ops, std::string root, uint64_t fee = 0,
                                 uint64_t rc_limit = 1'000'000) {
    auto receipt = m_chain.call(m_user, m_gov, k_submit_proposal, submit_args(ops, std::move(root), fee),
                                {.rc_limit = rc_limit});
    EXPECT_TRUE(receipt.ok()) << (receipt.ok() ? "" : receipt.error().message);
    return receipt.ok() ? receipt.value() : kp::transaction_receipt{};
  }

  /// The stored record, or nullopt when there is none.
  std::optional<kg::proposal_record> record(const std::string& id) {
    kg::get_proposal_by_id_arguments args;
    args.set_proposal_id(id);
    auto bytes = m_chain.read(m_gov, k_get_proposal_by_id, args.SerializeAsString());
    EXPECT_TRUE(bytes.ok());
    kg::get_proposal_by_id_result result;
    EXPECT_TRUE(result.ParseFromString(bytes.value()));
    if (!result.has_value()) return std::nullopt;
    return result.value();
  }

  /// One empty block voting for `ids` (exactly as listed); its receipt.
  kp::block_receipt block_voting(std::vector<std::string> ids) {
    tester().set_approved_proposals(std::move(ids));
    auto receipt = tester().produce_block();
    tester().set_approved_proposals({});
    EXPECT_TRUE(receipt.ok()) << (receipt.ok() ? "" : receipt.error().message);
    return receipt.ok() ? receipt.value() : kp::block_receipt{};
  }

  /// For a proposal submitted in the last block: the review blocks, `votes` voting blocks then silent ones to
  /// the end of the vote, then the blocks up to its application; the application block's receipt.
  kp::block_receipt vote_and_apply(const std::string& id, uint64_t votes) {
    for (uint64_t i = 0; i < k_review; ++i) block_voting({});
    for (uint64_t i = 0; i < k_vote; ++i) block_voting(i < votes ? std::vector<std::string>{id} : std::vector<std::string>{});
    for (uint64_t i = 1; i < k_delay; ++i) block_voting({});
    return block_voting({});
  }

  /// The stored parameters as get_parameters answers them.
  std::string stored_parameters() {
    auto stored = m_chain.read(m_gov, k_get_parameters);
    EXPECT_TRUE(stored.ok());
    return stored.ok() ? stored.value() : std::string();
  }

  /// The rc the kernel reports for m_user in a transaction of the next block (receipt.max_payer_rc).
  uint64_t user_rc_in_next_block() {
    auto receipt = m_chain.call(m_user, m_gov, k_get_parameters);
    EXPECT_TRUE(receipt.ok());
    return receipt.ok() ? receipt->max_payer_rc() : 0;
  }

  /// The system_call_dispatch entry of `call_id` on the head (empty when not overridden).
  std::string dispatch_entry(uint32_t call_id) {
    auto value = m_chain.controller().database().head().get_object(kernel::system_space(kc::system_call_dispatch),
                                                                     util::as_bytes(kernel::be32(call_id)));
    EXPECT_TRUE(value.ok());
    return value.ok() && value.value() ? util::to_string(*value.value()) : std::string();
  }

  /// rc_override uploaded as a plain user contract; the proposal operations that make it serve 201.
  std::vector<kp::operation> rc_override_proposal() {
    const std::string rc = m_chain.upload("../test/rc_override", m_rc_key);
    return {Tester::set_system_contract(rc, true),
            Tester::set_system_call(kc::get_account_rc, rc, k_rc_override_get_account_rc)};
  }

  /// The stored object of `key` in governance's system space `space` (zone "modchain.governance"), or
  /// "" when there is none.
  std::string governance_object(uint32_t space, const std::string& key) {
    kc::object_space os;
    os.set_system(true);
    os.set_zone("modchain.governance");
    os.set_id(space);
    auto value = m_chain.controller().database().head().get_object(kernel::to_state_space(os), util::as_bytes(key));
    EXPECT_TRUE(value.ok());
    return value.ok() && value.value() ? util::to_string(*value.value()) : std::string();
  }

  /// Governance's account nonce on the head (serialized value_type).
  std::string governance_nonce() {
    kc::get_account_nonce_arguments args;
    args.set_account(m_gov);
    auto nonce = m_chain.controller().invoke_system_call(kc::get_account_nonce, args.SerializeAsString());
    EXPECT_TRUE(nonce.ok());
    kc::get_account_nonce_result result;
    EXPECT_TRUE(nonce.ok() && result.ParseFromString(nonce.value()));
    return result.value();
  }

  /// The code hash the kernel records for `contract` (contract_metadata_object.hash), "" when none.
  std::string code_hash(const std::string& contract) {
    auto meta = m_chain.controller().database().head().get_object(kernel::system_space(kc::contract_metadata),
                                                                   util::as_bytes(contract));
    EXPECT_TRUE(meta.ok());
    kc::contract_metadata_object metadata;
    if (!meta.ok() || !meta.value()) return {};
    EXPECT_TRUE(metadata.ParseFromArray(meta.value()->data(), static_cast<int>(meta.value()->size())));
    return metadata.hash();
  }

  SystemChain m_chain;
  std::string m_gov;
  crypto::PrivateKey m_user = Tester::key("governance test user");
  crypto::PrivateKey m_rc_key = Tester::key("governance test rc_override");
};

TEST_F(GovernanceTest, ProposalLifecycleAppliesAtExactHeights) {
  auto ops = rc_override_proposal();  // upload: height 6
  const std::string id = proposal_id(ops);
  EXPECT_EQ(user_rc_in_next_block(), k_native_rc);  // 7

  auto submitted = submit(ops, id);  // height 8 → vote_start 10, vote end 20, application 22
  ASSERT_FALSE(submitted.reverted());
  ASSERT_EQ(m_chain.height(), 8u);
  ASSERT_EQ(submitted.events_size(), 1);
  EXPECT_EQ(submitted.events(0).name(), "proposal.submission");
  EXPECT_EQ(status_event(submitted.events(0)).id(), id);
  EXPECT_EQ(status_event(submitted.events(0)).status(), kg::pending);
  auto rec = record(id);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->status(), kg::pending);
  EXPECT_EQ(rec->vote_start_height(), 10u);
  EXPECT_EQ(rec->vote_threshold(), 6u);  // 10 × 60 / 100
  EXPECT_FALSE(rec->updates_governance());
  EXPECT_EQ(rec->operation_merkle_root(), id);
  ASSERT_EQ(rec->operations_size(), 2);  // the operations (stored apart) come back with the record
  EXPECT_EQ(rec->operations(0).SerializeAsString(), ops[0].SerializeAsString());
  EXPECT_EQ(rec->operations(1).SerializeAsString(), ops[1].SerializeAsString());
  // Both operations name rc_override: one pin, its code hash at submission.
  const std::string rc = ops[0].set_system_contract().contract_id();
  ASSERT_EQ(code_hash(rc).size(), 34u);
  EXPECT_EQ(governance_object(4, id), pinned_targets({{rc, code_hash(rc)}}));

  // A vote in a block before the proposal is active does not count.
  block_voting({id});  // 9
  EXPECT_EQ(record(id)->status(), kg::pending);
  EXPECT_EQ(record(id)->vote_tally(), 0u);
  auto activation = block_voting({id});  // 10: votes are counted before the transition → still 0
  EXPECT_EQ(record(id)->status(), kg::active);
  EXPECT_EQ(record(id)->vote_tally(), 0u);
  EXPECT_EQ(only_status(activation), kg::active);

  // Blocks 11..20 are the vote; six of them vote (the threshold), four do not.
  for (int i = 0; i < 4; ++i) block_voting({});  // 11..14
  for (int i = 0; i < 5; ++i) {                  // 15..19
    auto voted = block_voting({id});
    auto votes = events_named(voted, "proposal.vote");
    ASSERT_EQ(votes.size(), 1u);
    kg::proposal_vote_event vote;
    ASSERT_TRUE(vote.ParseFromString(votes[0].data()));
    EXPECT_EQ(vote.vote_tally(), static_cast<uint64_t>(i + 1));
    EXPECT_EQ(vote.vote_threshold(), 6u);
  }
  EXPECT_EQ(m_chain.height(), 19u);
  EXPECT_EQ(record(id)->status(), kg::active);
  EXPECT_EQ(record(id)->vote_tally(), 5u);
  auto resolution = block_voting({id});  // 20: the sixth vote, then approved
  EXPECT_EQ(record(id)->vote_tally(), 6u);
  EXPECT_EQ(record(id)->status(), kg::approved);
  EXPECT_EQ(only_status(resolution), kg::approved);

  block_voting({id});  // 21: votes after the vote period change nothing
  EXPECT_EQ(record(id)->vote_tally(), 6u);
  EXPECT_EQ(dispatch_entry(kc::get_account_rc), "");

  auto application = block_voting({});  // 22: applied as governance's own transaction
  EXPECT_EQ(m_chain.height(), 22u);
  EXPECT_FALSE(record(id).has_value());
  auto statuses = events_named(application, "proposal.status");
  ASSERT_EQ(statuses.size(), 1u);
  EXPECT_EQ(status_event(statuses[0]).id(), id);
  EXPECT_EQ(status_event(statuses[0]).status(), kg::applied);
  ASSERT_EQ(application.transaction_receipts_size(), 1);
  const auto& applied = application.transaction_receipts(0);
  EXPECT_FALSE(applied.reverted());
  EXPECT_EQ(applied.payer(), m_gov);
  EXPECT_EQ(applied.rc_limit(), k_native_rc);  // min(proposal_rc_limit 10^12, governance's rc)
  EXPECT_EQ(applied.max_payer_rc(), k_native_rc);
  EXPECT_NE(dispatch_entry(kc::get_account_rc), "");
  EXPECT_EQ(governance_object(4, id), "");  // the pins go with the record

  // The override is read from the parent state: effective from block 23 on.
  EXPECT_EQ(user_rc_in_next_block(), k_rc_override_value);
}

TEST_F(GovernanceTest, TargetReuploadedAfterSubmissionRevertsTheProposal) {
  // rc_override was uploaded without authorizes_upload_contract: its owner's key can still replace it.
  auto ops = rc_override_proposal();  // 6
  const std::string rc = ops[0].set_system_contract().contract_id();
  const std::string id = proposal_id(ops);
  const std::string submitted_hash = code_hash(rc);
  ASSERT_FALSE(submit(ops, id).reverted());  // 7: vote_start 9, votes 10..19, approved at 19, applied at 21
  for (int h = 8; h <= 9; ++h) block_voting({});
  for (int h = 10; h <= 19; ++h) block_voting({id});
  ASSERT_EQ(record(id)->status(), kg::approved);

  // 20, in the application delay: the owner uploads other code at the approved address.
  auto reupload = m_chain.submit(m_rc_key, {Tester::upload_contract(rc, load_wasm("../test/spin"))});
  ASSERT_TRUE(reupload.ok() && !reupload->reverted());
  ASSERT_EQ(m_chain.height(), 20u);
  ASSERT_NE(code_hash(rc), submitted_hash);

  auto application = block_voting({});  // 21: nothing applied, the block is valid
  ASSERT_EQ(m_chain.height(), 21u);
  EXPECT_EQ(only_status(application), kg::reverted);
  EXPECT_EQ(application.transaction_receipts_size(), 0);
  const std::string expected = "governance: proposal " + util::to_hex(util::as_bytes(id)) + " reverted, code 1: " +
                               changed_since_submission(rc);
  ASSERT_EQ(application.logs_size(), 1);
  EXPECT_EQ(application.logs(0), expected);
  EXPECT_FALSE(record(id).has_value());
  EXPECT_EQ(governance_object(4, id), "");
  EXPECT_EQ(dispatch_entry(kc::get_account_rc), "");
  EXPECT_EQ(user_rc_in_next_block(), k_native_rc);  // 22
  // Governance's transaction never ran: its nonce is still the one of its own upload (height 1).
  EXPECT_EQ(governance_nonce(), Tester::nonce_bytes(1));
}

TEST_F(GovernanceTest, TargetsMustExistOrBeUploadedEarlierInTheProposal) {
  const std::string missing = Tester::address(m_user);  // an account, not a contract
  const std::string expected =
      "governance: target contract " + util::to_hex(util::as_bytes(missing)) +
      " does not exist and no earlier operation of the proposal uploads it";
  const std::vector<std::vector<kp::operation>> refused = {
      {Tester::set_system_contract(missing, true)},
      {Tester::call_contract(missing, k_get_parameters)},
      {Tester::set_system_call(kc::get_account_rc, missing, k_rc_override_get_account_rc)},
      // The upload comes after the operation that targets the contract.
      {Tester::set_system_contract(missing, true), Tester::upload_contract(missing, load_wasm("../test/rc_override"))},
  };
  for (const auto& ops : refused) {
    const std::string id = proposal_id(ops);
    auto receipt = submit(ops, id, 0, 10'000'000);
    EXPECT_TRUE(receipt.reverted()) << ops[0].DebugString();
    EXPECT_TRUE(has_log_containing(receipt, expected)) << (receipt.logs_size() > 0 ? receipt.logs(0) : "no log");
    EXPECT_FALSE(record(id).has_value());
  }
  // Uploaded by an earlier operation: accepted, nothing pinned for it (the code is the proposal's own).
  const std::vector<kp::operation> uploaded{Tester::upload_contract(missing, load_wasm("../test/rc_override")),
                                            Tester::set_system_contract(missing, true)};
  ASSERT_FALSE(submit(uploaded, proposal_id(uploaded), 0, 10'000'000).reverted());
  EXPECT_EQ(record(proposal_id(uploaded))->status(), kg::pending);
  EXPECT_EQ(governance_object(4, proposal_id(uploaded)), "");

  // At most 64 distinct contracts per proposal (uploads count).
  std::vector<kp::operation> many;
  for (int i = 0; i < 65; ++i) {
    many.push_back(Tester::upload_contract(Tester::address(Tester::key("pin limit " + std::to_string(i))),
                                           util::to_bytes(std::string("\0asm\1\0\0\0", 8))));
  }
  auto too_many = submit(many, proposal_id(many), 0, 10'000'000);
  EXPECT_TRUE(too_many.reverted());
  EXPECT_TRUE(has_log_containing(too_many, "governance: a proposal may name at most 64 distinct contracts"));
  many.pop_back();
  EXPECT_FALSE(submit(many, proposal_id(many), 0, 10'000'000).reverted());
}

TEST_F(GovernanceTest, UploadInsideTheProposalDoesNotTripItsPin) {
  // name_service uploaded with authorizes_upload_contract (not yet a system contract: after 110 only a
  // proposal can make it one): its authorize answers check_system_authority (governance's), so the
  // proposal may upload other code in place. The pin (set_system_contract names it first) is checked
  // against the state before the proposal runs, so the proposal's own upload does not count.
  const std::string ns = Tester::address(contract_key("name_service"));
  kp::operation install = Tester::upload_contract(ns, load_wasm("name_service"), true, true);
  install.mutable_upload_contract()->set_authorizes_upload_contract(true);
  auto installed = m_chain.submit(contract_key("name_service"), {install}, {.rc_limit = 10'000'000});  // 6
  ASSERT_TRUE(installed.ok() && !installed->reverted());
  block_voting({});  // 7
  kp::operation upload = Tester::upload_contract(ns, load_wasm("../test/rc_override"), true, true);
  upload.mutable_upload_contract()->set_authorizes_upload_contract(true);
  const std::vector<kp::operation> ops{Tester::set_system_contract(ns, true), upload,
                                       Tester::set_system_call(kc::get_account_rc, ns, k_rc_override_get_account_rc)};
  const std::string id = proposal_id(ops);
  const std::string before = code_hash(ns);
  ASSERT_FALSE(submit(ops, id, 0, 10'000'000).reverted());  // 8: applied at 22
  EXPECT_EQ(governance_object(4, id), pinned_targets({{ns, before}}));
  auto applied = vote_and_apply(id, 10);
  ASSERT_EQ(m_chain.height(), 22u);
  EXPECT_EQ(only_status(applied), kg::applied);
  ASSERT_EQ(applied.transaction_receipts_size(), 1);
  EXPECT_FALSE(applied.transaction_receipts(0).reverted());
  EXPECT_NE(code_hash(ns), before);
  EXPECT_EQ(code_hash(ns), code_hash(m_chain.upload("../test/rc_override", m_rc_key)));  // 23
  EXPECT_EQ(user_rc_in_next_block(), k_rc_override_value);  // 24
}

TEST_F(GovernanceTest, PinnedTargetCost) {
  // Same operations, same sizes: five set_system_contract naming one contract (1 pin) or five distinct
  // contracts (5 pins). The differences are 4 pins' work at submission and at application.
  std::vector<std::string> contracts;
  for (int i = 0; i < 5; ++i) {  // 6..10
    contracts.push_back(m_chain.upload("../test/rc_override", Tester::key("pin cost " + std::to_string(i))));
  }
  std::vector<kp::operation> one, five;
  for (int i = 0; i < 5; ++i) {
    one.push_back(Tester::set_system_contract(contracts[0], true));
    five.push_back(Tester::set_system_contract(contracts[i], true));
  }
  // One after the other, so that each application block reads exactly one stored record.
  auto submit_one = submit(one, proposal_id(one));  // 11
  ASSERT_FALSE(submit_one.reverted());
  auto apply_one = vote_and_apply(proposal_id(one), 10);  // 25
  auto submit_five = submit(five, proposal_id(five));     // 26
  ASSERT_FALSE(submit_five.reverted());
  auto apply_five = vote_and_apply(proposal_id(five), 10);  // 40
  ASSERT_EQ(m_chain.height(), 40u);
  EXPECT_EQ(only_status(apply_one), kg::applied);
  EXPECT_EQ(only_status(apply_five), kg::applied);
  const int64_t submit_extra = static_cast<int64_t>(submit_five.compute_bandwidth_used()) -
                               static_cast<int64_t>(submit_one.compute_bandwidth_used());
  const int64_t apply_extra = static_cast<int64_t>(apply_five.compute_bandwidth_used()) -
                              static_cast<int64_t>(apply_one.compute_bandwidth_used());
  std::printf("submission: 1 pin %llu ticks, 5 pins %llu (+%lld per pin); application block: 1 pin %llu, 5 pins "
              "%llu (+%lld per pin)\n",
              static_cast<unsigned long long>(submit_one.compute_bandwidth_used()),
              static_cast<unsigned long long>(submit_five.compute_bandwidth_used()),
              static_cast<long long>(submit_extra / 4),
              static_cast<unsigned long long>(apply_one.compute_bandwidth_used()),
              static_cast<unsigned long long>(apply_five.compute_bandwidth_used()),
              static_cast<long long>(apply_extra / 4));
  // A pin is one get_object of a ~70-byte metadata object (plus, at submission, its share of the stored
  // pins): far below 50,000 ticks; 64 pins stay below 3.2 M at application.
  EXPECT_GT(submit_extra, 0);
  EXPECT_LT(submit_extra / 4, 50'000);
  EXPECT_GT(apply_extra, 0);
  EXPECT_LT(apply_extra / 4, 50'000);
}

/// True when every state change of `receipt` is kernel metadata (head block) or governance's own zone.
::testing::AssertionResult only_governance_changes(const kp::block_receipt& receipt) {
  for (const auto& delta : receipt.state_delta_entries()) {
    const auto& space = delta.object_space();
    const bool metadata = space.system() && space.zone().empty() && space.id() == kc::metadata;
    const bool governance = space.system() && space.zone() == "modchain.governance";
    if (!metadata && !governance) {
      return ::testing::AssertionFailure() << "block " << receipt.height() << " changed zone '" << space.zone()
                                           << "' space " << space.id();
    }
  }
  return ::testing::AssertionSuccess();
}

TEST_F(GovernanceTest, TooFewVotesExpiresAndChangesNothing) {
  auto ops = rc_override_proposal();  // 6
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 7: vote_start 9, votes in 10..19, resolution at 19
  block_voting({});                          // 8
  block_voting({});                          // 9: active
  EXPECT_EQ(record(id)->status(), kg::active);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(only_governance_changes(block_voting({id})));  // 10..14
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(only_governance_changes(block_voting({})));    // 15..18
  EXPECT_EQ(record(id)->vote_tally(), 5u);
  auto resolution = block_voting({});  // 19
  ASSERT_EQ(m_chain.height(), 19u);
  EXPECT_TRUE(only_governance_changes(resolution));
  EXPECT_EQ(only_status(resolution), kg::expired);
  EXPECT_FALSE(record(id).has_value());
  for (int i = 0; i < 4; ++i) {  // 20..23: past the would-be application height 21, nothing happens
    auto later = block_voting({id});
    EXPECT_TRUE(only_governance_changes(later));
    EXPECT_EQ(later.transaction_receipts_size(), 0);
    EXPECT_EQ(later.events_size(), 0);
  }
  EXPECT_EQ(dispatch_entry(kc::get_account_rc), "");
  EXPECT_EQ(user_rc_in_next_block(), k_native_rc);
}

TEST_F(GovernanceTest, DuplicatedIdInOneHeaderCountsOnce) {
  auto ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 6: vote_start 8
  block_voting({});                          // 7
  block_voting({});                          // 8: active
  auto voted = block_voting({id, id, id});   // 9
  EXPECT_EQ(record(id)->vote_tally(), 1u);
  EXPECT_EQ(events_named(voted, "proposal.vote").size(), 1u);
  block_voting({id, std::string("junk"), id});  // 10: junk ids are ignored
  EXPECT_EQ(record(id)->vote_tally(), 2u);
}

TEST_F(GovernanceTest, GenesisKeyLosesSystemAuthority) {
  auto trx = tester().transaction(genesis(), {Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)});
  auto refused = m_chain.controller().apply_transaction(trx);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, util::ErrorCode::system_authorization_failure);
  EXPECT_EQ(static_cast<int>(refused.error().code), 101);

  // In a block: the transaction is kept, reverted, and the override is not written.
  auto block = tester().produce_block({trx});
  ASSERT_TRUE(block.ok());
  ASSERT_EQ(block->transaction_receipts_size(), 1);
  EXPECT_TRUE(block->transaction_receipts(0).reverted());
  EXPECT_TRUE(has_log_containing(block->transaction_receipts(0), "system authority required"));
  EXPECT_EQ(dispatch_entry(kc::get_account_rc), "");
}

TEST_F(GovernanceTest, SetParametersOutsideAProposalIsRefused) {
  auto refused = m_chain.call(genesis(), m_gov, k_set_parameters, set_parameters_args(parameters(1, 1, 1)));
  ASSERT_TRUE(refused.ok());
  EXPECT_TRUE(refused->reverted());
  EXPECT_TRUE(has_log_containing(*refused, "governance: set_parameters requires system authority"));
  EXPECT_EQ(stored_parameters(), set_parameters_args(parameters(k_review, k_vote, k_delay)));
}

TEST_F(GovernanceTest, SubmitRejectsBadProposals) {
  auto ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  auto other = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::consume_account_rc, kc::consume_account_rc)};
  const std::string id = proposal_id(ops);

  auto wrong_root = submit(ops, proposal_id(other));
  EXPECT_TRUE(wrong_root.reverted());
  EXPECT_TRUE(has_log_containing(wrong_root, "governance: proposal operation merkle root does not match"));
  auto empty = submit({}, proposal_id({}));
  EXPECT_TRUE(empty.reverted());
  EXPECT_TRUE(has_log_containing(empty, "governance: proposal must have one or more operations"));
  auto not_multihash = submit(ops, "not a multihash");
  EXPECT_TRUE(not_multihash.reverted());
  EXPECT_TRUE(has_log_containing(not_multihash, "governance: operation merkle root must be a sha2-256 multihash"));
  EXPECT_FALSE(record(id).has_value());

  ASSERT_FALSE(submit(ops, id).reverted());
  auto duplicate = submit(ops, id);
  EXPECT_TRUE(duplicate.reverted());
  EXPECT_TRUE(has_log_containing(duplicate, "governance: proposal exists and cannot be updated"));
  EXPECT_EQ(record(id)->vote_start_height(), 11u);  // the first submission (height 9) is kept
}

TEST_F(GovernanceTest, BlockCallbackOnlyFromTheKernel) {
  auto receipt = m_chain.call(m_user, m_gov, k_block_callback);
  ASSERT_TRUE(receipt.ok());
  EXPECT_TRUE(receipt->reverted());
  EXPECT_TRUE(has_log_containing(*receipt, "governance: block_callback must be called from the kernel"));
}

TEST_F(GovernanceTest, ProposalsTouchingGovernanceNeedTheGovernanceThreshold) {
  const std::string params = set_parameters_args(parameters(k_review, k_vote, k_delay));
  const std::vector<std::vector<kp::operation>> touching = {
      {Tester::upload_contract(m_gov, util::to_bytes(std::string("\0asm\1\0\0\0", 8)))},
      {Tester::set_system_contract(m_gov, false)},
      {Tester::call_contract(m_gov, k_set_parameters, params)},
      {Tester::set_system_call_thunk(kc::pre_block_callback, kc::pre_block_callback)},
      {Tester::set_system_call_thunk(kc::check_system_authority, kc::check_system_authority)},
      {Tester::set_system_call_thunk(kc::apply_set_system_call_operation, kc::apply_set_system_call_operation)},
      {Tester::set_system_call_thunk(kc::apply_set_system_contract_operation,
                                     kc::apply_set_system_contract_operation)},
      // A later operation decides as well.
      {Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc), Tester::set_system_contract(m_gov, true)},
  };
  for (const auto& ops : touching) {
    const std::string id = proposal_id(ops);
    ASSERT_FALSE(submit(ops, id).reverted());
    EXPECT_TRUE(record(id)->updates_governance()) << ops[0].DebugString();
    EXPECT_EQ(record(id)->vote_threshold(), 7u) << ops[0].DebugString();  // 10 × 75 / 100
  }
  // Targets must exist (they are pinned): another contract, uploaded as a user contract.
  const std::string other = m_chain.upload("../test/rc_override", m_rc_key);
  const std::vector<std::vector<kp::operation>> standard = {
      {Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)},
      {Tester::set_system_contract(other, true)},
      {Tester::call_contract(other, k_set_parameters, params)},
  };
  for (const auto& ops : standard) {
    const std::string id = proposal_id(ops);
    ASSERT_FALSE(submit(ops, id).reverted());
    EXPECT_FALSE(record(id)->updates_governance()) << ops[0].DebugString();
    EXPECT_EQ(record(id)->vote_threshold(), 6u) << ops[0].DebugString();
  }
}

TEST_F(GovernanceTest, GovernanceRemovalNeedsSeventyFivePercent) {
  // Give check_system_authority back to the native thunk: the genesis key regains system authority.
  auto ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::check_system_authority, kc::check_system_authority)};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 6
  for (int h = 7; h <= 8; ++h) block_voting({});
  for (int h = 9; h <= 18; ++h) block_voting(h <= 14 ? std::vector<std::string>{id} : std::vector<std::string>{});
  ASSERT_EQ(m_chain.height(), 18u);
  EXPECT_FALSE(record(id).has_value());  // 6 votes < 7: expired at 18 (60% would have passed)

  ASSERT_FALSE(submit(ops, id).reverted());  // 19: the id is free again; vote_start 21, end 31, apply 33
  for (int h = 20; h <= 21; ++h) block_voting({});
  for (int h = 22; h <= 31; ++h) block_voting(h <= 28 ? std::vector<std::string>{id} : std::vector<std::string>{});
  EXPECT_EQ(record(id)->status(), kg::approved);
  EXPECT_EQ(record(id)->vote_tally(), 7u);
  block_voting({});                  // 32
  auto applied = block_voting({});   // 33
  ASSERT_EQ(m_chain.height(), 33u);
  EXPECT_EQ(only_status(applied), kg::applied);

  // From block 34 the native check applies again: a genesis-signed set_system_call goes through.
  auto direct = m_chain.submit(genesis(), {Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)});
  ASSERT_TRUE(direct.ok());
  EXPECT_FALSE(direct->reverted());
  EXPECT_NE(dispatch_entry(kc::get_account_rc), "");
}

TEST_F(GovernanceTest, FailingProposalEndsRevertedAndTheBlockStaysValid) {
  // Thunk 9999 does not exist: the operation reverts (unknown_thunk) when the proposal is applied.
  auto ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, 9999)};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 6: vote_start 8, end 18, apply 20
  auto applied = vote_and_apply(id, 10);
  ASSERT_EQ(m_chain.height(), 20u);
  EXPECT_EQ(only_status(applied), kg::reverted);
  EXPECT_FALSE(record(id).has_value());
  ASSERT_EQ(applied.transaction_receipts_size(), 1);
  EXPECT_TRUE(applied.transaction_receipts(0).reverted());
  EXPECT_EQ(applied.transaction_receipts(0).payer(), m_gov);
  const bool logged = std::any_of(applied.logs().begin(), applied.logs().end(), [](const std::string& log) {
    return log.find("reverted, code 106") != std::string::npos;
  });
  EXPECT_TRUE(logged);
  EXPECT_EQ(dispatch_entry(kc::get_account_rc), "");
  // The chain goes on; governance's nonce moved from 1 (its own upload at height 1) to 2: the precheck
  // passed before the operation reverted.
  block_voting({});
  EXPECT_EQ(governance_nonce(), Tester::nonce_bytes(2));
}

TEST_F(GovernanceTest, ProposalFailingItsTransactionEndsRevertedAndTheBlockStaysValid) {
  // An upload to a new address needs that address's signature, which governance's transaction never has:
  // the kernel answers authorization_failure (-200), a failure, so the transaction leaves no receipt.
  const std::vector<kp::operation> ops{Tester::upload_contract(Tester::address(m_user), load_wasm("governance"))};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id, 0, 10'000'000).reverted());  // 6
  auto applied = vote_and_apply(id, 10);                      // 20
  ASSERT_EQ(m_chain.height(), 20u);
  EXPECT_EQ(only_status(applied), kg::reverted);
  EXPECT_EQ(applied.transaction_receipts_size(), 0);
  const bool logged = std::any_of(applied.logs().begin(), applied.logs().end(), [](const std::string& log) {
    return log.find("reverted, code -200") != std::string::npos;
  });
  EXPECT_TRUE(logged);
  EXPECT_FALSE(record(id).has_value());
  auto next = tester().produce_block();
  EXPECT_TRUE(next.ok());
}

TEST_F(GovernanceTest, ANearlySixtyFourKibProposalIsSubmittedAndApplied) {
  // The largest proposals must fit governance's 256 KiB arena at submission and when the transaction is
  // built (a failure there would fail every block). The upload to a new address then fails (-200).
  const std::vector<kp::operation> ops{
      Tester::upload_contract(Tester::address(m_user), util::Bytes(64 * 1024 - 200, 0x61))};
  const std::string id = proposal_id(ops);
  auto submitted = submit(ops, id, 0, 10'000'000);  // 6
  ASSERT_FALSE(submitted.reverted()) << (submitted.logs_size() > 0 ? submitted.logs(0) : "");
  ASSERT_EQ(record(id)->operations_size(), 1);
  EXPECT_EQ(record(id)->operations(0).upload_contract().bytecode().size(), 64u * 1024 - 200);
  auto applied = vote_and_apply(id, 10);  // 20
  ASSERT_EQ(m_chain.height(), 20u);
  EXPECT_EQ(only_status(applied), kg::reverted);
  const bool logged = std::any_of(applied.logs().begin(), applied.logs().end(), [](const std::string& log) {
    return log.find("reverted, code -200") != std::string::npos;
  });
  EXPECT_TRUE(logged);
}

TEST_F(GovernanceTest, ParametersChangeThroughAProposal) {
  auto ops = std::vector<kp::operation>{
      Tester::call_contract(m_gov, k_set_parameters, set_parameters_args(parameters(3, 4, 5, 50, 80, 0, 777)))};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 6: threshold 7 (updates governance), apply at 20
  EXPECT_EQ(only_status(vote_and_apply(id, 7)), kg::applied);
  EXPECT_FALSE(record(id).has_value());
  EXPECT_EQ(stored_parameters(), set_parameters_args(parameters(3, 4, 5, 50, 80, 0, 777)));
  // New proposals use them: vote_start = height + 3, threshold = 4 × 50 / 100.
  auto next = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  ASSERT_FALSE(submit(next, proposal_id(next)).reverted());  // 21
  EXPECT_EQ(record(proposal_id(next))->vote_start_height(), 24u);
  EXPECT_EQ(record(proposal_id(next))->vote_threshold(), 2u);
}

TEST_F(GovernanceTest, InvalidParametersAreRefused) {
  // Through a proposal (the only way after 110): the set_parameters call reverts, the proposal ends reverted.
  auto ops = std::vector<kp::operation>{
      Tester::call_contract(m_gov, k_set_parameters, set_parameters_args(parameters(3, 4, 5, 101)))};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());  // 6
  auto applied = vote_and_apply(id, 10);     // 20
  EXPECT_EQ(only_status(applied), kg::reverted);
  ASSERT_EQ(applied.transaction_receipts_size(), 1);
  EXPECT_TRUE(has_log_containing(applied.transaction_receipts(0), "governance: threshold percents must be 1..100"));
  EXPECT_EQ(stored_parameters(), set_parameters_args(parameters(k_review, k_vote, k_delay)));
}

TEST_F(GovernanceTest, ListsProposalsByKeyAndStatus) {
  auto a = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  auto b = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::consume_account_rc, kc::consume_account_rc)};
  std::string ida = proposal_id(a), idb = proposal_id(b);
  ASSERT_FALSE(submit(a, ida).reverted());  // 6: active at 8
  ASSERT_FALSE(submit(b, idb).reverted());  // 7: active at 9
  block_voting({});                         // 8
  const std::string first = std::min(ida, idb), second = std::max(ida, idb);

  auto list = [&](uint32_t entry_point, const google::protobuf::Message& args) {
    auto bytes = m_chain.read(m_gov, entry_point, args.SerializeAsString());
    EXPECT_TRUE(bytes.ok());
    kg::get_proposals_result result;
    EXPECT_TRUE(result.ParseFromString(bytes.value()));
    std::vector<std::string> ids;
    for (const auto& rec : result.value()) {
      EXPECT_EQ(rec.operations_size(), 1);
      ids.push_back(rec.operation_merkle_root());
    }
    return ids;
  };
  kg::get_proposals_arguments all;
  EXPECT_EQ(list(k_get_proposals, all), (std::vector<std::string>{first, second}));
  all.set_limit(1);
  EXPECT_EQ(list(k_get_proposals, all), (std::vector<std::string>{first}));
  all.set_start_proposal(first);
  all.set_limit(0);
  EXPECT_EQ(list(k_get_proposals, all), (std::vector<std::string>{second}));
  kg::get_proposals_by_status_arguments by_status;
  by_status.set_status(kg::active);
  EXPECT_EQ(list(k_get_proposals_by_status, by_status), (std::vector<std::string>{ida}));
  by_status.set_status(kg::pending);
  EXPECT_EQ(list(k_get_proposals_by_status, by_status), (std::vector<std::string>{idb}));
  by_status.set_status(kg::approved);
  EXPECT_EQ(list(k_get_proposals_by_status, by_status), (std::vector<std::string>{}));
}

TEST_F(GovernanceTest, MinimumFeeIsEnforced) {
  // Raise min_fee to 100 through a proposal, then submit below and at the minimum.
  auto ops = std::vector<kp::operation>{Tester::call_contract(
      m_gov, k_set_parameters, set_parameters_args(parameters(k_review, k_vote, k_delay, 60, 75, 100)))};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id).reverted());
  EXPECT_EQ(only_status(vote_and_apply(id, 10)), kg::applied);
  auto next = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  auto below = submit(next, proposal_id(next), 99);
  EXPECT_TRUE(below.reverted());
  EXPECT_TRUE(has_log_containing(below, "governance: proposal fee below the minimum fee"));
  // Without koin and name_service the burn cannot happen, so the submission reverts (FeeIsBurnedThroughKoin).
  auto at_minimum = submit(next, proposal_id(next), 100);
  EXPECT_TRUE(at_minimum.reverted());
  EXPECT_TRUE(has_log_containing(at_minimum, "governance: koin contract not found"));
  EXPECT_FALSE(record(proposal_id(next)).has_value());
}


TEST_F(GovernanceTest, GovernanceUpgradesItselfInPlace) {
  // Re-upload governance's own bytecode at its address with authorizes_call_contract switched off: the
  // upload is authorized by governance's authorize (contract_upload) because the proposal is being applied.
  kp::operation upload = Tester::upload_contract(m_gov, load_wasm("governance"), false, true);
  upload.mutable_upload_contract()->set_authorizes_upload_contract(true);
  const std::vector<kp::operation> ops{upload};
  const std::string id = proposal_id(ops);
  ASSERT_FALSE(submit(ops, id, 0, 10'000'000).reverted());  // 6: vote_start 8, end 18, apply 20
  EXPECT_TRUE(record(id)->updates_governance());
  EXPECT_EQ(record(id)->vote_threshold(), 7u);
  EXPECT_EQ(only_status(vote_and_apply(id, 7)), kg::applied);  // 20

  auto meta = m_chain.controller().database().head().get_object(kernel::system_space(kc::contract_metadata),
                                                                 util::as_bytes(m_gov));
  ASSERT_TRUE(meta.ok() && meta.value());
  kc::contract_metadata_object metadata;
  ASSERT_TRUE(metadata.ParseFromArray(meta.value()->data(), static_cast<int>(meta.value()->size())));
  EXPECT_FALSE(metadata.authorizes_call_contract());
  EXPECT_TRUE(metadata.authorizes_transaction_application());
  EXPECT_TRUE(metadata.system());
  // The upgraded governance keeps its state (fixed zone) and keeps running proposals.
  EXPECT_EQ(stored_parameters(), set_parameters_args(parameters(k_review, k_vote, k_delay)));
  auto next = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  ASSERT_FALSE(submit(next, proposal_id(next)).reverted());  // 21
  EXPECT_EQ(record(proposal_id(next))->vote_start_height(), 23u);
}

TEST_F(GovernanceTest, ProposalsAboveSixtyFourKibAreRefused) {
  const std::vector<kp::operation> ops{
      Tester::upload_contract(Tester::address(m_user), util::Bytes(64 * 1024, 0x61))};
  auto receipt = submit(ops, proposal_id(ops), 0, 10'000'000);
  EXPECT_TRUE(receipt.reverted());
  EXPECT_TRUE(has_log_containing(receipt, "governance: proposal larger than 64 KiB"));
}


/// `count` distinct proposals (call_contract to governance's get_parameters with distinct arguments: they
/// touch governance, threshold 7, and apply successfully), sorted by id.
std::vector<std::pair<std::string, std::vector<kp::operation>>> distinct_proposals(const std::string& gov,
                                                                                   uint64_t count) {
  std::vector<std::pair<std::string, std::vector<kp::operation>>> out;
  for (uint64_t i = 0; i < count; ++i) {
    std::vector<kp::operation> ops{Tester::call_contract(gov, k_get_parameters, "\x08" + std::string(1, char(i + 1)))};
    out.emplace_back(proposal_id(ops), ops);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

TEST_F(GovernanceTest, StoredProposalsAreCappedAndTransitionsSpreadOverBlocks) {
  // max_proposals (32) proposals submitted in one block (6): vote_start 8, vote end 18, application 20.
  const auto proposals = distinct_proposals(m_gov, k_max_proposals);
  std::vector<kp::transaction> trxs;
  for (const auto& [id, ops] : proposals) {
    trxs.push_back(tester().transaction(m_user, {Tester::call_contract(m_gov, k_submit_proposal, submit_args(ops, id))},
                                        {.rc_limit = 1'000'000}));
  }
  auto submitted = tester().produce_block(trxs);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  ASSERT_EQ(submitted->transaction_receipts_size(), static_cast<int>(k_max_proposals));
  for (const auto& receipt : submitted->transaction_receipts()) ASSERT_FALSE(receipt.reverted());

  // Full: the next submission reverts and stores nothing.
  auto extra_ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  const std::string extra = proposal_id(extra_ops);
  auto refused = submit(extra_ops, extra);  // 7
  EXPECT_TRUE(refused.reverted());
  EXPECT_TRUE(has_log_containing(refused, "governance: too many proposals stored (max_proposals), wait until one is resolved"));
  EXPECT_FALSE(record(extra).has_value());

  // Block 8: all 32 are due to become active; 16 transitions per block, in id order, the rest at 9.
  // The two smallest ids get every vote of their window (9..18); the others none.
  const std::vector<std::string> voted{proposals[0].first, proposals[1].first};
  auto activation = block_voting({});  // 8
  ASSERT_EQ(m_chain.height(), 8u);
  EXPECT_EQ(events_named(activation, "proposal.status").size(), 16u);
  EXPECT_EQ(record(proposals[15].first)->status(), kg::active);
  EXPECT_EQ(record(proposals[16].first)->status(), kg::pending);
  std::printf("block 8: %d proposals activated, callback block compute %llu ticks\n", 16,
              static_cast<unsigned long long>(activation.compute_bandwidth_used()));
  RecordProperty("activation_block_compute", std::to_string(activation.compute_bandwidth_used()));
  // Far below the tester's native block compute limit (100,000,000): under 2%.
  EXPECT_LT(activation.compute_bandwidth_used(), 2'000'000u);
  auto rest = block_voting(voted);  // 9: the other 16; votes of 9 count (vote_start 8 < 9 <= 18)
  EXPECT_EQ(events_named(rest, "proposal.status").size(), 16u);
  EXPECT_EQ(record(proposals[31].first)->status(), kg::active);
  for (int h = 10; h <= 17; ++h) block_voting(voted);
  auto resolution = block_voting(voted);  // 18: votes first (10 each), then 16 resolutions
  ASSERT_EQ(m_chain.height(), 18u);
  EXPECT_EQ(record(proposals[0].first)->vote_tally(), 10u);
  auto statuses = events_named(resolution, "proposal.status");
  ASSERT_EQ(statuses.size(), 16u);
  EXPECT_EQ(status_event(statuses[0]).status(), kg::approved);
  EXPECT_EQ(status_event(statuses[1]).status(), kg::approved);
  EXPECT_EQ(status_event(statuses[2]).status(), kg::expired);
  std::printf("block 18: 16 proposals resolved (14 deleted), callback block compute %llu ticks\n",
              static_cast<unsigned long long>(resolution.compute_bandwidth_used()));
  EXPECT_LT(resolution.compute_bandwidth_used(), 2'000'000u);
  EXPECT_TRUE(record(proposals[16].first).has_value());

  // Block 19: the other 16 expire; applications: one per block, at 20 then 21.
  auto rest_resolved = block_voting({});  // 19
  EXPECT_EQ(events_named(rest_resolved, "proposal.status").size(), 16u);
  EXPECT_FALSE(record(proposals[16].first).has_value());
  auto first = block_voting({});   // 20
  auto second = block_voting({});  // 21
  ASSERT_EQ(m_chain.height(), 21u);
  EXPECT_EQ(only_status(first), kg::applied);
  EXPECT_EQ(status_event(events_named(first, "proposal.status")[0]).id(), proposals[0].first);
  EXPECT_EQ(only_status(second), kg::applied);
  EXPECT_EQ(status_event(events_named(second, "proposal.status")[0]).id(), proposals[1].first);
  std::printf("blocks 20, 21: one application each, block compute %llu and %llu ticks\n",
              static_cast<unsigned long long>(first.compute_bandwidth_used()),
              static_cast<unsigned long long>(second.compute_bandwidth_used()));

  // Resolved proposals are deleted: submission works again.
  ASSERT_FALSE(submit(extra_ops, extra).reverted());  // 22
  EXPECT_EQ(record(extra)->vote_start_height(), 24u);
}

TEST_F(GovernanceTest, MaxProposalsIsAParameter) {
  // max_proposals 2 (by proposal, applied at 20); 257 is refused.
  auto ops = std::vector<kp::operation>{Tester::call_contract(
      m_gov, k_set_parameters, set_parameters_args(parameters(k_review, k_vote, k_delay, 60, 75, 0, 0, 2)))};
  ASSERT_FALSE(submit(ops, proposal_id(ops)).reverted());  // 6
  EXPECT_EQ(only_status(vote_and_apply(proposal_id(ops), 10)), kg::applied);  // 20
  EXPECT_EQ(stored_parameters(), set_parameters_args(parameters(k_review, k_vote, k_delay, 60, 75, 0,
                                                                1'000'000'000'000, 2)));
  const auto proposals = distinct_proposals(m_gov, 3);
  ASSERT_FALSE(submit(proposals[0].second, proposals[0].first).reverted());  // 21
  ASSERT_FALSE(submit(proposals[1].second, proposals[1].first).reverted());  // 22
  auto refused = submit(proposals[2].second, proposals[2].first);           // 23
  EXPECT_TRUE(refused.reverted());
  EXPECT_TRUE(has_log_containing(refused, "governance: too many proposals stored (max_proposals)"));

  auto too_big = std::vector<kp::operation>{Tester::call_contract(
      m_gov, k_set_parameters, set_parameters_args(parameters(k_review, k_vote, k_delay, 60, 75, 0, 0, 257)))};
  // Two proposals are stored (the cap): wait until they expire (vote end 33 and 34).
  while (m_chain.height() < 34) block_voting({});
  ASSERT_FALSE(submit(too_big, proposal_id(too_big)).reverted());  // 35
  auto applied = vote_and_apply(proposal_id(too_big), 10);        // 49
  EXPECT_EQ(only_status(applied), kg::reverted);
  ASSERT_EQ(applied.transaction_receipts_size(), 1);
  EXPECT_TRUE(has_log_containing(applied.transaction_receipts(0), "governance: max_proposals must be 1..256"));
}

TEST(GovernanceCompute, ProposalBurningTheBlockComputeEndsRevertedAndTheBlockIsValid) {
  // Governance with 1e12 native rc: its proposal transaction's rc_limit (10^12 at compute cost 1) exceeds
  // the block's 100,000,000 ticks, so a proposal spinning forever runs into the block limit.
  kernel::testing::TesterOptions options;
  options.genesis.max_account_resources = 1'000'000'000'000;
  SystemChain chain(options);
  const std::string gov = chain.install("governance");                       // 1, 2
  chain.override_call(kc::pre_block_callback, gov, k_block_callback);          // 3
  auto set = chain.call(chain.tester().genesis_key(), gov, k_set_parameters,   // 4
                        set_parameters_args(parameters(k_review, k_vote, k_delay, 0, 0, 0, 0, 0)));
  ASSERT_TRUE(set.ok() && !set->reverted());
  const std::string spin = chain.upload("../test/spin", Tester::key("governance spin"));  // 5
  std::vector<kp::operation> ops{Tester::call_contract(spin, 0xa5a2729f, std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10))};
  const std::string id = proposal_id(ops);
  auto submitted = chain.call(Tester::key("governance compute user"), gov, k_submit_proposal, submit_args(ops, id));
  ASSERT_TRUE(submitted.ok() && !submitted->reverted());  // 6: apply at 20
  for (int h = 7; h <= 19; ++h) {
    chain.tester().set_approved_proposals(h >= 9 ? std::vector<std::string>{id} : std::vector<std::string>{});
    ASSERT_TRUE(chain.tester().produce_block().ok()) << h;
  }
  chain.tester().set_approved_proposals({});
  auto applied = chain.tester().produce_block();  // 20
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(only_status(*applied), kg::reverted);
  // The transaction got half of the block's compute (100,000,000 / 2 at cost 1), ran out of rc and was
  // reverted (insufficient_rc, 104); the block used about that half and the chain goes on.
  ASSERT_EQ(applied->transaction_receipts_size(), 1);
  EXPECT_EQ(applied->transaction_receipts(0).rc_limit(), 50'000'000u);
  EXPECT_TRUE(applied->transaction_receipts(0).reverted());
  EXPECT_TRUE(std::any_of(applied->logs().begin(), applied->logs().end(), [](const std::string& log) {
    return log.find("reverted, code 104: insufficient rc for compute bandwidth") != std::string::npos;
  }));
  EXPECT_GT(applied->compute_bandwidth_used(), 50'000'000u);
  EXPECT_LT(applied->compute_bandwidth_used(), 51'000'000u);
  std::printf("application block: %llu ticks\n", static_cast<unsigned long long>(applied->compute_bandwidth_used()));
  EXPECT_TRUE(chain.tester().produce_block().ok());
}

TEST(GovernanceCompute, TheLargestCapKeepsTheCallbackFarBelowTheBlockLimit) {
  // max_proposals at its bound 256 (set by the genesis key before 110), review 5: 256 proposals submitted
  // in blocks 5..8 (64 each), so block 9 reads all 256 with nothing due, and from block 10 they fall due
  // (64 more per block) and 16 transitions run per block.
  SystemChain chain;
  const std::string gov = chain.install("governance");                      // 1, 2
  chain.override_call(kc::pre_block_callback, gov, k_block_callback);         // 3
  auto set = chain.call(chain.tester().genesis_key(), gov, k_set_parameters,  // 4
                        set_parameters_args(parameters(5, k_vote, k_delay, 0, 0, 0, 0, 256)));
  ASSERT_TRUE(set.ok() && !set->reverted());
  const auto user = Tester::key("governance cap user");
  const auto proposals = distinct_proposals(gov, 256);
  for (size_t block = 0; block < 4; ++block) {  // 5..8
    std::vector<kp::transaction> trxs;
    for (size_t i = block * 64; i < (block + 1) * 64; ++i) {
      const auto& [id, ops] = proposals[i];
      trxs.push_back(chain.tester().transaction(
          user, {Tester::call_contract(gov, k_submit_proposal, submit_args(ops, id))}, {.rc_limit = 10'000'000}));
    }
    auto receipt = chain.tester().produce_block(trxs);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    ASSERT_EQ(receipt->transaction_receipts_size(), 64);
    for (int i = 0; i < 64; ++i) {
      const auto& trx = receipt->transaction_receipts(i);
      ASSERT_FALSE(trx.reverted()) << (trx.logs_size() > 0 ? trx.logs(0) : "no log") << " block " << block << " at " << i;
    }
  }
  auto idle = chain.tester().produce_block();  // 9: the callback reads the 256 records, nothing is due
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(events_named(*idle, "proposal.status").size(), 0u);
  // 10: the first 64 are due (16 transitions); the submission counts 256 records and reverts.
  const std::vector<kp::operation> extra{Tester::set_system_contract(gov, true)};
  auto full = chain.call(user, gov, k_submit_proposal, submit_args(extra, proposal_id(extra)), {.rc_limit = 10'000'000});
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full->reverted());
  EXPECT_TRUE(has_log_containing(*full, "governance: too many proposals stored (max_proposals)"));
  std::printf("256 proposals stored: empty block 9 (all read, none due) %llu ticks; refused submission %llu ticks\n",
              static_cast<unsigned long long>(idle->compute_bandwidth_used()),
              static_cast<unsigned long long>(full->compute_bandwidth_used()));
  EXPECT_LT(idle->compute_bandwidth_used(), 10'000'000u);
  uint64_t most = 0;
  for (int h = 11; h <= 16; ++h) {
    auto block = chain.tester().produce_block();
    ASSERT_TRUE(block.ok()) << block.error().message;
    EXPECT_EQ(events_named(*block, "proposal.status").size(), 16u) << h;
    most = std::max<uint64_t>(most, block->compute_bandwidth_used());
  }
  std::printf("256 proposals stored: busiest block of 11..16 (16 activations each) %llu ticks\n",
              static_cast<unsigned long long>(most));
  EXPECT_LT(most, 10'000'000u);  // < 10% of the tester's 100,000,000, < 3.5% of 287,500,000
}

TEST(GovernanceFee, FeeIsBurnedFromThePayerThroughKoin) {
  namespace kt = koinos::contracts::token;
  namespace kn = koinos::contracts::name_service;
  constexpr uint32_t k_set_record = 0xe248c73a, k_get_address = 0xa61ae5e8;
  constexpr uint32_t k_mint = 0xdc6f17bb, k_balance_of = 0x5c721497, k_total_supply = 0xb0da3934;
  SystemChain chain;
  const auto& genesis = chain.tester().genesis_key();
  const auto user = Tester::key("governance fee user");
  const std::string ns = chain.install("name_service");  // 1, 2
  const std::string koin = chain.install("koin");         // 3, 4
  const std::string gov = chain.install("governance");    // 5, 6
  chain.override_call(kc::get_contract_address, ns, k_get_address);  // 7
  std::vector<kp::operation> setup;
  for (const auto& [name, address] : {std::pair{"koin", koin}, std::pair{"governance", gov}}) {
    kn::set_record_arguments record;
    record.set_name(name);
    record.set_address(address);
    setup.push_back(Tester::call_contract(ns, k_set_record, record.SerializeAsString()));
  }
  kt::mint_arguments mint;
  mint.set_to(Tester::address(user));
  mint.set_value(1'000);
  setup.push_back(Tester::call_contract(koin, k_mint, mint.SerializeAsString()));
  setup.push_back(Tester::call_contract(gov, k_set_parameters,
                                        set_parameters_args(parameters(k_review, k_vote, k_delay, 0, 0, 100, 0))));
  auto done = chain.submit(genesis, setup);  // 8
  ASSERT_TRUE(done.ok() && !done->reverted());
  chain.override_call(kc::pre_block_callback, gov, k_block_callback);                  // 9
  chain.override_call(kc::check_system_authority, gov, k_check_system_authority);      // 10

  auto balance = [&]() {
    kt::balance_of_arguments args;
    args.set_owner(Tester::address(user));
    kt::balance_of_result result;
    EXPECT_TRUE(result.ParseFromString(chain.read(koin, k_balance_of, args.SerializeAsString()).value()));
    return result.value();
  };
  auto supply = [&]() {
    kt::total_supply_result result;
    EXPECT_TRUE(result.ParseFromString(chain.read(koin, k_total_supply).value()));
    return result.value();
  };
  const uint64_t supply_before = supply();
  auto ops = std::vector<kp::operation>{Tester::set_system_call_thunk(kc::get_account_rc, kc::get_account_rc)};
  const std::string id = proposal_id(ops);
  auto below = chain.call(user, gov, k_submit_proposal, submit_args(ops, id, 99));
  ASSERT_TRUE(below.ok());
  EXPECT_TRUE(below->reverted());
  EXPECT_TRUE(has_log_containing(*below, "governance: proposal fee below the minimum fee"));
  auto too_much = chain.call(user, gov, k_submit_proposal, submit_args(ops, id, 1'001));
  ASSERT_TRUE(too_much.ok());
  EXPECT_TRUE(too_much->reverted());
  EXPECT_TRUE(has_log_containing(*too_much, "governance: could not burn the proposal fee"));
  EXPECT_EQ(balance(), 1'000u);

  auto paid = chain.call(user, gov, k_submit_proposal, submit_args(ops, id, 150));
  ASSERT_TRUE(paid.ok());
  ASSERT_FALSE(paid->reverted());
  EXPECT_EQ(balance(), 850u);
  EXPECT_EQ(supply(), supply_before - 150);
  kg::get_proposal_by_id_arguments args;
  args.set_proposal_id(id);
  kg::get_proposal_by_id_result stored;
  ASSERT_TRUE(stored.ParseFromString(chain.read(gov, k_get_proposal_by_id, args.SerializeAsString()).value()));
  EXPECT_EQ(stored.value().fee(), 150u);
  EXPECT_EQ(stored.value().status(), kg::pending);
}

}  // namespace
}  // namespace modchain::system_tests
