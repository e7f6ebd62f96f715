// fuzz_transaction_decode: arbitrary bytes as a koinos.protocol.transaction. Valid encodings must
// re-serialize to a fixed point, give computable ids/merkle roots, and survive a JSON round trip.
#include <cstddef>
#include <cstdint>

#include "modchain/protocol/ids.hpp"
#include "protocol_roundtrip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace modchain;
  koinos::protocol::transaction trx;
  if (!fuzz::check_binary_round_trip(util::ByteView(data, size), trx)) return 0;
  const auto id = protocol::transaction_id(trx.header());
  MODCHAIN_ASSERT(id.digest.size() == 32, "transaction id digest size");
  const auto root = protocol::operation_merkle_root(trx.operations());
  MODCHAIN_ASSERT(root.digest.size() == 32, "operation merkle root digest size");
  (void)protocol::transaction_leaves(trx);
  fuzz::check_json_round_trip(trx);
  return 0;
}
