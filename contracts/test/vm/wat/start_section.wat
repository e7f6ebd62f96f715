;; A start section that loops forever: it is metered like _start (the reference runs it unmetered).
(module
  (memory (export "memory") 1)
  (func $init (loop $l (br $l)))
  (start $init)
  (func (export "_start")))
