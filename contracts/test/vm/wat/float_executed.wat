;; Float instructions validate but trap when executed (Koinos).
(module
  (import "env" "invoke_system_call" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sys (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
    (drop (f32.add (f32.const 1) (f32.const 2)))))
