// Host-side tests of the contract SDK: the protobuf writer/reader, the constexpr SHA-256 behind entry
// point ids, and the typed system call wrappers against a mock host. With the protocol layer built
// (MODCHAIN_SDK_TEST_WITH_PROTO), encodings are also compared with libprotobuf's koinos-proto types.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "modchain/sdk/contract.hpp"

#ifdef MODCHAIN_SDK_TEST_WITH_PROTO
#include "koinos/chain/chain.pb.h"
#endif

namespace {

namespace sdk = modchain::sdk;
namespace pb = modchain::sdk::pb;

std::string str(sdk::Bytes b) { return std::string(reinterpret_cast<const char*>(b.data), b.size); }
sdk::Bytes bytes(const std::string& s) { return sdk::Bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

// ---- mock host ----------------------------------------------------------------------------------------

struct HostCall {
  uint32_t id;
  std::string args;
};

struct ExitCalled {
  std::string exit_arguments;
};

struct MockHost {
  std::vector<HostCall> calls;
  int32_t next_code = 0;
  std::string next_output;
  std::deque<std::pair<int32_t, std::string>> queued;  ///< answers used (in order) before next_*
};
MockHost g_host;

}  // namespace

extern "C" int32_t host_invoke_system_call(uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg,
                                           uint32_t arg_len, uint32_t* bytes_written) {
  std::string args(reinterpret_cast<const char*>(arg), arg_len);
  g_host.calls.push_back({id, args});
  if (id == sdk::syscall::k_exit) throw ExitCalled{args};  // exit never returns to the contract
  std::pair<int32_t, std::string> answer{g_host.next_code, g_host.next_output};
  if (!g_host.queued.empty()) {
    answer = g_host.queued.front();
    g_host.queued.pop_front();
  }
  if (answer.second.size() > ret_len) return sdk::error_code::k_insufficient_return_buffer;
  std::memcpy(ret, answer.second.data(), answer.second.size());
  *bytes_written = static_cast<uint32_t>(answer.second.size());
  return answer.first;
}

extern "C" int32_t host_invoke_thunk(uint32_t id, uint8_t* ret, uint32_t ret_len, const uint8_t* arg,
                                     uint32_t arg_len, uint32_t* bytes_written) {
  return host_invoke_system_call(id + 1000000, ret, ret_len, arg, arg_len, bytes_written);
}

namespace {

class SdkHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_host = MockHost{};
    m_mark = sdk::arena().mark();
  }
  void TearDown() override { sdk::arena().rewind(m_mark); }
  static void answer(int32_t code, const std::string& output) {
    g_host.next_code = code;
    g_host.next_output = output;
  }
  template <typename F>
  static std::string exit_args_of(F&& f) {
    try {
      f();
    } catch (const ExitCalled& e) {
      return e.exit_arguments;
    }
    ADD_FAILURE() << "exit was not called";
    return {};
  }

 private:
  uint32_t m_mark = 0;
};

std::string encode(void (*fill)(pb::Writer&)) {
  static uint8_t buffer[4096];
  pb::Writer w(sdk::MutableBytes{buffer, sizeof buffer});
  fill(w);
  EXPECT_TRUE(w.ok());
  return str(w.view());
}

// ---- writer -------------------------------------------------------------------------------------------

TEST(SdkWriter, VarintsAndDefaults) {
  EXPECT_EQ(encode([](pb::Writer& w) { w.uint64_field(1, 300); }), std::string("\x08\xac\x02", 3));
  EXPECT_EQ(encode([](pb::Writer& w) { w.uint64_field(1, 0); }), "");
  EXPECT_EQ(encode([](pb::Writer& w) { w.uint64_field(5, 0, true); }), std::string("\x28\x00", 2));
  EXPECT_EQ(encode([](pb::Writer& w) { w.bool_field(2, true); }), std::string("\x10\x01", 2));
  EXPECT_EQ(encode([](pb::Writer& w) { w.uint64_field(16, 1); }), std::string("\x80\x01\x01", 3));
  EXPECT_EQ(encode([](pb::Writer& w) { w.uint64_field(1, UINT64_MAX); }),
            std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11));
}

TEST(SdkWriter, NegativeInt32IsTenBytes) {
  EXPECT_EQ(encode([](pb::Writer& w) { w.int32_field(1, -1); }),
            std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11));
  EXPECT_EQ(encode([](pb::Writer& w) { w.int32_field(1, -103); }).size(), 11u);
}

TEST(SdkWriter, BytesAndRepeatedEmptyElements) {
  EXPECT_EQ(encode([](pb::Writer& w) { w.bytes_field(2, "abc"); }), std::string("\x12\x03" "abc", 5));
  EXPECT_EQ(encode([](pb::Writer& w) { w.bytes_field(2, sdk::Bytes()); }), "");
  EXPECT_EQ(encode([](pb::Writer& w) { w.bytes_field(3, sdk::Bytes(), true); }), std::string("\x1a\x00", 2));
}

TEST(SdkWriter, NestedMessagesGetCanonicalLengths) {
  // Empty present sub-message: tag + length 0.
  EXPECT_EQ(encode([](pb::Writer& w) { w.end_message(w.begin_message(1)); }), std::string("\x0a\x00", 2));
  // A 200-byte body needs a 2-byte length: the body is shifted right by one byte.
  std::string out = encode([](pb::Writer& w) {
    w.uint64_field(1, 7);
    auto m = w.begin_message(2);
    static uint8_t body[198];
    for (uint32_t i = 0; i < sizeof body; ++i) body[i] = static_cast<uint8_t>(i);
    w.bytes_field(1, sdk::Bytes(body, sizeof body));  // 0a c6 01 + 198 = 201 bytes
    w.end_message(m);
    w.uint64_field(3, 9);
  });
  ASSERT_EQ(out.size(), 2u + 1u + 2u + 201u + 2u);
  EXPECT_EQ(out.substr(0, 5), std::string("\x08\x07\x12\xc9\x01", 5));
  EXPECT_EQ(out.substr(5, 3), std::string("\x0a\xc6\x01", 3));
  EXPECT_EQ(static_cast<uint8_t>(out[8 + 197]), 197);
  EXPECT_EQ(out.substr(out.size() - 2), std::string("\x18\x09", 2));
}

TEST(SdkWriter, OverflowIsReportedNotWritten) {
  uint8_t buffer[4];
  pb::Writer w(sdk::MutableBytes{buffer, sizeof buffer});
  w.bytes_field(1, "abcdef");
  EXPECT_FALSE(w.ok());
  EXPECT_LE(w.size(), 4u);
}

