;; Passes the ranges it gets as arguments to invoke_system_call. _start reads (id, ret_ptr, ret_len,
;; arg_ptr, arg_len, bytes_written_ptr) from memory at 0..24, which the test host writes through an
;; initial system call with id 0 (ret buffer 0..24).
(module
  (import "env" "invoke_system_call" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sys (i32.const 0) (i32.const 0) (i32.const 24) (i32.const 0) (i32.const 0) (i32.const 24)))
    (drop (call $sys (i32.load (i32.const 0)) (i32.load (i32.const 4)) (i32.load (i32.const 8))
                     (i32.load (i32.const 12)) (i32.load (i32.const 16)) (i32.load (i32.const 20))))))
