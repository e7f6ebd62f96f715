;; Hostile: a table far larger than the limit.
(module
  (memory (export "memory") 1)
  (table 100000 funcref)
  (func (export "_start")))