// ---- reader -------------------------------------------------------------------------------------------

TEST(SdkReader, ReadsKnownFieldsAndSkipsOthers) {
  // 1: varint 150, 2: fixed64, 3: bytes "hi", 4: fixed32, 5: int32 -2
  std::string msg("\x08\x96\x01" "\x11\x01\x02\x03\x04\x05\x06\x07\x08" "\x1a\x02hi" "\x25\x01\x02\x03\x04"
                  "\x28\xfe\xff\xff\xff\xff\xff\xff\xff\xff\x01", 3 + 9 + 4 + 5 + 11);
  pb::Reader r(bytes(msg));
  uint64_t a = 0;
  std::string c;
  int32_t e = 0;
  while (r.next()) {
    switch (r.field()) {
      case 1: a = r.read_uint64(); break;
      case 3: c = str(r.read_bytes()); break;
      case 5: e = r.read_int32(); break;
      default: r.skip();
    }
  }
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(a, 150u);
  EXPECT_EQ(c, "hi");
  EXPECT_EQ(e, -2);
  EXPECT_EQ(pb::find_uint64(bytes(msg), 1), 150u);
  EXPECT_EQ(str(pb::find_bytes(bytes(msg), 3)), "hi");
  EXPECT_EQ(pb::find_uint64(bytes(msg), 9), 0u);
}

TEST(SdkReader, RejectsMalformedInput) {
  auto fails = [](const std::string& msg) {
    pb::Reader r(bytes(msg));
    while (r.next()) r.skip();
    return !r.ok();
  };
  EXPECT_TRUE(fails(std::string("\x0a\x05" "abc", 5)));        // length past the end
  EXPECT_TRUE(fails(std::string("\x08\x80", 2)));               // truncated varint
  EXPECT_TRUE(fails(std::string("\x0b", 1)));                   // wire type 3 (group)
  EXPECT_TRUE(fails(std::string("\x00\x01", 2)));               // field number 0
  EXPECT_TRUE(fails(std::string("\x11\x01\x02", 3)));           // truncated fixed64
  EXPECT_TRUE(fails(std::string(11, '\xff') + "\x01"));         // 12-byte varint key
  EXPECT_FALSE(fails(std::string("\x08\x01", 2)));
  EXPECT_FALSE(fails(""));
  // Wrong wire type for the requested read.
  const std::string varint_field("\x08\x01", 2);
  pb::Reader r(bytes(varint_field));
  ASSERT_TRUE(r.next());
  r.read_bytes();
  EXPECT_FALSE(r.ok());
}

// ---- entry points, sha256, buffers ----------------------------------------------------------------

TEST(SdkEntryPoint, Sha256Vectors) {
  constexpr auto empty = sdk::sha256("", 0);
  static_assert(empty.bytes[0] == 0xe3 && empty.bytes[31] == 0x55);
  auto abc = sdk::sha256("abc", 3);
  EXPECT_EQ(abc.bytes[0], 0xba);
  EXPECT_EQ(abc.bytes[31], 0xad);
  // Two-block message (56 bytes forces the length into a second block).
  std::string m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  auto two = sdk::sha256(m.data(), m.size());
  EXPECT_EQ(two.bytes[0], 0x24);
  EXPECT_EQ(two.bytes[1], 0x8d);
  EXPECT_EQ(two.bytes[31], 0xc1);
}

TEST(SdkEntryPoint, WellKnownIds) {
  EXPECT_EQ(sdk::entry_point_id("authorize"), 0x4a2dbd90u);
  EXPECT_EQ(sdk::entry_point_id("transfer"), 0x27f576cau);
  EXPECT_EQ(sdk::entry_points::k_process_block_signature, 0xe0adbeabu);
}

TEST(SdkBuffer, FormatsNumbersAndHex) {
  sdk::Buffer<32> b;
  b.append("code ");
  b.append_int(-103);
  b.append(" ");
  b.append_hex(sdk::Bytes(reinterpret_cast<const uint8_t*>("\x01\xab"), 2));
  EXPECT_EQ(str(b.view()), "code -103 01ab");
  sdk::Buffer<3> small;
  EXPECT_FALSE(small.append("abcd"));
  EXPECT_EQ(str(small.view()), "abc");
}

TEST(SdkArena, AlignsExhaustsClampsAndRewinds) {
  alignas(8) static uint8_t storage[64];
  sdk::Arena a(sdk::MutableBytes{storage, sizeof storage});
  sdk::MutableBytes x = a.allocate(3);
  sdk::MutableBytes y = a.allocate(8);
  EXPECT_EQ(x.data, storage);
  EXPECT_EQ(y.data, storage + 8);  // 8-byte aligned
  EXPECT_EQ(a.allocate(100).size, 0u);  // exhausted: empty view, nothing allocated
  uint32_t mark = a.mark();
  EXPECT_EQ(mark, 16u);
  EXPECT_EQ(a.free_space().size, 48u);
  a.commit(1000);  // clamped to the free space
  EXPECT_EQ(a.remaining(), 0u);
  a.rewind(mark);
  EXPECT_EQ(a.remaining(), 48u);
  uint32_t outer = sdk::arena().mark();
  {
    sdk::ArenaScope scope;  // the global arena
    sdk::arena().allocate(10);
    EXPECT_GT(sdk::arena().mark(), outer);
  }
  EXPECT_EQ(sdk::arena().mark(), outer);
}

// ---- system call wrappers against the mock host ------------------------------------------------------

TEST_F(SdkHostTest, GetArgumentsDecodesArgumentData) {
  // get_arguments_result{value=argument_data{entry_point=0x4a2dbd90, arguments="xy"}}
  answer(0, std::string("\x0a\x0a\x08\x90\xfb\xb6\xd1\x04\x12\x02xy", 12));
  sdk::Arguments a = sdk::get_arguments();
  EXPECT_EQ(a.entry_point, 0x4a2dbd90u);
  EXPECT_EQ(str(a.args), "xy");
  ASSERT_EQ(g_host.calls.size(), 1u);
  EXPECT_EQ(g_host.calls[0].id, 603u);
  EXPECT_EQ(g_host.calls[0].args, "");
}

