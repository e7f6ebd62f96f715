// Runs the prebuilt test contracts (contracts/test/*.wasm) on a miniature Koinos host written here in
// JavaScript: frames and privileges, call/exit with the result slot, object spaces with Koinos key
// order and permission rules, logs, events, check_authority with `authorize`, overrides of system calls
// by system contracts. It is not the kernel: it exists to prove the contracts and the SDK behave as
// docs/contracts.md says before the kernel tests rely on them. Recovery of public keys is mocked
// (the "signature" carries the key in bytes 1..33).
//
//   node contracts/test/smoke_test.mjs      (prints "N passed, 0 failed"; exit code 1 on any failure)
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- protobuf (independent of the C++ SDK on purpose) ----------------------------------------------
const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { fatal: true });
const b = (s) => (typeof s === "string" ? enc.encode(s) : s);
function varint(v) {
  let x = BigInt.asUintN(64, BigInt(v));
  const out = [];
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
  out.push(Number(x));
  return out;
}
// fields: [[number, value], ...]; value: bigint/number/bool = varint, string/Uint8Array = bytes,
// array of fields = sub-message. Zero/empty values are emitted as given (callers omit defaults).
function pbEncode(fields) {
  const out = [];
  for (const [num, value] of fields) {
    if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      out.push(...varint(num << 3), ...varint(typeof value === "boolean" ? (value ? 1 : 0) : value));
    } else {
      const body = Array.isArray(value) ? pbEncode(value) : b(value);
      out.push(...varint((num << 3) | 2), ...varint(body.length), ...body);
    }
  }
  return Uint8Array.from(out);
}
// -> Map(number -> [values]); varints as BigInt, length-delimited as Uint8Array.
function pbDecode(buf) {
  const fields = new Map();
  let i = 0;
  const rv = () => { let x = 0n, s = 0n; for (;;) { const c = buf[i++]; if (c === undefined) throw new Error("truncated"); x |= BigInt(c & 0x7f) << s; s += 7n; if (!(c & 0x80)) return x; } };
  while (i < buf.length) {
    const key = Number(rv()); const num = key >> 3, wt = key & 7;
    let v;
    if (wt === 0) v = rv();
    else if (wt === 2) { const n = Number(rv()); v = buf.slice(i, i + n); i += n; }
    else if (wt === 1) { v = buf.slice(i, i + 8); i += 8; } else if (wt === 5) { v = buf.slice(i, i + 4); i += 4; }
    else throw new Error("bad wire type " + wt);
    if (!fields.has(num)) fields.set(num, []);
    fields.get(num).push(v);
  }
  return fields;
}
const one = (m, n, dflt) => (m.has(n) ? m.get(n).at(-1) : dflt);
const hex = (u) => Buffer.from(u).toString("hex");
const eqBytes = (x, y) => hex(x) === hex(y);
const entryPoint = (name) => createHash("sha256").update(name).digest().readUInt32BE(0);

// ---- the miniature host ----------------------------------------------------------------------------
class KoinosError extends Error { constructor(code, message) { super(message); this.code = code; } }
class ExitSignal { constructor(code, res) { this.code = code; this.res = res; } }

