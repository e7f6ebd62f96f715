#include "modchain/kernel/state_keys.hpp"

#include "modchain/protocol/ids.hpp"
#include "modchain/protocol/serialization.hpp"

namespace modchain::kernel {

state_db::ObjectSpace system_space(koinos::chain::system_space_id id) {
  return state_db::ObjectSpace{true, {}, static_cast<uint32_t>(id)};
}

state_db::ObjectSpace to_state_space(const koinos::chain::object_space& space) {
  return state_db::ObjectSpace{space.system(), util::to_bytes(space.zone()), space.id()};
}

std::string metadata_key_bytes(std::string_view name) {
  return util::to_string(protocol::metadata_key(name).to_bytes());
}

std::string be32(uint32_t value) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xff);
  return out;
}

std::string default_nonce() {
  koinos::chain::value_type value;
  value.set_uint64_value(0);
  return protocol::serialize_to_string(value);
}

}  // namespace modchain::kernel