TEST_F(SdkHostTest, ExitEncodings) {
  EXPECT_EQ(exit_args_of([] { sdk::exit_success("ok"); }), std::string("\x12\x04\x0a\x02ok", 6));
  EXPECT_EQ(exit_args_of([] { sdk::exit_success(); }), std::string("\x12\x02\x0a\x00", 4));
  EXPECT_EQ(exit_args_of([] { sdk::exit_reversion("no"); }), std::string("\x08\x01\x12\x06\x12\x04\x0a\x02no", 10));
  std::string failure = exit_args_of([] { sdk::exit_failure("bad", -200); });
  EXPECT_EQ(failure.substr(0, 11), std::string("\x08\xb8\xfe\xff\xff\xff\xff\xff\xff\xff\x01", 11));
  EXPECT_EQ(failure.substr(11), std::string("\x12\x07\x12\x05\x0a\x03" "bad", 9));
}

TEST_F(SdkHostTest, PutAndGetObject) {
  sdk::ObjectSpace space{false, "zone", 2};
  answer(0, "");
  EXPECT_EQ(sdk::put_object(space, "k", "v"), 0);
  EXPECT_EQ(g_host.calls.back().id, 301u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x08\x12\x04zone\x18\x02\x12\x01k\x1a\x01v", 16));

  // get_object_result{value=database_object{exists=true, value="val"}}
  answer(0, std::string("\x0a\x07\x08\x01\x12\x03val", 9));
  auto r = sdk::get_object(space, "k");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value.exists);
  EXPECT_EQ(str(r.value.value), "val");
  EXPECT_EQ(g_host.calls.back().id, 303u);

  // A failure comes back with error_data{message}.
  answer(-1, std::string("\x0a\x04oops", 6));
  auto failed = sdk::get_next_object(space, "k");
  EXPECT_EQ(failed.code, -1);
  EXPECT_EQ(str(failed.message), "oops");
  EXPECT_FALSE(failed.value.exists);
}

TEST_F(SdkHostTest, EventWithImpacted) {
  answer(0, "");
  sdk::Bytes impacted[] = {"a1", sdk::Bytes()};
  EXPECT_EQ(sdk::event("ev", "d", impacted, 2), 0);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x02" "ev" "\x12\x01" "d" "\x1a\x02" "a1" "\x1a\x00", 13));
}

TEST_F(SdkHostTest, CallAndCheckAuthority) {
  answer(0, std::string("\x0a\x03res", 5));
  auto r = sdk::call("cid", 7, "args");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(str(r.value), "res");
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x03" "cid" "\x10\x07" "\x1a\x04" "args", 13));

  answer(0, std::string("\x08\x01", 2));
  auto auth = sdk::check_authority("acct", "", sdk::AuthorizationType::transaction_application);
  ASSERT_TRUE(auth.ok());
  EXPECT_TRUE(auth.value);
  EXPECT_EQ(g_host.calls.back().id, 606u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x08\x01\x12\x04" "acct", 8));
}

TEST_F(SdkHostTest, DispatchRunsTheMatchingHandlerOrReverts) {
  static std::string seen;
  seen.clear();
  static constexpr sdk::Method methods[] = {
      {sdk::entry_point_id("a"), [](sdk::Bytes args) { seen = "a:" + str(args); }},
      {sdk::entry_point_id("b"), [](sdk::Bytes) { seen = "b"; }},
  };
  pb::Writer w(sdk::arena().free_space());
  auto m = w.begin_message(1);
  w.uint64_field(1, sdk::entry_point_id("a"));
  w.bytes_field(2, "zz");
  w.end_message(m);
  answer(0, str(w.view()));
  sdk::dispatch(methods);
  EXPECT_EQ(seen, "a:zz");

  answer(0, std::string("\x0a\x02\x08\x05", 4));  // entry point 5: unknown
  std::string exit = exit_args_of([] { sdk::dispatch(methods); });
  EXPECT_EQ(exit, std::string("\x08\x01\x12\x17\x12\x15\x0a\x13unknown entry point", 27));
}

// ---- math ---------------------------------------------------------------------------------------------

using u128 = unsigned __int128;  // host-only reference; the SDK itself must not use it (no compiler-rt)

std::vector<uint64_t> interesting_u64() {
  std::vector<uint64_t> v = {0, 1, 2, 3, 7, 10, 255, 256, 1000, 0xffffffffull, 0x100000000ull, 0x100000001ull,
                             0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
                             UINT64_MAX - 1, UINT64_MAX, 100000000ull, 2100000000000000ull,
                             0x123456789abcdefull, 0xfedcba9876543210ull};
  uint64_t x = 0x9e3779b97f4a7c15ull;  // xorshift: deterministic pseudo-random values of every magnitude
  for (int i = 0; i < 60; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    v.push_back(x >> (i % 64));
  }
  return v;
}

TEST(SdkMath, MulU64MatchesInt128) {
  for (uint64_t a : interesting_u64()) {
    for (uint64_t b : interesting_u64()) {
      u128 ref = static_cast<u128>(a) * b;
      sdk::U128 got = sdk::mul_u64(a, b);
      ASSERT_EQ(got.lo, static_cast<uint64_t>(ref)) << a << " * " << b;
      ASSERT_EQ(got.hi, static_cast<uint64_t>(ref >> 64)) << a << " * " << b;
      ASSERT_EQ(sdk::mul_overflows(a, b), (ref >> 64) != 0);
    }
  }
  static_assert(sdk::mul_u64(UINT64_MAX, UINT64_MAX) == sdk::U128{UINT64_MAX - 1, 1});
}

TEST(SdkMath, MulDivMatchesInt128) {
  auto values = interesting_u64();
  uint64_t checked = 0, overflowed = 0;
  for (uint64_t a : values) {
    for (uint64_t b : values) {
      for (uint64_t c : values) {
        bool overflow = false;
        uint64_t got = sdk::mul_div(a, b, c, &overflow);
        if (c == 0) {
          ASSERT_TRUE(overflow);
          ASSERT_EQ(got, 0u);
          continue;
        }
        u128 ref = static_cast<u128>(a) * b / c;
        bool ref_overflow = (ref >> 64) != 0;
        ASSERT_EQ(overflow, ref_overflow) << a << " * " << b << " / " << c;
        ASSERT_EQ(got, ref_overflow ? 0u : static_cast<uint64_t>(ref)) << a << " * " << b << " / " << c;
        ++checked;
        overflowed += ref_overflow ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(checked, 81u * 81u * 80u);  // 81 values, one of them 0 as divisor
  EXPECT_GT(overflowed, 0u);
  EXPECT_LT(overflowed, checked);
}

TEST(SdkMath, MulDivEdgeCases) {
  bool overflow = true;
  EXPECT_EQ(sdk::mul_div(UINT64_MAX, UINT64_MAX, UINT64_MAX, &overflow), UINT64_MAX);
  EXPECT_FALSE(overflow);
  EXPECT_EQ(sdk::mul_div(UINT64_MAX, 2, 2, &overflow), UINT64_MAX);
  EXPECT_FALSE(overflow);
  EXPECT_EQ(sdk::mul_div(UINT64_MAX, 2, 1, &overflow), 0u);
  EXPECT_TRUE(overflow);
  EXPECT_EQ(sdk::mul_div(5, 7, 0, &overflow), 0u);
  EXPECT_TRUE(overflow);
  EXPECT_EQ(sdk::mul_div(0, UINT64_MAX, 1, &overflow), 0u);
  EXPECT_FALSE(overflow);
  EXPECT_EQ(sdk::mul_div(7, 3, 2), 10u);  // floor
  // 2^64 / 2^63 * ... : 0x8000000000000000 * 4 / 2 = 2^64 -> overflow by exactly one.
  EXPECT_EQ(sdk::mul_div(0x8000000000000000ull, 4, 2, &overflow), 0u);
  EXPECT_TRUE(overflow);
  uint64_t rem = 0;
  EXPECT_EQ(sdk::div_u128(sdk::U128{1, 5}, 3, &overflow, &rem), 6148914691236517207ull);  // (2^64 + 5) / 3
  EXPECT_EQ(rem, 0u);
  static_assert(sdk::mul_div(1000000, 3, 7) == 428571);
}

TEST(SdkMath, AddOverflows) {
  EXPECT_FALSE(sdk::add_overflows(0, UINT64_MAX));
  EXPECT_FALSE(sdk::add_overflows(UINT64_MAX - 5, 5));
  EXPECT_TRUE(sdk::add_overflows(UINT64_MAX - 5, 6));
  EXPECT_TRUE(sdk::add_overflows(UINT64_MAX, UINT64_MAX));
  EXPECT_FALSE(sdk::add_overflows(0, 0));
}

TEST(SdkBytes, BytesEqual) {
  EXPECT_TRUE(sdk::bytes_equal("abc", "abc"));
  EXPECT_FALSE(sdk::bytes_equal("abc", "abd"));
  EXPECT_FALSE(sdk::bytes_equal("abc", "ab"));
  EXPECT_TRUE(sdk::bytes_equal(sdk::Bytes(), ""));
}

// ---- names, addresses, chain getters, authority --------------------------------------------------

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::string hex(sdk::Bytes b) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint32_t i = 0; i < b.size; ++i) {
    out.push_back(digits[b[i] >> 4]);
    out.push_back(digits[b[i] & 15]);
  }
  return out;
}

TEST_F(SdkHostTest, GetContractAddress) {
  // get_address_result{value=address_record{address="A25"}}
  answer(0, std::string("\x0a\x05\x0a\x03" "A25", 7));
  auto r = sdk::get_contract_address("koin");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(str(r.value), "A25");
  EXPECT_EQ(g_host.calls.back().id, 10001u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "koin", 6));

  answer(0, std::string("\x0a\x00", 2));  // empty record: not found
  auto missing = sdk::get_contract_address("nope");
  EXPECT_EQ(missing.code, sdk::error_code::k_failure);
  EXPECT_EQ(str(missing.message), "sdk: no address for this name");

  answer(sdk::error_code::k_unknown_thunk, std::string("\x0a\x0bnot enabled", 13));  // no override installed
  auto off = sdk::get_contract_address("koin");
  EXPECT_EQ(off.code, 106);
  EXPECT_EQ(str(off.message), "not enabled");
}

TEST_F(SdkHostTest, GetContractName) {
  answer(0, std::string("\x0a\x06\x0a\x04" "koin", 8));
  auto r = sdk::get_contract_name("addr");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(str(r.value), "koin");
  EXPECT_EQ(g_host.calls.back().id, 10000u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "addr", 6));
  answer(0, "");
  EXPECT_EQ(sdk::get_contract_name("addr").code, -1);
}

