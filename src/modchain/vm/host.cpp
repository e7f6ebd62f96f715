#include "modchain/vm/host.hpp"

#include <cstring>
#include <string>

namespace modchain::vm {

util::Status MemoryView::check(uint32_t ptr, uint32_t len) const {
  // 64-bit sum: ptr + len cannot wrap.
  if (static_cast<uint64_t>(ptr) + len > m_size) {
    return util::make_error(util::ErrorCode::reversion,
                            "host call memory range [" + std::to_string(ptr) + ", +" + std::to_string(len) +
                                ") is outside memory of " + std::to_string(m_size) + " bytes");
  }
  return {};
}

util::Result<util::ByteView> MemoryView::read(uint32_t ptr, uint32_t len) const {
  MODCHAIN_TRY_STATUS(check(ptr, len));
  return util::ByteView(m_data + ptr, len);
}

util::Result<std::span<uint8_t>> MemoryView::writable(uint32_t ptr, uint32_t len) const {
  MODCHAIN_TRY_STATUS(check(ptr, len));
  return std::span<uint8_t>(m_data + ptr, len);
}

util::Status MemoryView::write(uint32_t ptr, util::ByteView bytes) const {
  if (bytes.size() > UINT32_MAX) return util::make_error(util::ErrorCode::reversion, "host write too large");
  MODCHAIN_TRY_STATUS(check(ptr, static_cast<uint32_t>(bytes.size())));
  if (!bytes.empty()) std::memcpy(m_data + ptr, bytes.data(), bytes.size());
  return {};
}

util::Status MemoryView::write_u32(uint32_t ptr, uint32_t value) const {
  const uint8_t le[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                         static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
  return write(ptr, le);
}

util::Result<uint32_t> MemoryView::read_u32(uint32_t ptr) const {
  MODCHAIN_TRY_STATUS(check(ptr, 4));
  const uint8_t* p = m_data + ptr;
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

util::Status write_host_result(const MemoryView& memory, const HostCall& call, util::ByteView result) {
  // Validate both destinations before writing anything, so a failed call leaves memory untouched.
  MODCHAIN_TRY_STATUS(memory.writable(call.bytes_written_ptr, 4));
  MODCHAIN_TRY_STATUS(memory.writable(call.ret_ptr, call.ret_len));
  if (result.size() > call.ret_len) {
    MODCHAIN_TRY_STATUS(memory.write_u32(call.bytes_written_ptr, 0));
    return util::make_error(util::ErrorCode::insufficient_return_buffer,
                            "result of " + std::to_string(result.size()) + " bytes does not fit the " +
                                std::to_string(call.ret_len) + "-byte return buffer");
  }
  MODCHAIN_TRY_STATUS(memory.write(call.ret_ptr, result));
  return memory.write_u32(call.bytes_written_ptr, static_cast<uint32_t>(result.size()));
}

}  // namespace modchain::vm