class Host {
  constructor() {
    this.contracts = new Map(); // hex(id) -> {module, system, authorizes_call_contract}
    this.state = new Map(); // space string -> Map(hex(serialized key) -> {key, value})
    this.frames = [];
    this.resultSlot = { code: 0, object: new Uint8Array() };
    this.logs = []; this.events = []; this.signers = []; this.systemAuthority = false;
    this.overrides = new Map(); // system call id -> {contract, entryPoint}
  }
  upload(name, id, options = {}) {
    const module = new WebAssembly.Module(readFileSync(path.join(here, name.includes("/") ? name : name + ".wasm")));
    this.contracts.set(hex(b(id)), { module, system: !!options.system, authorizes_call_contract: !!options.authorizes });
  }
  // apply_call_contract_operation: base frame, set to user mode, then `call`.
  apply(contract, name, args = new Uint8Array(), ep = entryPoint(name)) {
    this.frames = [{ contract: new Uint8Array(), kernel: false }];
    this.logs = []; this.events = [];
    const snapshot = this.snapshot();
    try {
      return { code: 0, value: this.call(b(contract), ep, args) };
    } catch (e) {
      if (!(e instanceof KoinosError)) throw e;
      this.restore(snapshot);
      return { code: e.code, message: e.message };
    }
  }
  snapshot() { return new Map([...this.state].map(([k, v]) => [k, new Map(v)])); }
  restore(s) { this.state = s; }
  top() { return this.frames.at(-1); }
  // The frame that issued the system call being served (below the system call's own kernel frame).
  // Used for the object space permission rule.
  callerFrame() { return this.frames.at(-2); }
  contractFrameIndex() { for (let i = this.frames.length - 1; i >= 0; --i) if (this.frames[i].contract.length) return i; return -1; }
  call(contractId, ep, args) {
    const c = this.contracts.get(hex(contractId));
    if (!c) throw new KoinosError(102, "contract does not exist");
    if (ep === 0x4a2dbd90 && !this.top().kernel) throw new KoinosError(103, "authorize needs kernel mode");
    if (this.frames.length >= 256) throw new KoinosError(1, "stack overflow");
    this.frames.push({ contract: contractId, kernel: c.system, ep, args });
    try {
      let memory;
      const imports = { env: {
        invoke_system_call: (...a) => this.hostCall(memory, false, ...a),
        invoke_thunk: (...a) => this.hostCall(memory, true, ...a),
      } };
      const instance = new WebAssembly.Instance(c.module, imports);
      memory = instance.exports.memory;
      try {
        instance.exports._start();
      } catch (e) {
        if (e instanceof ExitSignal) this.resultSlot = e;
        else if (e instanceof WebAssembly.RuntimeError) throw new KoinosError(1, "trap: " + e.message);
        else throw e;
      }
      const r = this.resultSlot;
      if (r.code !== 0) throw new KoinosError(r.code, r.message);
      return r.object;
    } finally {
      this.frames.pop();
    }
  }
  hostCall(memory, thunk, sid, retPtr, retLen, argPtr, argLen, writtenPtr) {
    const args = new Uint8Array(memory.buffer, argPtr, argLen).slice();
    const contractFrame = this.top();
    let out, code = 0;
    try {
      if (thunk && !contractFrame.kernel) throw new KoinosError(103, "invoke_thunk needs kernel mode");
      out = this.dispatch(sid, args, thunk);
    } catch (e) {
      if (e instanceof ExitSignal) throw e;
      if (!(e instanceof KoinosError)) throw e;
      if (!contractFrame.kernel && e.code >= 1) throw e; // user mode never sees reversions
      code = e.code; out = pbEncode([[1, e.message]]);
    }
    if (out.length > retLen) { code = 105; out = new Uint8Array(); }
    new Uint8Array(memory.buffer, retPtr, out.length).set(out);
    new DataView(memory.buffer).setUint32(writtenPtr, out.length, true);
    return code;
  }
  dispatch(sid, args, thunk) {
    const override = thunk ? undefined : this.overrides.get(sid);
    // `call` is modelled without a frame of its own, so a callee's get_caller names the calling contract.
    const framed = sid !== 601;
    if (framed) this.frames.push({ contract: new Uint8Array(), kernel: true, sid });
    try {
      if (override) return this.call(override.contract, override.entryPoint, args);
      return this.native(sid, pbDecode(args));
    } finally { if (framed) this.frames.pop(); }
  }
  checkSpace(space) {
    const caller = this.callerFrame();
    const system = one(space, 1, 0n) !== 0n, zone = one(space, 2, new Uint8Array());
    if (caller.kernel) { if (!system) throw new KoinosError(1, "kernel code may only access system spaces"); }
    else {
      if (system) throw new KoinosError(103, "user code may not access system spaces");
      if (!eqBytes(zone, this.frames[this.contractFrameIndex()].contract)) throw new KoinosError(1, "not your zone");
    }
    return `${system}|${hex(zone)}|${one(space, 3, 0n)}`;
  }
  sortedKeys(spaceKey) {
    const m = this.state.get(spaceKey) ?? new Map();
    return [...m.values()].sort((x, y) => Buffer.compare(Buffer.from(serKey(x.key)), Buffer.from(serKey(y.key))));
  }
  native(sid, a) {
    const R = (fields) => pbEncode(fields);
    switch (sid) {
      case 603: { const f = this.frames[this.contractFrameIndex()]; return R([[1, [[1, f.ep], [2, f.args]]]]); }
      case 602: {
        const res = pbDecode(one(a, 2, new Uint8Array()));
        const code = Number(BigInt.asIntN(32, one(a, 1, 0n)));
        const err = res.has(2) ? pbDecode(one(res, 2)) : undefined;
        let message = err ? dec.decode(one(err, 1, new Uint8Array())) : undefined;
        if (code !== 0 && message === undefined) throw new ExitSignal(1, { message: "exit without error" });
        const sig = new ExitSignal(code, null); sig.object = one(res, 1, new Uint8Array()); sig.message = message;
        throw sig;
      }
      case 604: return R([[1, this.frames[this.contractFrameIndex()].contract]]);
      case 605: {
        const i = this.contractFrameIndex(); const f = this.frames[i - 1];
        const fields = []; if (f.contract.length) fields.push([1, f.contract]); if (!f.kernel) fields.push([2, 1]);
        return R([[1, fields]]);
      }
      case 601: {
        const ep = Number(one(a, 2, 0n));
        return R([[1, this.call(one(a, 1, new Uint8Array()), ep, one(a, 3, new Uint8Array()))]]);
      }
      case 301: {
        const s = this.checkSpace(pbDecode(one(a, 1, new Uint8Array())));
        if (!this.state.has(s)) this.state.set(s, new Map());
        const key = one(a, 2, new Uint8Array());
        this.state.get(s).set(hex(key), { key, value: one(a, 3, new Uint8Array()) });
        return new Uint8Array();
      }
      case 302: { const s = this.checkSpace(pbDecode(one(a, 1, new Uint8Array()))); this.state.get(s)?.delete(hex(one(a, 2, new Uint8Array()))); return new Uint8Array(); }
      case 303: case 304: case 305: {
        const s = this.checkSpace(pbDecode(one(a, 1, new Uint8Array())));
        const key = one(a, 2, new Uint8Array());
        const sk = Buffer.from(serKey(key));
        let found;
        if (sid === 303) found = this.state.get(s)?.get(hex(key));
        else if (sid === 304) found = this.sortedKeys(s).find((o) => Buffer.compare(Buffer.from(serKey(o.key)), sk) > 0);
        else found = this.sortedKeys(s).filter((o) => Buffer.compare(Buffer.from(serKey(o.key)), sk) < 0).at(-1);
        if (!found) return R([[1, []]]);
        const obj = [[1, true]]; if (found.value.length) obj.push([2, found.value]); if (sid !== 303 && found.key.length) obj.push([3, found.key]);
        return R([[1, obj]]);
      }
      case 401: this.logs.push(dec.decode(one(a, 1, new Uint8Array()))); return new Uint8Array();
      case 402: {
        const name = dec.decode(one(a, 1, new Uint8Array()));
        if (!name.length || name.length > 128) throw new KoinosError(1, "bad event name");
        this.events.push({ source: hex(this.frames[this.contractFrameIndex()].contract), name, data: one(a, 2, new Uint8Array()), impacted: (a.get(3) ?? []).map(hex) });
        return new Uint8Array();
      }
      case 606: {
        const account = one(a, 2, new Uint8Array());
        const meta = this.contracts.get(hex(account));
        if (meta?.authorizes_call_contract) {
          const i = this.contractFrameIndex(); const f = this.frames[i];
          const callData = [[1, f.contract]]; if (f.ep) callData.push([2, f.ep]);
          if (this.frames[i - 1].contract.length) callData.push([3, this.frames[i - 1].contract]);
          const data = one(a, 3, new Uint8Array()); if (data.length) callData.push([4, data]);
          const result = pbDecode(this.call(account, 0x4a2dbd90, pbEncode([[2, callData]])));
          return R(one(result, 1, 0n) ? [[1, true]] : []);
        }
        return R(this.signers.some((s) => eqBytes(s, account)) ? [[1, true]] : []);
      }
      case 110: return R(this.systemAuthority ? [[1, true]] : []);
      case 1: return R([[1, [[1, [[1, "head-id"], [2, 42n], [3, "prev-id"]]], [2, 1700000000000n], [3, 7n]]]]);
      case 12: return R([[1, "chain-id"]]);
      case 106: return R([[1, 7n]]);
      case 103: throw new KoinosError(-100, "field not found");
      case 501: {
        if (one(a, 1, 0n) !== 0x12n) throw new KoinosError(-101, "unknown hash code");
        return R([[1, Uint8Array.from([0x12, 0x20, ...createHash("sha256").update(one(a, 2, new Uint8Array())).digest()])]]);
      }
      case 109: if (!this.callerFrame().kernel) throw new KoinosError(103, "set_account_nonce needs kernel mode"); return new Uint8Array();
      case 201: return R([[1, 1000n]]);
      case 202: return R([[1, true]]);
      case 502: return R([[1, one(a, 2, new Uint8Array()).slice(1, 34)]]); // mock recovery (see header)
      default: throw new KoinosError(106, `system call ${sid} not in the smoke host`);
    }
  }
}
function serKey(key) { return key.length ? Uint8Array.from([0x12, ...varint(key.length), ...key]) : new Uint8Array(); }