TEST_F(SdkHostTest, AddressFromPublicKeyMatchesKnownPair) {
  // Key and address from src/modchain/crypto/base58check_test.cpp (1PJNsQFiajeVfSN4smiC6JKVNUwc3doDMC);
  // the mock answers the four hash calls with the real digests as binary multihashes.
  const std::string key = unhex("02f358619e1534a806a52702c97ba0967be1948811b7c037cf1f160d30eac33d1a");
  const std::string sha_key = unhex("fdd6505127b2fcd45606a49403dfc978a2b975b94514a0487279a46d6b40b9aa");
  const std::string ripemd = unhex("f49c1809d3a55b2d42410e13c88e632dd9f331d0");
  const std::string sha_addr = unhex("2bbde2ecd733454ed00f8c27962892961c2759030bc377be2dc13c6157844110");
  const std::string sha_sha = unhex("6d32b5b302d9b2561ab5b02291898f9f89a9f9f5195c2b325d73950c7a8b10ee");
  auto result_of = [](const std::string& multihash) { return "\x0a" + std::string(1, char(multihash.size())) + multihash; };
  g_host.queued = {{0, result_of("\x12\x20" + sha_key)},
                   {0, result_of(std::string("\xd3\x20\x14", 3) + ripemd)},
                   {0, result_of("\x12\x20" + sha_addr)},
                   {0, result_of("\x12\x20" + sha_sha)}};
  auto r = sdk::address_from_public_key(bytes(key));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(hex(r.value), "00f49c1809d3a55b2d42410e13c88e632dd9f331d06d32b5b3");
  ASSERT_EQ(g_host.calls.size(), 4u);
  // hash_arguments{code=1, obj=2}: sha256(key), ripemd160(digest), sha256(0x00 ‖ ripemd), sha256(that).
  EXPECT_EQ(g_host.calls[0].args, std::string("\x08\x12\x12\x21", 4) + key);
  EXPECT_EQ(g_host.calls[1].args, std::string("\x08\xd3\x20\x12\x20", 5) + sha_key);
  EXPECT_EQ(g_host.calls[2].args, std::string("\x08\x12\x12\x15\x00", 5) + ripemd);
  EXPECT_EQ(g_host.calls[3].args, std::string("\x08\x12\x12\x20", 4) + sha_addr);

  EXPECT_EQ(sdk::address_from_public_key("short").code, -1);
  g_host.queued = {{sdk::error_code::k_unknown_hash_code, std::string("\x0a\x01x", 3)}};
  auto failed = sdk::address_from_public_key(bytes(key));
  EXPECT_EQ(failed.code, -101);
  EXPECT_EQ(str(failed.message), "x");
}

