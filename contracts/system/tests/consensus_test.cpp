// consensus / consensus_v1 (contracts/system/consensus.cpp) on the kernel tester: proof-of-authority
// rotation by time slot through the process_block_signature override (101), set_config authority and
// validation, and the historical v1 bug (a block claiming to be from the scheduled producer but signed by
// someone else is accepted by v1, rejected by v2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modchain/sdk/entry_point.hpp"
#include "system_chain.hpp"

namespace modchain::system_tests {
namespace {

namespace kp = koinos::protocol;
using kernel::testing::Tester;

constexpr uint32_t k_process_block_signature = 0xe0adbeab;
constexpr uint32_t k_get_config = 0xbc4fcdd4;
constexpr uint32_t k_set_config = 0x4ba58c89;
constexpr uint32_t k_process_block_signature_call = 101;
constexpr uint64_t k_slot_ms = 3'000;  // = TesterOptions::block_interval_ms: one producer per block
static_assert(sdk::entry_point_id("process_block_signature") == k_process_block_signature);
static_assert(sdk::entry_point_id("get_config") == k_get_config);
static_assert(sdk::entry_point_id("set_config") == k_set_config);

// What the kernel answers for a block whose process_block_signature is false
// (src/modchain/kernel/thunks_block.cpp validate_block): invalid_signature.
constexpr int32_t k_rejected_code = -202;
static_assert(static_cast<int32_t>(util::ErrorCode::invalid_signature) == k_rejected_code);

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// consensus_config{producers=1 repeated bytes, slot_ms=2 uint64}, canonical encoding.
std::string encode_config(const std::vector<std::string>& producers, uint64_t slot_ms) {
  std::string out;
  for (const auto& producer : producers) {
    out.push_back(0x0a);
    put_varint(out, producer.size());
    out += producer;
  }
  if (slot_ms != 0) {
    out.push_back(0x10);
    put_varint(out, slot_ms);
  }
  return out;
}

const crypto::PrivateKey& producer_key(size_t i) {
  static const crypto::PrivateKey keys[3] = {Tester::key("consensus producer 0"), Tester::key("consensus producer 1"),
                                             Tester::key("consensus producer 2")};
  return keys[i];
}

const crypto::PrivateKey& outsider() {
  static const crypto::PrivateKey key = Tester::key("consensus outsider");
  return key;
}

std::vector<std::string> producer_addresses() {
  return {Tester::address(producer_key(0)), Tester::address(producer_key(1)), Tester::address(producer_key(2))};
}

std::string producer_config() { return encode_config(producer_addresses(), k_slot_ms); }

// A SystemChain with `module` installed as the consensus contract.
class PoaChain {
 public:
  /// Installs `module`; with `configure`, sets the three producers (genesis key = system authority) and
  /// overrides 101.
  explicit PoaChain(const std::string& module, bool configure = true) : m_id(m_chain.install(module)) {
    if (!configure) return;
    m_set_config = m_chain.call(m_chain.tester().genesis_key(), m_id, k_set_config, producer_config());
    EXPECT_TRUE(m_set_config.ok() && !m_set_config->reverted()) << "set_config";
    override_signature();
  }

  void override_signature() { m_chain.override_call(k_process_block_signature_call, m_id, k_process_block_signature); }

  SystemChain& chain() { return m_chain; }
  const std::string& id() const { return m_id; }
  const util::Result<kp::transaction_receipt>& set_config_receipt() const { return m_set_config; }

  uint64_t next_timestamp() { return m_chain.controller().head_info()->head_block_time() + k_slot_ms; }
  /// Index of the producer scheduled for the next block.
  size_t scheduled() { return (next_timestamp() / k_slot_ms) % 3; }

  /// A block on the head signed by `key` (header.signer = its address).
  kp::block block_by(const crypto::PrivateKey& key) {
    m_chain.tester().set_block_signer(key);
    auto block = m_chain.tester().block_on(m_chain.controller().head_info()->head_topology().id(), {});
    EXPECT_TRUE(block.ok());
    return block.ok() ? *block : kp::block{};
  }

  /// A block that claims `claimed` as its signer but is signed by `key`.
  kp::block forged_block(const crypto::PrivateKey& key, const std::string& claimed) {
    kp::block block = block_by(key);
    block.mutable_header()->set_signer(claimed);
    kernel::sign_block(block, key);  // a new id (the header changed) and a signature by `key`
    return block;
  }

  /// The error code of applying `block` (0 when accepted).
  int32_t apply(const kp::block& block) {
    auto applied = m_chain.tester().push_block(block);
    return applied.ok() ? 0 : static_cast<int32_t>(applied.error().code);
  }

