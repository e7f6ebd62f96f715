;; Calls both imports; the host returns values that are summed and reported back via syscall id 9.
(module
  (import "env" "invoke_thunk" (func $thunk (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "invoke_system_call" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sys (i32.const 9)
      (i32.add (call $thunk (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
               (call $sys (i32.const 6) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))))