TEST_F(SdkHostTest, ApplyTransactionWrapsTheSerializedTransaction) {
  answer(0, "");
  auto r = sdk::apply_transaction("TRX");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(g_host.calls.back().id, 3u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x03" "TRX", 5));
  answer(sdk::error_code::k_insufficient_privileges, std::string("\x0a\x02no", 4));
  EXPECT_EQ(sdk::apply_transaction("TRX").code, 103);
}

TEST_F(SdkHostTest, GetBlockTransactionOperationAnswerTheSerializedValue) {
  answer(0, std::string("\x0a\x03" "BLK", 5));
  EXPECT_EQ(str(sdk::get_block().value), "BLK");
  EXPECT_EQ(g_host.calls.back().id, 104u);
  EXPECT_EQ(g_host.calls.back().args, "");
  answer(0, std::string("\x0a\x03" "TRX", 5));
  EXPECT_EQ(str(sdk::get_transaction().value), "TRX");
  EXPECT_EQ(g_host.calls.back().id, 102u);
  answer(0, std::string("\x0a\x02" "OP", 4));
  EXPECT_EQ(str(sdk::get_operation().value), "OP");
  EXPECT_EQ(g_host.calls.back().id, 111u);
  answer(sdk::error_code::k_operation_not_found, std::string("\x0a\x01m", 3));
  auto none = sdk::get_operation();
  EXPECT_EQ(none.code, -104);
  EXPECT_TRUE(none.value.empty());
}

TEST_F(SdkHostTest, VerifyMerkleRoot) {
  answer(0, std::string("\x08\x01", 2));
  sdk::Bytes leaves[] = {"h1", sdk::Bytes(), "h3"};
  auto r = sdk::verify_merkle_root("root", leaves, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  EXPECT_EQ(g_host.calls.back().id, 503u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "root" "\x12\x02" "h1" "\x12\x00" "\x12\x02" "h3", 16));
  answer(0, "");
  EXPECT_FALSE(sdk::verify_merkle_root("root", leaves, 0).value);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "root", 6));
}

TEST_F(SdkHostTest, RequireAuthority) {
  answer(0, std::string("\x08\x01", 2));
  sdk::require_authority("acct");  // authorized: returns
  EXPECT_EQ(g_host.calls.back().id, 606u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x12\x04" "acct", 6));  // contract_call (0) omitted
  answer(0, "");  // false
  EXPECT_EQ(exit_args_of([] { sdk::require_authority("acct"); }),
            std::string("\x08\x01\x12\x20\x12\x1e\x0a\x1c" "account authorization failed", 36));
  answer(sdk::error_code::k_authorization_failure, "");  // a host error is no authority either
  EXPECT_FALSE(sdk::has_authority("acct"));
}

TEST_F(SdkHostTest, RequireSystemAuthority) {
  answer(0, std::string("\x08\x01", 2));
  sdk::require_system_authority();
  EXPECT_EQ(g_host.calls.back().id, 110u);
  EXPECT_EQ(g_host.calls.back().args, "");
  answer(0, std::string("\x08\x00", 2));
  EXPECT_EQ(exit_args_of([] { sdk::require_system_authority("nope"); }),
            std::string("\x08\x01\x12\x08\x12\x06\x0a\x04nope", 12));
}

TEST_F(SdkHostTest, CallerIsKernel) {
  answer(0, std::string("\x0a\x03\x0a\x01" "c", 5));  // caller "c", privilege kernel (0, omitted)
  EXPECT_TRUE(sdk::caller_is_kernel());
  EXPECT_EQ(g_host.calls.back().id, 605u);
  answer(0, std::string("\x0a\x05\x0a\x01" "c\x10\x01", 7));  // user_mode
  EXPECT_FALSE(sdk::caller_is_kernel());
  EXPECT_EQ(exit_args_of([] { sdk::require_kernel_caller(); }),
            std::string("\x08\x01\x12\x18\x12\x16\x0a\x14kernel mode required", 28));
}

TEST_F(SdkHostTest, VerifyAccountNonceAndNonceValue) {
  answer(0, std::string("\x08\x01", 2));
  sdk::Bytes nonce = sdk::value_type::encode_uint64(3);
  EXPECT_EQ(str(nonce), std::string("\x28\x03", 2));
  EXPECT_EQ(str(sdk::value_type::encode_uint64(0)), std::string("\x28\x00", 2));
  auto r = sdk::verify_account_nonce("acct", nonce);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  EXPECT_EQ(g_host.calls.back().id, 108u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "acct" "\x12\x02\x28\x03", 10));
  answer(sdk::error_code::k_invalid_nonce, std::string("\x0a\x01n", 3));
  EXPECT_EQ(sdk::verify_account_nonce("acct", "junk").code, -201);

  answer(0, std::string("\x0a\x03\x28\xac\x02", 5));  // get_account_nonce_result{value=value_type{uint64 300}}
  auto n = sdk::get_account_nonce_value("acct");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value, 300u);
  EXPECT_EQ(g_host.calls.back().id, 107u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x04" "acct", 6));
}

TEST_F(SdkHostTest, GetResourceLimitsDecodesEveryField) {
  // get_resource_limits_result{value=resource_limit_data{409600, 10, 1048576, 5, 28750000, 1}}
  std::string data("\x08\x80\x80\x19" "\x10\x0a" "\x18\x80\x80\x40" "\x20\x05" "\x28\xb0\xe1\xda\x0d" "\x30\x01", 19);
  answer(0, "\x0a" + std::string(1, char(data.size())) + data);
  auto r = sdk::get_resource_limits();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, (sdk::ResourceLimits{409600, 10, 1048576, 5, 28750000, 1}));
  EXPECT_EQ(g_host.calls.back().id, 203u);
  EXPECT_EQ(g_host.calls.back().args, "");
  // The encoder writes the same bytes back, as a sub-message.
  std::string encoded = str(sdk::encode_message(
      [&](pb::Writer& w) { sdk::encode_resource_limits(w, 1, r.value); }));
  EXPECT_EQ(encoded, "\x0a" + std::string(1, char(data.size())) + data);
  EXPECT_EQ(str(sdk::encode_message([](pb::Writer& w) { sdk::encode_resource_limits(w, 1, {}); })),
            std::string("\x0a\x00", 2));
}

