;; A float instruction on a branch that is not taken: valid, and the run succeeds.
(module
  (import "env" "invoke_system_call" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (if (i32.eqz (i32.const 1))
      (then (drop (f64.mul (f64.const 1) (f64.const 2)))))))
