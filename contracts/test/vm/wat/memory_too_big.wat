;; Hostile: declares more initial memory than a contract may have.
(module
  (memory (export "memory") 513)
  (func (export "_start")))