TEST_F(SdkHostTest, ConsumeBlockResources) {
  answer(0, std::string("\x08\x01", 2));
  auto r = sdk::consume_block_resources(100, 0, 300);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  EXPECT_EQ(g_host.calls.back().id, 204u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x08\x64\x18\xac\x02", 5));
  answer(0, "");
  EXPECT_FALSE(sdk::consume_block_resources(1, 1, 1).value);
}

TEST_F(SdkHostTest, VerifyVrfProof) {
  answer(0, std::string("\x08\x01", 2));
  auto r = sdk::verify_vrf_proof("pk", "proof", "h", "msg");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  EXPECT_EQ(g_host.calls.back().id, 505u);
  EXPECT_EQ(g_host.calls.back().args,
            std::string("\x12\x02" "pk" "\x1a\x05" "proof" "\x22\x01" "h" "\x2a\x03" "msg", 19));
}

TEST_F(SdkHostTest, GetContractMetadata) {
  // value=contract_metadata_object{hash="HH", system=true, authorizes_call_contract=false,
  // authorizes_transaction_application=true, authorizes_upload_contract=true}
  answer(0, std::string("\x0a\x0a\x0a\x02HH\x10\x01\x20\x01\x28\x01", 12));
  auto r = sdk::get_contract_metadata("cid");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(str(r.value.hash), "HH");
  EXPECT_TRUE(r.value.system);
  EXPECT_FALSE(r.value.authorizes_call_contract);
  EXPECT_TRUE(r.value.authorizes_transaction_application);
  EXPECT_TRUE(r.value.authorizes_upload_contract);
  EXPECT_EQ(g_host.calls.back().id, 112u);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x0a\x03" "cid", 5));
  answer(sdk::error_code::k_unknown_thunk, std::string("\x0a\x01x", 3));
  auto off = sdk::get_contract_metadata("cid");
  EXPECT_EQ(off.code, 106);
  EXPECT_TRUE(off.value.hash.empty());
}

TEST_F(SdkHostTest, ProcessBlockSignatureAndItsArguments) {
  answer(0, std::string("\x08\x01", 2));
  auto r = sdk::process_block_signature("dg", "hdr", "sig");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  EXPECT_EQ(g_host.calls.back().id, 101u);
  const std::string args("\x0a\x02" "dg" "\x12\x03" "hdr" "\x1a\x03" "sig", 14);
  EXPECT_EQ(g_host.calls.back().args, args);
  sdk::BlockSignatureArguments decoded = sdk::decode_block_signature_arguments(bytes(args));
  EXPECT_EQ(str(decoded.digest), "dg");
  EXPECT_EQ(str(decoded.header), "hdr");
  EXPECT_EQ(str(decoded.signature), "sig");
}

TEST_F(SdkHostTest, KernelApplyCallsWrapTheSerializedMessage) {
  answer(0, "");
  EXPECT_EQ(sdk::apply_block("B"), 0);
  EXPECT_EQ(sdk::apply_upload_contract_operation("U"), 0);
  EXPECT_EQ(sdk::apply_call_contract_operation("C"), 0);
  EXPECT_EQ(sdk::apply_set_system_call_operation("S"), 0);
  EXPECT_EQ(sdk::apply_set_system_contract_operation(sdk::Bytes()), 0);
  ASSERT_EQ(g_host.calls.size(), 5u);
  const uint32_t ids[] = {2, 4, 5, 6, 7};
  const std::string args[] = {"\x0a\x01" "B", "\x0a\x01" "U", "\x0a\x01" "C", "\x0a\x01" "S",
                              std::string("\x0a\x00", 2)};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(g_host.calls[i].id, ids[i]);
    EXPECT_EQ(g_host.calls[i].args, args[i]);
  }
  answer(sdk::error_code::k_insufficient_privileges, "");
  EXPECT_EQ(sdk::apply_block("B"), 103);
}

TEST_F(SdkHostTest, CallbacksAndNop) {
  answer(0, "");
  EXPECT_EQ(sdk::pre_block_callback(), 0);
  EXPECT_EQ(sdk::post_block_callback(), 0);
  EXPECT_EQ(sdk::pre_transaction_callback(), 0);
  EXPECT_EQ(sdk::post_transaction_callback(), 0);
  answer(sdk::error_code::k_unknown_thunk, "");
  EXPECT_EQ(sdk::nop(), 106);
  ASSERT_EQ(g_host.calls.size(), 5u);
  const uint32_t ids[] = {8, 9, 10, 11, 0};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(g_host.calls[i].id, ids[i]);
    EXPECT_EQ(g_host.calls[i].args, "");
  }
}

TEST_F(SdkHostTest, ExitHelpersEncodeTypedResults) {
  // exit_arguments{res=result{object=<message>}}
  EXPECT_EQ(exit_args_of([] { sdk::exit_bool(true); }), std::string("\x12\x04\x0a\x02\x08\x01", 6));
  EXPECT_EQ(exit_args_of([] { sdk::exit_bool(false); }), std::string("\x12\x02\x0a\x00", 4));
  EXPECT_EQ(exit_args_of([] { sdk::exit_uint64(300); }), std::string("\x12\x05\x0a\x03\x08\xac\x02", 7));
  EXPECT_EQ(exit_args_of([] { sdk::exit_value_bytes("ab"); }), std::string("\x12\x06\x0a\x04\x0a\x02" "ab", 8));
  EXPECT_EQ(exit_args_of([] {
              sdk::exit_result([](pb::Writer& w) {
                w.string_field(1, "x");
                w.uint64_field(2, 1);
              });
            }),
            std::string("\x12\x07\x0a\x05\x0a\x01x\x10\x01", 9));
}

TEST_F(SdkHostTest, EmitEventEncodesTheTypedMessage) {
  answer(0, "");
  sdk::Bytes impacted[] = {"to", "from"};
  EXPECT_EQ(sdk::emit_event("t.ev",
                            [](pb::Writer& w) {
                              w.bytes_field(1, "from");
                              w.uint64_field(3, 5);
                            },
                            impacted, 2),
            0);
  EXPECT_EQ(g_host.calls.back().id, 402u);
  EXPECT_EQ(g_host.calls.back().args,
            std::string("\x0a\x04" "t.ev" "\x12\x08\x0a\x04" "from\x18\x05" "\x1a\x02" "to" "\x1a\x04" "from", 26));
}

