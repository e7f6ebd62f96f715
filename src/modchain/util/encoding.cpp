#include "modchain/util/encoding.hpp"

#include <array>
#include <cstring>

namespace modchain::util {
namespace {

constexpr char k_hex_digits[] = "0123456789abcdef";
constexpr char k_base58_alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char k_base64_standard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_base64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Reverse lookup table for an alphabet: 255 marks characters outside it.
template <size_t N>
std::array<uint8_t, 256> reverse_table(const char (&alphabet)[N]) {
  std::array<uint8_t, 256> table{};
  table.fill(255);
  for (size_t i = 0; i + 1 < N; ++i) table[static_cast<uint8_t>(alphabet[i])] = static_cast<uint8_t>(i);
  return table;
}

Error bad_char(const char* encoding, size_t position, char c) {
  return make_error(ErrorCode::invalid_encoding, std::string("invalid ") + encoding + " character '" +
                                                     std::string(1, c) + "' at position " + std::to_string(position));
}

}  // namespace

std::string to_hex(ByteView bytes) {
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = k_hex_digits[bytes[i] >> 4];
    out[2 * i + 1] = k_hex_digits[bytes[i] & 0x0f];
  }
  return out;
}

Result<Bytes> from_hex(std::string_view text, bool allow_0x_prefix) {
  size_t offset = 0;
  if (allow_0x_prefix && text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) offset = 2;
  if ((text.size() - offset) % 2 != 0)
    return make_error(ErrorCode::invalid_encoding, "hex string has an odd number of digits");
  Bytes out((text.size() - offset) / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const size_t pos = offset + 2 * i;
    const int high = hex_value(text[pos]);
    if (high < 0) return bad_char("hex", pos, text[pos]);
    const int low = hex_value(text[pos + 1]);
    if (low < 0) return bad_char("hex", pos + 1, text[pos + 1]);
    out[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return out;
}

std::string to_base58(ByteView bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // log(256)/log(58) ~= 1.37: enough base58 digits for the input.
  std::vector<uint8_t> digits((bytes.size() - zeros) * 138 / 100 + 1, 0);
  size_t used = 0;
  for (size_t i = zeros; i < bytes.size(); ++i) {
    uint32_t carry = bytes[i];
    size_t j = 0;
    for (auto it = digits.rbegin(); (carry != 0 || j < used) && it != digits.rend(); ++it, ++j) {
      carry += 256u * *it;
      *it = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    used = j;
  }
  auto first = digits.begin() + static_cast<std::ptrdiff_t>(digits.size() - used);
  std::string out(zeros, '1');
  for (auto it = first; it != digits.end(); ++it) out.push_back(k_base58_alphabet[*it]);
  return out;
}

Result<Bytes> from_base58(std::string_view text) {
  static const auto table = reverse_table(k_base58_alphabet);
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // log(58)/log(256) ~= 0.733: enough bytes for the digits.
  std::vector<uint8_t> value((text.size() - ones) * 733 / 1000 + 1, 0);
  size_t used = 0;
  for (size_t i = ones; i < text.size(); ++i) {
    const uint8_t digit = table[static_cast<uint8_t>(text[i])];
    if (digit == 255) return bad_char("base58", i, text[i]);
    uint32_t carry = digit;
    size_t j = 0;
    for (auto it = value.rbegin(); (carry != 0 || j < used) && it != value.rend(); ++it, ++j) {
      carry += 58u * *it;
      *it = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    used = j;
  }
  Bytes out(ones, 0);
  out.insert(out.end(), value.end() - static_cast<std::ptrdiff_t>(used), value.end());
  return out;
}

std::string to_base64(ByteView bytes, Base64Alphabet alphabet) {
  const char* chars = alphabet == Base64Alphabet::url ? k_base64_url : k_base64_standard;
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8 | bytes[i + 2];
    out += {chars[n >> 18], chars[(n >> 12) & 63], chars[(n >> 6) & 63], chars[n & 63]};
  }
  if (bytes.size() - i == 1) {
    const uint32_t n = uint32_t(bytes[i]) << 16;
    out += {chars[n >> 18], chars[(n >> 12) & 63], '=', '='};
  } else if (bytes.size() - i == 2) {
    const uint32_t n = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8;
    out += {chars[n >> 18], chars[(n >> 12) & 63], chars[(n >> 6) & 63], '='};
  }
  return out;
}

Result<Bytes> from_base64(std::string_view text, Base64Alphabet alphabet) {
  static const auto standard_table = reverse_table(k_base64_standard);
  static const auto url_table = reverse_table(k_base64_url);
  const auto& table = alphabet == Base64Alphabet::url ? url_table : standard_table;
  const char* name = alphabet == Base64Alphabet::url ? "base64url" : "base64";

  size_t data_len = text.size();
  while (data_len > 0 && text[data_len - 1] == '=') --data_len;
  const size_t padding = text.size() - data_len;
  if (padding > 2 || (padding > 0 && text.size() % 4 != 0))
    return make_error(ErrorCode::invalid_encoding, std::string(name) + " string has invalid padding");
  if (data_len % 4 == 1)
    return make_error(ErrorCode::invalid_encoding, std::string(name) + " string has an impossible length");

  Bytes out;
  out.reserve(data_len * 3 / 4);
  uint32_t accumulator = 0;
  int bits = 0;
  for (size_t i = 0; i < data_len; ++i) {
    const uint8_t v = table[static_cast<uint8_t>(text[i])];
    if (v == 255) return bad_char(name, i, text[i]);
    accumulator = (accumulator << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((accumulator >> bits) & 0xff));
    }
  }
  // Leftover bits must be zero, or two different strings would decode to the same bytes.
  if (bits > 0 && (accumulator & ((1u << bits) - 1)) != 0)
    return make_error(ErrorCode::invalid_encoding, std::string(name) + " string has non-zero trailing bits");
  return out;
}

}  // namespace modchain::util
