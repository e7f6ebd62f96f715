// fuzz_block_decode: arbitrary bytes as a koinos.protocol.block. Valid encodings must re-serialize to a
// fixed point, give computable ids/merkle roots, and survive a JSON round trip.
#include <cstddef>
#include <cstdint>

#include "modchain/protocol/ids.hpp"
#include "protocol_roundtrip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace modchain;
  koinos::protocol::block block;
  if (!fuzz::check_binary_round_trip(util::ByteView(data, size), block)) return 0;
  const auto id = protocol::block_id(block.header());
  MODCHAIN_ASSERT(id.digest.size() == 32, "block id digest size");
  const auto root = protocol::transaction_merkle_root(block.transactions());
  MODCHAIN_ASSERT(root.digest.size() == 32, "transaction merkle root digest size");
  for (const auto& trx : block.transactions()) (void)protocol::transaction_id(trx.header());
  fuzz::check_json_round_trip(block);
  return 0;
}
