// Runs the exported `run(which, n)` of a wasm module under node (V8) and prints one JSON line:
// {"checksum": "<u64 decimal>", "ns_per_call": <median CPU ns of reps>, "first_call_ns": <first call>}.
// Usage: node vm_node_runner.js module.wasm which n reps
'use strict';
const fs = require('fs');

async function main() {
  const [file, which, n, reps] = process.argv.slice(2);
  const bytes = fs.readFileSync(file);
  // The kernels only call the host from _start, which this runner never calls.
  const imports = { env: { invoke_system_call: () => 0, invoke_thunk: () => 0 } };
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  const run = instance.exports.run;
  const times = [];
  let checksum = 0n;
  for (let i = 0; i < Number(reps); ++i) {
    // CPU time of this process (user + system), like the C++ side measures its thread's CPU time.
    const start = process.cpuUsage();
    checksum = BigInt.asUintN(64, run(Number(which), Number(n)));
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) * 1000);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ checksum: checksum.toString(), ns_per_call: times[times.length >> 1],
                               first_call_ns: first }));
}

main().catch((e) => { console.error(e); process.exit(1); });
