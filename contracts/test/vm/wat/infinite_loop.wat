;; Hostile: never terminates; metering must stop it.
(module
  (import "env" "invoke_system_call" (func $sys (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (loop $forever (br $forever))))
