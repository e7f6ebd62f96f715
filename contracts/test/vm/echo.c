/* Echo contract: reads its arguments with system call 603 into a 64-byte buffer and returns them with
 * system call 602. If 603 fails (e.g. the host reports insufficient_return_buffer), it reports the error
 * code as a 4-byte little-endian result instead. Test-only payloads (see kernels.c). */
#include <stdint.h>

__attribute__((import_module("env"), import_name("invoke_system_call"))) int32_t invoke_system_call(
    uint32_t id, void* ret, uint32_t ret_len, const void* arg, uint32_t arg_len, uint32_t* bytes_written);

static uint8_t g_buffer[64];

__attribute__((export_name("_start"))) void start(void) {
  uint32_t written = 0;
  int32_t code = invoke_system_call(603, g_buffer, sizeof g_buffer, 0, 0, &written);
  if (code != 0) {
    invoke_system_call(602, 0, 0, &code, sizeof code, &written);
    return;
  }
  invoke_system_call(602, 0, 0, g_buffer, written, &written);
}
