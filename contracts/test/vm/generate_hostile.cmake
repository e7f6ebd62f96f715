# Writes the hostile .wat modules that are too repetitive to keep as files (counts just above the
# ModuleLimits defaults). Included at configure time with VM_GENERATED_WAT_DIR set.
file(MAKE_DIRECTORY "${VM_GENERATED_WAT_DIR}")
set(_vm_head "(module (memory (export \"memory\") 1) (func (export \"_start\"))\n")

string(REPEAT "(func)\n" 16384 _vm_funcs)  # + _start = 16385 functions
file(WRITE "${VM_GENERATED_WAT_DIR}/too_many_functions.wat" "${_vm_head}${_vm_funcs})\n")

string(REPEAT "(global i32 (i32.const 0))\n" 1025 _vm_globals)
file(WRITE "${VM_GENERATED_WAT_DIR}/too_many_globals.wat" "${_vm_head}${_vm_globals})\n")

string(REPEAT " i32" 4097 _vm_locals)
file(WRITE "${VM_GENERATED_WAT_DIR}/too_many_locals.wat" "${_vm_head}(func (local${_vm_locals})))\n")

string(REPEAT "(block " 1025 _vm_open)
string(REPEAT ")" 1025 _vm_close)
file(WRITE "${VM_GENERATED_WAT_DIR}/too_deep_nesting.wat" "${_vm_head}(func ${_vm_open}${_vm_close}))\n")

# Exactly at the nesting limit: accepted.
string(REPEAT "(block " 1024 _vm_open)
string(REPEAT ")" 1024 _vm_close)
file(WRITE "${VM_GENERATED_WAT_DIR}/max_nesting.wat"
  "(module (memory (export \"memory\") 1) (func (export \"_start\") ${_vm_open}${_vm_close}))\n")

# Deep recursion of a function with 4,000 locals: each frame pays for its locals, so memory stays
# proportional to ticks.
string(REPEAT " i64" 4000 _vm_locals)
file(WRITE "${VM_GENERATED_WAT_DIR}/locals_recursion.wat"
  "(module (memory (export \"memory\") 1) (func $f (local${_vm_locals}) (call $f)) (func (export \"_start\") (call $f)))\n")
