;; Decodes but fails validation: the function must return an i32.
(module
  (memory (export "memory") 1)
  (func (export "_start"))
  (func (result i32)))