// ---- tests -----------------------------------------------------------------------------------------
let passed = 0, failed = 0;
function test(name, fn) {
  try { fn(); passed++; } catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack ?? e}`); }
}
function expect(actual, expected, what) {
  const a = actual instanceof Uint8Array ? hex(actual) : String(actual);
  const x = expected instanceof Uint8Array ? hex(expected) : String(expected);
  if (a !== x) throw new Error(`${what}: got ${a}, expected ${x}`);
}
const ID = { storage: b("storage-id"), caller: b("caller-id"), probe: b("probe-id"), authority: b("authority-id"),
  rc: b("rc-id"), sig: b("sig-id"), spin: b("spin-id"), context: b("context-id") };
function newHost() {
  const h = new Host();
  h.upload("storage", ID.storage); h.upload("caller", ID.caller); h.upload("privilege_probe", ID.probe);
  h.upload("authority", ID.authority, { authorizes: true }); h.upload("rc_override", ID.rc, { system: true });
  h.upload("signature_override", ID.sig, { system: true }); h.upload("spin", ID.spin);
  h.upload("context", ID.context);
  return h;
}
const ok = (r) => { if (r.code !== 0) throw new Error(`call failed: ${r.code} ${r.message}`); return r.value; };

test("storage echo / put / get / remove", () => {
  const h = newHost();
  expect(ok(h.apply(ID.storage, "echo", b("hello"))), b("hello"), "echo");
  ok(h.apply(ID.storage, "put", pbEncode([[1, "k"], [2, "v1"]])));
  expect(ok(h.apply(ID.storage, "get", pbEncode([[1, "k"]]))), pbEncode([[1, true], [2, "v1"]]), "get");
  ok(h.apply(ID.storage, "remove", pbEncode([[1, "k"]])));
  expect(ok(h.apply(ID.storage, "get", pbEncode([[1, "k"]]))), new Uint8Array(), "get after remove");
});

test("storage next / prev / scan follow Koinos key order (length first)", () => {
  const h = newHost();
  for (const k of ["b", "aa", "a", "c"]) ok(h.apply(ID.storage, "put", pbEncode([[1, k], [2, "v" + k], [3, 2]])));
  expect(ok(h.apply(ID.storage, "next", pbEncode([[1, "a"], [3, 2]]))), pbEncode([[1, true], [2, "vb"], [3, "b"]]), "next");
  expect(ok(h.apply(ID.storage, "prev", pbEncode([[1, "aa"], [3, 2]]))), pbEncode([[1, true], [2, "vc"], [3, "c"]]), "prev");
  const scan = pbDecode(ok(h.apply(ID.storage, "scan", pbEncode([[3, 2]]))));
  expect(scan.get(1).map((k) => dec.decode(k)).join(","), "a,b,c,aa", "scan keys");
  const back = pbDecode(ok(h.apply(ID.storage, "scan", pbEncode([[1, "aa"], [3, 2], [4, 2], [5, true]]))));
  expect(back.get(1).map((k) => dec.decode(k)).join(","), "c,b", "reverse scan with limit");
  expect(ok(h.apply(ID.storage, "next", pbEncode([[1, "aa"], [3, 2]]))), new Uint8Array(), "past the end");
});

test("storage log, event with impacted", () => {
  const h = newHost();
  ok(h.apply(ID.storage, "log", pbEncode([[1, "hi there"]])));
  expect(h.logs.join("|"), "hi there", "logs");
  ok(h.apply(ID.storage, "event", pbEncode([[1, "my.event"], [2, "payload"], [3, "alice"], [3, "bob"]])));
  expect(h.events.length, 1, "events");
  expect(h.events[0].name, "my.event", "event name");
  expect(h.events[0].impacted.join(","), [hex(b("alice")), hex(b("bob"))].join(","), "impacted");
  expect(h.events[0].source, hex(ID.storage), "source");
});

test("storage exit codes", () => {
  const h = newHost();
  expect(ok(h.apply(ID.storage, "exit_with", pbEncode([[3, "value"]]))), b("value"), "success value");
  const rev = h.apply(ID.storage, "exit_with", pbEncode([[1, 7], [2, "custom reversion"]]));
  expect(`${rev.code} ${rev.message}`, "7 custom reversion", "reversion");
  const fail = h.apply(ID.storage, "exit_with", pbEncode([[1, -5], [2, "custom failure"]]));
  expect(`${fail.code} ${fail.message}`, "-5 custom failure", "failure");
  expect(h.apply(ID.storage, "exit_with", pbEncode([[1, 9], [4, true]])).code, 1, "non-zero exit without error");
  expect(h.apply(ID.storage, "trap").code, 1, "trap");
  expect(h.apply(ID.storage, "no_such_method").message, "unknown entry point", "unknown entry point");
  const put = h.apply(ID.storage, "put", pbEncode([[1, "k"], [2, "v"], [4, 3], [5, "then revert"]]));
  expect(`${put.code} ${put.message}`, "3 then revert", "put then revert");
  expect(ok(h.apply(ID.storage, "get", pbEncode([[1, "k"]]))), new Uint8Array(), "reverted write discarded");
});

test("storage return without exit uses the result slot", () => {
  const h = newHost();
  ok(h.apply(ID.storage, "exit_with", pbEncode([[3, "stale"]])));
  expect(ok(h.apply(ID.storage, "return_without_exit")), b("stale"), "stale result slot");
});

test("caller: call_contract, whoami, recurse", () => {
  const h = newHost();
  const callEcho = pbEncode([[1, ID.storage], [2, entryPoint("echo")], [3, "ping"]]);
  expect(ok(h.apply(ID.caller, "call_contract", callEcho)), b("ping"), "call result");
  const failing = pbEncode([[1, ID.storage], [2, entryPoint("exit_with")], [3, pbEncode([[1, -42], [2, "deep failure"]])]]);
  const r = h.apply(ID.caller, "call_contract", failing);
  expect(`${r.code} ${r.message}`, "-42 deep failure", "failure propagated");
  const who = pbDecode(ok(h.apply(ID.caller, "whoami")));
  expect(one(who, 1, new Uint8Array()), new Uint8Array(), "caller is the transaction");
  expect(one(who, 2, 0n), 1n, "caller privilege user_mode");
  expect(one(who, 3), ID.caller, "contract id");
  expect(one(who, 4), BigInt(entryPoint("whoami")), "entry point");
  const nested = pbDecode(ok(h.apply(ID.caller, "call_contract", pbEncode([[1, ID.caller], [2, entryPoint("whoami")]]))));
  expect(one(nested, 1), ID.caller, "nested caller is the caller contract");
  expect(one(pbDecode(ok(h.apply(ID.caller, "recurse", pbEncode([[1, 20]])))), 1, 0n), 20n, "recurse 20");
  expect(h.apply(ID.caller, "recurse", pbEncode([[1, 300]])).message, "stack overflow", "recurse past 256 frames");
});

test("privilege_probe from user mode", () => {
  const h = newHost();
  expect(h.apply(ID.probe, "try_thunk", pbEncode([[1, 604]])).code, 103, "invoke_thunk");
  expect(h.apply(ID.probe, "try_set_account_nonce", pbEncode([[1, "acct"], [2, pbEncode([[5, 1]])]])).code, 103, "set_account_nonce");
  expect(h.apply(ID.probe, "try_put_object", pbEncode([[1, true], [2, ID.probe], [4, "k"], [5, "v"]])).code, 103, "system space");
  expect(h.apply(ID.probe, "try_put_object", pbEncode([[2, ID.storage], [4, "k"], [5, "v"]])).code, 1, "foreign zone");
  ok(h.apply(ID.probe, "try_put_object", pbEncode([[2, ID.probe], [4, "k"], [5, "v"]])));
  expect(ok(h.apply(ID.probe, "try_system_call", pbEncode([[1, 604]]))), pbEncode([[1, ID.probe]]), "raw system call result");
  expect(h.apply(ID.probe, "try_system_call", pbEncode([[1, 9999]])).code, 106, "unknown system call");
});

test("privilege_probe as a system contract gets the codes back", () => {
  const h = newHost();
  h.upload("privilege_probe", ID.probe, { system: true });
  const r = h.apply(ID.probe, "try_put_object", pbEncode([[2, ID.storage], [4, "k"], [5, "v"]]));
  expect(`${r.code} ${r.message}`, "1 kernel code may only access system spaces", "kernel mode user space");
  expect(ok(h.apply(ID.probe, "try_thunk", pbEncode([[1, 604]]))), pbEncode([[1, ID.probe]]), "thunk from kernel mode");
});

test("authority: authorize from config, check, require_authority, recorded arguments", () => {
  const h = newHost();
  const check = (acct) => one(pbDecode(ok(h.apply(ID.authority, "check", pbEncode([[1, acct]])))), 1, 0n);
  expect(check(ID.authority), 0n, "unconfigured: not authorized");
  ok(h.apply(ID.authority, "set_config", pbEncode([[1, true], [2, true]])));
  expect(check(ID.authority), 1n, "allow=true");
  const recorded = pbDecode(ok(h.apply(ID.authority, "get_last_authorize")));
  const call = pbDecode(one(recorded, 2));
  expect(one(call, 1), ID.authority, "call_data.contract_id");
  expect(one(call, 2), BigInt(entryPoint("check")), "call_data.entry_point");
  expect(check(b("alice")), 0n, "no signature");
  h.signers = [b("alice")];
  expect(check(b("alice")), 1n, "signed by alice");
  expect(h.apply(ID.authority, "require_authority", pbEncode([[1, "bob"]])).message, "authority: not authorized", "require");
  ok(h.apply(ID.authority, "require_authority", pbEncode([[1, "alice"]])));
  expect(h.apply(ID.caller, "call_contract", pbEncode([[1, ID.authority], [2, 0x4a2dbd90]])).code, 103, "authorize from user mode");
});

test("rc_override overrides 201/202", () => {
  const h = newHost();
  h.overrides.set(201, { contract: ID.rc, entryPoint: 0x2d464aab });
  h.overrides.set(202, { contract: ID.rc, entryPoint: 0x80e3f5c9 });
  const rc = h.dispatch(201, pbEncode([[1, "alice"]]));
  expect(rc, pbEncode([[1, 12345678]]), "get_account_rc");
  expect(h.dispatch(202, pbEncode([[1, "alice"], [2, 100]])), pbEncode([[1, true]]), "consume");
  expect(h.dispatch(202, pbEncode([[1, "alice"], [2, 23]])), pbEncode([[1, true]]), "consume again");
  expect(h.dispatch(202, pbEncode([[1, "alice"], [2, 12345679]])), pbEncode([]), "too much (false is omitted)");
  expect(ok(h.apply(ID.rc, "get_consumed", pbEncode([[1, "alice"]]))), pbEncode([[1, 123]]), "recorded total");
  expect(ok(h.apply(ID.rc, "consume_account_rc", pbEncode([[1, "alice"], [2, 1]]))), pbEncode([]), "user caller refused");
});

test("signature_override process_block_signature", () => {
  const h = newHost();
  h.overrides.set(101, { contract: ID.sig, entryPoint: 0xe0adbeab });
  const key = Uint8Array.from({ length: 33 }, (_, i) => i + 2);
  const other = Uint8Array.from({ length: 33 }, (_, i) => 100 + i);
  expect(h.apply(ID.sig, "set_keys", pbEncode([[1, key]])).message, "signature_override: no system authority", "needs authority");
  h.systemAuthority = true;
  ok(h.apply(ID.sig, "set_keys", pbEncode([[1, other], [1, key]])));
  const sig = (k) => Uint8Array.from([0x1f, ...k, ...new Uint8Array(31)]);
  const args = (k) => pbEncode([[1, new Uint8Array(34)], [2, []], [3, sig(k)]]);
  expect(h.dispatch(101, args(key)), pbEncode([[1, true]]), "configured key");
  expect(h.dispatch(101, args(new Uint8Array(33))), pbEncode([]), "unknown key");
});

test("spin returns xorshift64 after n rounds; spin_syscalls counts", () => {
  const h = newHost();
  let x = 1n; const m = (1n << 64n) - 1n;
  for (let i = 0; i < 1000; ++i) { x ^= (x << 13n) & m; x ^= x >> 7n; x ^= (x << 17n) & m; }
  expect(ok(h.apply(ID.spin, "spin", pbEncode([[1, 1000]]))), pbEncode([[1, x]]), "spin 1000");
  expect(ok(h.apply(ID.spin, "spin", pbEncode([]))), pbEncode([[1, 1]]), "spin 0");
  expect(ok(h.apply(ID.spin, "spin_syscalls", pbEncode([[1, 5000]]))), pbEncode([[1, 5000]]), "spin_syscalls");
});

test("context: read-only system calls through the typed wrappers", () => {
  const h = newHost();
  const head = pbDecode(ok(h.apply(ID.context, "head_info")));
  const topo = pbDecode(one(head, 1));
  expect(dec.decode(one(topo, 1)) + " " + one(topo, 2) + " " + dec.decode(one(topo, 3)), "head-id 42 prev-id", "topology");
  expect(one(head, 2) + " " + one(head, 3), "1700000000000 7", "time and LIB");
  expect(ok(h.apply(ID.context, "chain_id")), b("chain-id"), "chain id");
  expect(ok(h.apply(ID.context, "last_irreversible_block")), pbEncode([[1, 7n]]), "LIB");
  const digest = createHash("sha256").update("abc").digest();
  expect(ok(h.apply(ID.context, "hash", pbEncode([[1, 0x12], [2, "abc"]]))), Uint8Array.from([0x12, 0x20, ...digest]), "sha256");
  const bad = h.apply(ID.context, "hash", pbEncode([[1, 0x99], [2, "abc"]]));
  expect(`${bad.code} ${bad.message}`, "-101 unknown hash code", "failure passed on");
  expect(h.apply(ID.context, "transaction_field", pbEncode([[1, "nope"]])).code, -100, "field_not_found");
  expect(ok(h.apply(ID.context, "account_rc", pbEncode([[1, "alice"]]))), pbEncode([[1, 1000n]]), "native rc");
  h.overrides.set(201, { contract: ID.rc, entryPoint: 0x2d464aab });
  expect(ok(h.apply(ID.context, "account_rc", pbEncode([[1, "alice"]]))), pbEncode([[1, 12345678]]), "overridden rc");
});

test("AssemblyScript token (contracts/as/token/token.wasm)", () => {
  const h = newHost();
  const token = b("token-id");
  h.upload("../as/token/token.wasm", token);
  const alice = b("alice-address"), bob = b("bob-address");
  expect(dec.decode(one(pbDecode(ok(h.apply(token, "name"))), 1)), "Modchain Test Token", "name");
  expect(dec.decode(one(pbDecode(ok(h.apply(token, "symbol"))), 1)), "MTT", "symbol");
  expect(one(pbDecode(ok(h.apply(token, "decimals"))), 1), 8n, "decimals");
  const mint = pbEncode([[1, alice], [2, 1000]]);
  expect(h.apply(token, "mint", mint).message, "owner has not authorized mint", "mint without authority");
  h.signers = [token];
  ok(h.apply(token, "mint", mint));
  expect(h.events.map((e) => e.name).join(), "token.mint_event", "mint event");
  expect(one(pbDecode(ok(h.apply(token, "total_supply"))), 1), 1000n, "supply");
  const transfer = pbEncode([[1, alice], [2, bob], [3, 300]]);
  expect(h.apply(token, "transfer", transfer).message, "from has not authorized transfer", "transfer without authority");
  h.signers = [alice];
  ok(h.apply(token, "transfer", transfer));
  expect(h.events[0].impacted.join(), [hex(bob), hex(alice)].join(), "transfer impacted");
  expect(one(pbDecode(ok(h.apply(token, "balance_of", pbEncode([[1, alice]])))), 1), 700n, "alice");
  expect(one(pbDecode(ok(h.apply(token, "balance_of", pbEncode([[1, bob]])))), 1), 300n, "bob");
  expect(h.apply(token, "transfer", pbEncode([[1, alice], [2, bob], [3, 701]])).message,
    "account 'from' has insufficient balance", "overdraft");
  expect(h.apply(token, "transfer", pbEncode([[1, alice], [2, b("alice-address")], [3, 1]])).message,
    "cannot transfer to self", "self transfer with an equal but distinct array");
});

console.log(`smoke_test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