 private:
  SystemChain m_chain;
  std::string m_id;
  util::Result<kp::transaction_receipt> m_set_config = util::make_error(util::ErrorCode::failure, "not set");
};

TEST(Consensus, SetConfigStoresAndEmitsTheConfig) {
  PoaChain poa("consensus");
  const auto& receipt = poa.set_config_receipt();
  ASSERT_TRUE(receipt.ok());
  ASSERT_EQ(receipt->events_size(), 1);
  EXPECT_EQ(receipt->events(0).name(), "modchain.consensus.config_update");
  EXPECT_EQ(receipt->events(0).data(), producer_config());
  ASSERT_EQ(receipt->events(0).impacted_size(), 3);
  EXPECT_EQ(receipt->events(0).impacted(2), producer_addresses()[2]);
  auto stored = poa.chain().read(poa.id(), k_get_config);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, producer_config());
  EXPECT_EQ(stored->size(), 3u * 27u + 3u);  // 3 × (tag, length, 25 bytes) + slot_ms 3000 (tag + 2 bytes)
}

TEST(Consensus, SetConfigNeedsSystemAuthorityAndValidates) {
  PoaChain poa("consensus", false);
  SystemChain& chain = poa.chain();
  const auto& genesis = chain.tester().genesis_key();
  auto by_outsider = chain.call(outsider(), poa.id(), k_set_config, producer_config());
  ASSERT_TRUE(by_outsider.ok());
  EXPECT_TRUE(by_outsider->reverted());
  const std::string a = producer_addresses()[0];
  std::vector<std::string> invalid = {
      encode_config({}, k_slot_ms),                            // no producers
      encode_config({a, a}, k_slot_ms),                        // duplicate
      encode_config({a.substr(0, 24)}, k_slot_ms),             // 24-byte address
      encode_config({a + "x"}, k_slot_ms),                     // 26-byte address
      encode_config({a}, 9),                                   // slot below 10 ms
      encode_config({a}, 0),                                   // no slot
      std::string("\x0a\x30", 2) + a,                          // truncated
  };
  std::vector<std::string> many;
  for (int i = 0; i < 65; ++i) many.push_back(Tester::address(Tester::key("producer " + std::to_string(i))));
  invalid.push_back(encode_config(many, 10));  // 65 producers
  many.pop_back();
  for (size_t i = 0; i < invalid.size(); ++i) {
    auto receipt = chain.call(genesis, poa.id(), k_set_config, invalid[i]);
    ASSERT_TRUE(receipt.ok()) << i;
    EXPECT_TRUE(receipt->reverted()) << i;
  }
  auto largest = chain.call(genesis, poa.id(), k_set_config, encode_config(many, 10));
  ASSERT_TRUE(largest.ok());
  EXPECT_FALSE(largest->reverted());
  EXPECT_EQ(*chain.read(poa.id(), k_get_config), encode_config(many, 10));  // 64 producers, 10 ms
}

TEST(Consensus, NoConfigRejectsEveryBlock) {
  PoaChain poa("consensus", false);
  EXPECT_EQ(*poa.chain().read(poa.id(), k_get_config), "");
  poa.override_signature();
  EXPECT_EQ(poa.apply(poa.block_by(poa.chain().tester().genesis_key())), k_rejected_code);
  EXPECT_EQ(poa.apply(poa.block_by(producer_key(poa.scheduled()))), k_rejected_code);
}

TEST(Consensus, ScheduledProducerAcceptedOthersRejected) {
  for (const std::string module : {"consensus", "consensus_v1"}) {
    SCOPED_TRACE(module);
    PoaChain poa(module);
    const size_t now = poa.scheduled();
    const uint64_t height = poa.chain().height();
    EXPECT_EQ(poa.apply(poa.block_by(producer_key((now + 1) % 3))), k_rejected_code);
    EXPECT_EQ(poa.apply(poa.block_by(producer_key((now + 2) % 3))), k_rejected_code);
    EXPECT_EQ(poa.apply(poa.block_by(poa.chain().tester().genesis_key())), k_rejected_code);
    EXPECT_EQ(poa.apply(poa.block_by(outsider())), k_rejected_code);
    EXPECT_EQ(poa.chain().height(), height);
    EXPECT_EQ(poa.apply(poa.block_by(producer_key(now))), 0);
    EXPECT_EQ(poa.chain().height(), height + 1);
  }
}

TEST(Consensus, RotationOverSixBlocks) {
  PoaChain poa("consensus");
  const size_t first = poa.scheduled();
  const uint64_t height = poa.chain().height();
  for (size_t i = 0; i < 6; ++i) {
    const size_t expected = (first + i) % 3;
    ASSERT_EQ(poa.scheduled(), expected) << "block " << i;
    // The producer of the previous slot is no longer accepted.
    EXPECT_EQ(poa.apply(poa.block_by(producer_key((expected + 2) % 3))), k_rejected_code) << "block " << i;
    ASSERT_EQ(poa.apply(poa.block_by(producer_key(expected))), 0) << "block " << i;
  }
  EXPECT_EQ(poa.chain().height(), height + 6);
  // Transactions too, through produce_block, when the scheduled producer signs.
  poa.chain().tester().set_block_signer(producer_key(poa.scheduled()));
  auto receipt = poa.chain().call(outsider(), poa.id(), k_get_config);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_FALSE(receipt->reverted());
  EXPECT_EQ(poa.chain().height(), height + 7);
}

TEST(Consensus, OutsiderClaimingTheScheduledProducer) {
  // v1 (historical bug): the signature recovers to *a* key and the claimed signer is scheduled: accepted.
  PoaChain v1("consensus_v1");
  const size_t v1_now = v1.scheduled();
  const uint64_t v1_height = v1.chain().height();
  kp::block forged = v1.forged_block(outsider(), producer_addresses()[v1_now]);
  EXPECT_EQ(forged.header().signer(), producer_addresses()[v1_now]);
  EXPECT_EQ(v1.apply(forged), 0);
  EXPECT_EQ(v1.chain().height(), v1_height + 1);

  // v2: the recovered key's address must be header.signer: rejected.
  PoaChain v2("consensus");
  const size_t now = v2.scheduled();
  const uint64_t height = v2.chain().height();
  EXPECT_EQ(v2.apply(v2.forged_block(outsider(), producer_addresses()[now])), k_rejected_code);
  // Signed by another producer while claiming the scheduled one: also rejected.
  EXPECT_EQ(v2.apply(v2.forged_block(producer_key((now + 1) % 3), producer_addresses()[now])), k_rejected_code);
  EXPECT_EQ(v2.chain().height(), height);
  EXPECT_EQ(v2.apply(v2.block_by(producer_key(now))), 0);
}

}  // namespace
}  // namespace modchain::system_tests
