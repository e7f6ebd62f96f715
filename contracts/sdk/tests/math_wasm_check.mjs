// Runs math_wasm.wasm (argv[2]) on every triple of a value set and compares with BigInt.
// Exit 0 when all match, 1 otherwise.
import fs from 'fs';

const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]));
const { mul_div, mul_hi, mul_lo } = instance.exports;
const max = (1n << 64n) - 1n;
const sentinel = 0xdeadbeefcafef00dn;
const values = [0n, 1n, 2n, 3n, 7n, 255n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x7fffffffffffffffn,
                0x8000000000000000n, max - 1n, max, 2100000000000000n];
let x = 0x9e3779b97f4a7c15n;  // xorshift64: deterministic values of every magnitude
for (let i = 0; i < 40; i++) {
  x ^= (x << 13n) & max;
  x ^= x >> 7n;
  x ^= (x << 17n) & max;
  values.push(x >> BigInt(i % 64));
}
const u64 = (v) => BigInt.asUintN(64, v);
let checked = 0;
let mismatches = 0;
for (const a of values) {
  for (const b of values) {
    const product = a * b;
    if (u64(mul_hi(a, b)) !== product >> 64n || u64(mul_lo(a, b)) !== (product & max)) mismatches++;
    for (const c of values) {
      const want = c === 0n || product / c > max ? sentinel : product / c;
      if (u64(mul_div(a, b, c)) !== want) {
        if (mismatches < 5) console.log(`mul_div(${a}, ${b}, ${c}) = ${u64(mul_div(a, b, c))}, want ${want}`);
        mismatches++;
      }
      checked++;
    }
  }
}
console.log(`math_wasm_check: ${checked} mul_div triples on wasm32, ${mismatches} mismatches`);
process.exit(mismatches === 0 ? 0 : 1);