TEST_F(SdkHostTest, DecodeAuthorizeArguments) {
  // authorize_arguments{type=contract_call(0), call=call_data{contract_id="c", entry_point=0x27f576ca,
  // caller="k", data="d"}}
  const std::string args("\x12\x0f\x0a\x01" "c" "\x10\xca\xed\xd5\xbf\x02" "\x1a\x01" "k" "\x22\x01" "d", 17);
  sdk::AuthorizeArguments a = sdk::decode_authorize_arguments(bytes(args));
  EXPECT_EQ(a.type, sdk::AuthorizationType::contract_call);
  EXPECT_EQ(str(a.contract_id), "c");
  EXPECT_EQ(a.entry_point, 0x27f576cau);
  EXPECT_EQ(str(a.caller), "k");
  EXPECT_EQ(str(a.data), "d");
  sdk::AuthorizeArguments t = sdk::decode_authorize_arguments(bytes(std::string("\x08\x01", 2)));
  EXPECT_EQ(t.type, sdk::AuthorizationType::transaction_application);
  EXPECT_TRUE(t.contract_id.empty());
}

TEST_F(SdkHostTest, RequireAuthorityWithAnotherType) {
  answer(0, std::string("\x08\x01", 2));
  sdk::require_authority("acct", "m", sdk::AuthorizationType::contract_upload);
  EXPECT_EQ(g_host.calls.back().args, std::string("\x08\x02\x12\x04" "acct", 8));
}

TEST_F(SdkHostTest, TransactionSignedByRecoversEachSignature) {
  const std::string key = unhex("02f358619e1534a806a52702c97ba0967be1948811b7c037cf1f160d30eac33d1a");
  const std::string address = unhex("00f49c1809d3a55b2d42410e13c88e632dd9f331d06d32b5b3");
  auto result_of = [](const std::string& m) { return "\x0a" + std::string(1, char(m.size())) + m; };
  // id: value_type{bytes_value="ID"}; signatures: value_type{message_value=Any{type_url="t",
  // value=list_type{values=[value_type{bytes_value="S1"}, value_type{bytes_value="S2"}]}}}
  const std::string list("\x0a\x04\x72\x02S1\x0a\x04\x72\x02S2", 12);
  const std::string any = std::string("\x0a\x01t\x12", 4) + char(list.size()) + list;
  const std::string signatures_vt = "\x0a" + std::string(1, char(any.size())) + any;
  auto hash_answers = [&](const std::string& last_sha) {
    return std::vector<std::pair<int32_t, std::string>>{
        {0, result_of("\x12\x20" + std::string(32, 'a'))},
        {0, result_of(std::string("\xd3\x20\x14", 3) + address.substr(1, 20))},
        {0, result_of("\x12\x20" + std::string(32, 'b'))},
        {0, result_of("\x12\x20" + last_sha)}};
  };
  g_host.queued = {{0, result_of(std::string("\x72\x02" "ID", 4))}, {0, result_of(signatures_vt)}};
  // S1 recovers to some key whose checksum hash differs (other address), S2 to the account's key.
  g_host.queued.push_back({0, result_of(key)});
  for (auto& a : hash_answers(std::string(32, 'z'))) g_host.queued.push_back(a);
  g_host.queued.push_back({0, result_of(key)});
  for (auto& a : hash_answers(address.substr(21, 4) + std::string(28, 'c'))) g_host.queued.push_back(a);
  auto r = sdk::transaction_signed_by(bytes(address));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value);
  ASSERT_EQ(g_host.calls.size(), 12u);
  EXPECT_EQ(g_host.calls[0].id, 103u);
  EXPECT_EQ(g_host.calls[0].args, std::string("\x0a\x02" "id", 4));
  EXPECT_EQ(g_host.calls[1].args, std::string("\x0a\x0a" "signatures", 12));
  EXPECT_EQ(g_host.calls[2].id, 502u);  // recover_public_key{type=0, signature="S1", digest="ID", compressed}
  EXPECT_EQ(g_host.calls[2].args, std::string("\x12\x02S1\x1a\x02ID\x20\x01", 10));
  EXPECT_EQ(g_host.calls[7].args, std::string("\x12\x02S2\x1a\x02ID\x20\x01", 10));

  // No signature from that account: false after trying both.
  g_host = MockHost{};
  g_host.queued = {{0, result_of(std::string("\x72\x02" "ID", 4))}, {0, result_of(signatures_vt)}};
  for (int i = 0; i < 2; ++i) {
    g_host.queued.push_back({sdk::error_code::k_invalid_signature, ""});
  }
  auto none = sdk::transaction_signed_by(bytes(address));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value);
  EXPECT_EQ(g_host.calls.size(), 4u);
}

#ifdef MODCHAIN_SDK_TEST_WITH_PROTO
// ---- cross-check with libprotobuf ------------------------------------------------------------------

TEST_F(SdkHostTest, EncodingsMatchLibprotobuf) {
  koinos::chain::exit_arguments exit_error;
  exit_error.set_code(-103);
  exit_error.mutable_res()->mutable_error()->set_message("no privileges");
  EXPECT_EQ(exit_args_of([] { sdk::exit_error(-103, "no privileges"); }), exit_error.SerializeAsString());

  koinos::chain::exit_arguments exit_ok;
  exit_ok.mutable_res()->set_object(std::string(300, 'x'));
  EXPECT_EQ(exit_args_of([] {
              static const std::string big(300, 'x');
              sdk::exit_success(bytes(big));
            }),
            exit_ok.SerializeAsString());

  koinos::chain::put_object_arguments put;
  put.mutable_space()->set_system(true);
  put.mutable_space()->set_zone("zz");
  put.set_key("key");
  put.set_obj(std::string(200, 'v'));
  answer(0, "");
  static const std::string value(200, 'v');
  sdk::put_object(sdk::ObjectSpace{true, "zz", 0}, "key", bytes(value));
  EXPECT_EQ(g_host.calls.back().args, put.SerializeAsString());

  koinos::chain::event_arguments ev;
  ev.set_name("token.transfer_event");
  ev.set_data("data");
  ev.add_impacted("to");
  ev.add_impacted("from");
  sdk::Bytes impacted[] = {"to", "from"};
  sdk::event("token.transfer_event", "data", impacted, 2);
  EXPECT_EQ(g_host.calls.back().args, ev.SerializeAsString());

  koinos::chain::get_next_object_result next;
  next.mutable_value()->set_exists(true);
  next.mutable_value()->set_value("v1");
  next.mutable_value()->set_key("k1");
  answer(0, next.SerializeAsString());
  auto r = sdk::get_next_object(sdk::ObjectSpace{}, "k0");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value.exists);
  EXPECT_EQ(str(r.value.value), "v1");
  EXPECT_EQ(str(r.value.key), "k1");

  koinos::chain::get_caller_result caller;
  caller.mutable_value()->set_caller("parent");
  caller.mutable_value()->set_caller_privilege(koinos::chain::user_mode);
  answer(0, caller.SerializeAsString());
  sdk::CallerData c = sdk::get_caller();
  EXPECT_EQ(str(c.caller), "parent");
  EXPECT_EQ(c.privilege, sdk::Privilege::user_mode);
}

