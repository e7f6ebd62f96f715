/* Kernel test contract "proxy": forwards one system call. The entry point is the system call id (bit 31 set:
 * invoke_thunk with the low 31 bits instead), the arguments are the raw serialized *_arguments. It exits with
 * code 0 and the call's result bytes as the result object, or with the returned (negative or, in kernel mode,
 * positive) code and the returned error_data. Entry point 0 returns from _start without calling exit (the
 * stale result slot case). Built at build time with clang-14; see CMakeLists.txt. */
#include <stdint.h>

__attribute__((import_module("env"), import_name("invoke_system_call"))) int32_t invoke_system_call(
    uint32_t id, void* ret, uint32_t ret_len, const void* arg, uint32_t arg_len, uint32_t* bytes_written);
__attribute__((import_module("env"), import_name("invoke_thunk"))) int32_t invoke_thunk(
    uint32_t id, void* ret, uint32_t ret_len, const void* arg, uint32_t arg_len, uint32_t* bytes_written);

#define BUFFER_SIZE (1u << 16)
static uint8_t g_in[BUFFER_SIZE];
static uint8_t g_ret[BUFFER_SIZE];
static uint8_t g_out[BUFFER_SIZE + 64];

static uint64_t read_varint(const uint8_t* p, uint32_t* pos, uint32_t end) {
  uint64_t value = 0;
  uint32_t shift = 0;
  while (*pos < end && shift < 64) {
    uint8_t byte = p[(*pos)++];
    value |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
  }
  return value;
}

static uint32_t write_varint(uint8_t* p, uint64_t value) {
  uint32_t n = 0;
  do {
    uint8_t byte = value & 0x7f;
    value >>= 7;
    p[n++] = byte | (value ? 0x80 : 0);
  } while (value);
  return n;
}

static uint32_t varint_size(uint64_t value) {
  uint32_t n = 1;
  while (value >>= 7) n++;
  return n;
}

static void copy(volatile uint8_t* dst, const volatile uint8_t* src, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) dst[i] = src[i];
}

/* exit_arguments { code = 1; res = 2: result { object = 1 | error = 2 } } */
static void finish(int32_t code, const uint8_t* data, uint32_t len) {
  uint32_t o = 0;
  if (code != 0) {
    g_out[o++] = 0x08;
    o += write_varint(g_out + o, (uint64_t)(int64_t)code);
  }
  g_out[o++] = 0x12;
  o += write_varint(g_out + o, 1 + varint_size(len) + len);
  g_out[o++] = code == 0 ? 0x0a : 0x12;
  o += write_varint(g_out + o, len);
  copy(g_out + o, data, len);
  o += len;
  uint32_t written = 0;
  invoke_system_call(602, 0, 0, g_out, o, &written);
}

__attribute__((export_name("_start"))) void start(void) {
  uint32_t written = 0;
  int32_t code = invoke_system_call(603, g_in, BUFFER_SIZE, 0, 0, &written);
  if (code != 0) {
    finish(code, g_in, written);
    return;
  }
  uint32_t pos = 0, end = written, entry = 0, args_len = 0;
  const uint8_t* args = g_in;
  if (pos < end && g_in[pos] == 0x0a) {
    pos++;
    uint32_t len = (uint32_t)read_varint(g_in, &pos, end);
    end = pos + len;
  }
  while (pos < end) {
    uint8_t tag = g_in[pos++];
    if (tag == 0x08) {
      entry = (uint32_t)read_varint(g_in, &pos, end);
    } else if (tag == 0x12) {
      args_len = (uint32_t)read_varint(g_in, &pos, end);
      args = g_in + pos;
      pos += args_len;
    } else {
      break;
    }
  }
  if (entry == 0) return;
  uint32_t ret_len = 0;
  if (entry & 0x80000000u) {
    code = invoke_thunk(entry & 0x7fffffffu, g_ret, BUFFER_SIZE, args, args_len, &ret_len);
  } else {
    code = invoke_system_call(entry, g_ret, BUFFER_SIZE, args, args_len, &ret_len);
  }
  finish(code, g_ret, ret_len);
}
