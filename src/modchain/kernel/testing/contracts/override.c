/* Kernel test contract "override": a system call override / authorize target with fixed answers, chosen
 * by entry point: 1 → `08 01` (value: true), 2 → `08 c0 96 b1 02` (uint64 value: 5,000,000), 0x4a2dbd90 (authorize)
 * → authorize_result{value: true}, anything else → an empty result (false / 0). Built at build time. */
#include <stdint.h>

__attribute__((import_module("env"), import_name("invoke_system_call"))) int32_t invoke_system_call(
    uint32_t id, void* ret, uint32_t ret_len, const void* arg, uint32_t arg_len, uint32_t* bytes_written);

static uint8_t g_in[1u << 16];
static uint8_t g_out[16];

__attribute__((export_name("_start"))) void start(void) {
  uint32_t written = 0;
  invoke_system_call(603, g_in, sizeof g_in, 0, 0, &written);
  /* get_arguments_result { value = 1: argument_data { entry_point = 1; arguments = 2 } } */
  uint32_t entry = 0, shift = 0, pos = 1;
  if (written > 1 && g_in[0] == 0x0a) {
    while (pos < written && (g_in[pos] & 0x80)) pos++; /* skip the length varint */
    pos++;
    if (pos < written && g_in[pos] == 0x08) {
      pos++;
      while (pos < written && shift < 32) {
        uint8_t byte = g_in[pos++];
        entry |= (uint32_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
      }
    }
  }
  uint32_t n = 0;
  g_out[n++] = 0x12; /* exit_arguments.res */
  if (entry == 1 || entry == 0x4a2dbd90u) {
    g_out[n++] = 4; g_out[n++] = 0x0a; g_out[n++] = 2; g_out[n++] = 0x08; g_out[n++] = 0x01;
  } else if (entry == 2) {
    g_out[n++] = 7; g_out[n++] = 0x0a; g_out[n++] = 5; g_out[n++] = 0x08;
    g_out[n++] = 0xc0; g_out[n++] = 0x96; g_out[n++] = 0xb1; g_out[n++] = 0x02;
  } else {
    g_out[n++] = 2; g_out[n++] = 0x0a; g_out[n++] = 0;
  }
  invoke_system_call(602, 0, 0, g_out, n, &written);
}