TEST_F(SdkHostTest, SystemCallArgumentsMatchLibprotobuf) {
  answer(0, "");
  koinos::chain::consume_block_resources_arguments consume;
  consume.set_disk_storage_consumed(409600);
  consume.set_compute_bandwidth_consumed(UINT64_MAX);
  sdk::consume_block_resources(409600, 0, UINT64_MAX);
  EXPECT_EQ(g_host.calls.back().args, consume.SerializeAsString());

  koinos::chain::verify_vrf_proof_arguments vrf;
  vrf.set_public_key(std::string(33, '\x02'));
  vrf.set_proof(std::string(81, 'p'));
  vrf.set_hash("\x12\x20" + std::string(32, 'h'));
  vrf.set_message("m");
  sdk::verify_vrf_proof(bytes(vrf.public_key()), bytes(vrf.proof()), bytes(vrf.hash()), "m");
  EXPECT_EQ(g_host.calls.back().args, vrf.SerializeAsString());

  koinos::chain::verify_merkle_root_arguments merkle;
  merkle.set_root("r");
  merkle.add_hashes("a");
  merkle.add_hashes("");
  sdk::Bytes leaves[] = {"a", sdk::Bytes()};
  sdk::verify_merkle_root("r", leaves, 2);
  EXPECT_EQ(g_host.calls.back().args, merkle.SerializeAsString());

  koinos::chain::process_block_signature_arguments sig;
  sig.set_digest("\x12\x20" + std::string(32, 'd'));
  sig.mutable_header()->set_height(5);
  sig.mutable_header()->set_signer("signer");
  sig.set_signature(std::string(65, 's'));
  const std::string header = sig.header().SerializeAsString();
  sdk::process_block_signature(bytes(sig.digest()), bytes(header), bytes(sig.signature()));
  EXPECT_EQ(g_host.calls.back().args, sig.SerializeAsString());
  const std::string sig_bytes = sig.SerializeAsString();
  sdk::BlockSignatureArguments decoded = sdk::decode_block_signature_arguments(bytes(sig_bytes));
  EXPECT_EQ(str(decoded.header), header);

  koinos::chain::apply_block_arguments apply;
  apply.mutable_block()->mutable_header()->set_height(9);
  const std::string block = apply.block().SerializeAsString();
  sdk::apply_block(bytes(block));
  EXPECT_EQ(g_host.calls.back().args, apply.SerializeAsString());

  koinos::chain::verify_account_nonce_arguments nonce;
  nonce.set_account("acct");
  koinos::chain::value_type nonce_value;
  nonce_value.set_uint64_value(0);
  nonce.set_nonce(nonce_value.SerializeAsString());
  sdk::verify_account_nonce("acct", sdk::value_type::encode_uint64(0));
  EXPECT_EQ(g_host.calls.back().args, nonce.SerializeAsString());
}

TEST_F(SdkHostTest, DecodersMatchLibprotobuf) {
  koinos::chain::get_resource_limits_result limits;
  limits.mutable_value()->set_disk_storage_limit(409600);
  limits.mutable_value()->set_disk_storage_cost(10);
  limits.mutable_value()->set_network_bandwidth_limit(1048576);
  limits.mutable_value()->set_network_bandwidth_cost(UINT64_MAX);
  limits.mutable_value()->set_compute_bandwidth_limit(28750000);
  limits.mutable_value()->set_compute_bandwidth_cost(0);
  answer(0, limits.SerializeAsString());
  auto l = sdk::get_resource_limits();
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l.value, (sdk::ResourceLimits{409600, 10, 1048576, UINT64_MAX, 28750000, 0}));
  EXPECT_EQ(str(sdk::encode_message([&](pb::Writer& w) { sdk::encode_resource_limits(w, 1, l.value); })),
            limits.SerializeAsString());

  koinos::chain::get_contract_metadata_result meta;
  meta.mutable_value()->set_hash("\x12\x20" + std::string(32, 'x'));
  meta.mutable_value()->set_authorizes_call_contract(true);
  answer(0, meta.SerializeAsString());
  auto m = sdk::get_contract_metadata("c");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(str(m.value.hash), meta.value().hash());
  EXPECT_FALSE(m.value.system);
  EXPECT_TRUE(m.value.authorizes_call_contract);
  EXPECT_FALSE(m.value.authorizes_upload_contract);

  koinos::chain::authorize_arguments auth;
  auth.set_type(koinos::chain::contract_upload);
  auth.mutable_call()->set_contract_id("cid");
  auth.mutable_call()->set_entry_point(0xdc6f17bb);
  auth.mutable_call()->set_caller("caller");
  auth.mutable_call()->set_data("data");
  const std::string auth_bytes = auth.SerializeAsString();  // the decoded views point into it
  sdk::AuthorizeArguments a = sdk::decode_authorize_arguments(bytes(auth_bytes));
  EXPECT_EQ(a.type, sdk::AuthorizationType::contract_upload);
  EXPECT_EQ(str(a.contract_id), "cid");
  EXPECT_EQ(a.entry_point, 0xdc6f17bbu);
  EXPECT_EQ(str(a.caller), "caller");
  EXPECT_EQ(str(a.data), "data");

  // A repeated field from get_transaction_field: value_type{message_value=Any(list_type)}.
  koinos::chain::list_type list;
  list.add_values()->set_bytes_value("sig1");
  list.add_values()->set_bytes_value("sig2");
  koinos::chain::value_type wrapped;
  wrapped.mutable_message_value()->PackFrom(list);
  std::vector<std::string> seen;
  const std::string wrapped_bytes = wrapped.SerializeAsString();
  sdk::value_type::for_each_list_value(bytes(wrapped_bytes), [&](sdk::Bytes element) {
    seen.push_back(str(sdk::value_type::bytes_value(element)));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"sig1", "sig2"}));
  koinos::chain::value_type number;
  number.set_uint64_value(UINT64_MAX);
  EXPECT_EQ(sdk::value_type::uint64_value(bytes(number.SerializeAsString())), UINT64_MAX);
}
#endif

}  // namespace
