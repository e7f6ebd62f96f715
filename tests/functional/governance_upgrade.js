#!/usr/bin/env node
// The headline scenario with real processes, driven from koilib 9.1.1 (docs/system_contracts.md
// "In-band upgrade"): three producing modchaind processes on 127.0.0.1 run a `governed` chain whose
// consensus contract is consensus_v1 (it accepts a block signed by a key outside the producer set when
// the block names the scheduled producer). A user uploads the fixed module, submits a governance proposal
// switching process_block_signature to it, the producers vote in their block headers
// (--approve-proposals), the proposal passes and is applied at its scheduled height. Then a forged block
// that v1 accepted is rejected by every node; no node restarted, no binary changed, all nodes agree on
// block ids and state merkle roots. Also: a direct set_system_call by the former genesis key is refused.
// Usage: node governance_upgrade.js PATH/TO/modchaind REPO_ROOT
"use strict";
const assert = require("node:assert/strict");
const { startNode, stopNode } = require("./modchaind_process.js");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { Contract, Provider, Signer, Transaction, utils } = require("koilib");
// koilib's own protobuf module for koinos.protocol (not in its package exports, so by path).
const { koinos } = require(path.join(__dirname, "node_modules", "koilib", "lib", "protoModules", "protocol-proto.js"));

const [modchaind, repoRoot] = process.argv.slice(2);
const SLOT_MS = 300;
const BLOCK_INTERVAL_MS = 100;
const PERIODS = { review: 20, vote: 30, delay: 5 };
const PROCESS_BLOCK_SIGNATURE = 101;
const PROCESS_BLOCK_SIGNATURE_ENTRY = 0xe0adbeab;
const SUBMIT_PROPOSAL = 0xe74b785c;
const GET_PROPOSAL_BY_ID = 0xc66013ad;
const GET_ADDRESS = 0xa61ae5e8;
const PROPOSAL_FEE = 10_000_000_000n;  // the installer's governance min_fee (100 KOIN), burned
const STATUS = ["pending", "active", "approved", "expired", "applied", "failed", "reverted"];

const seed = (name) => Signer.fromSeed(`modchain governance upgrade test ${name}`);
const producers = { a: seed("producer a"), b: seed("producer b"), c: seed("producer c") };
const order = [producers.a, producers.b, producers.c];
const outsider = seed("outsider");
const upgrader = seed("upgrader");

// --- a few protobuf bytes by hand (messages koilib has no descriptor for) ---
function varint(n) {
  let v = BigInt(n);
  const out = [];
  while (v >= 0x80n) { out.push(Number((v & 0x7fn) | 0x80n)); v >>= 7n; }
  out.push(Number(v));
  return Buffer.from(out);
}
const lengthDelimited = (field, bytes) => Buffer.concat([varint((field << 3) | 2), varint(bytes.length), Buffer.from(bytes)]);
const stringField = (field, text) => lengthDelimited(field, Buffer.from(text, "utf8"));
function readFields(bytes) {  // → { field: [values] } (varints as BigInt, length-delimited as Buffer)
  const fields = {};
  let i = 0;
  const next = () => { let v = 0n, shift = 0n; for (;;) { const b = bytes[i++]; v |= BigInt(b & 0x7f) << shift; shift += 7n; if (b < 0x80) return v; } };
  while (i < bytes.length) {
    const key = Number(next());
    let value;
    if ((key & 7) === 0) value = next();
    else if ((key & 7) === 2) { const n = Number(next()); value = bytes.subarray(i, i + n); i += n; }
    else throw new Error(`unexpected wire type ${key & 7}`);
    (fields[key >> 3] ||= []).push(value);
  }
  return fields;
}
const b64 = (bytes) => utils.encodeBase64url(new Uint8Array(bytes));  // padded, as the Koinos JSON codec wants
const fromB64 = (text) => Buffer.from(text, "base64url");
const addressBytes = (address) => Buffer.from(utils.decodeBase58(address));

// --- processes ---
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// --- chain helpers ---
async function blockAt(provider, height) {
  const head = await provider.getHeadInfo();
  const result = await provider.call("block_store.get_blocks_by_height", {
    head_block_id: head.head_topology.id, ancestor_start_height: String(height), num_blocks: 1,
    return_block: true, return_receipt: true });
  return result.block_items[0];
}
async function readContract(provider, contractId, entryPoint, args) {
  const { result } = await provider.readContract({ contract_id: contractId, entry_point: entryPoint, args: b64(args) });
  return result ? fromB64(result) : Buffer.alloc(0);
}
async function proposal(provider, governance, id) {
  const bytes = await readContract(provider, governance, GET_PROPOSAL_BY_ID, lengthDelimited(1, id));
  const value = readFields(bytes)[1];
  if (!value) return null;
  const record = readFields(value[0]);
  return { tally: Number((record[4] || [0n])[0]), threshold: Number((record[5] || [0n])[0]),
           status: STATUS[Number((record[8] || [0n])[0])] };
}
// A block on `parent` that names the producer scheduled at its timestamp but is signed by `forger`.
async function forgedBlock(provider, parentHeight, forger) {
  const parent = await blockAt(provider, parentHeight);
  const timestamp = Number(parent.block.header.timestamp) + 1;
  const scheduled = order[Math.floor(timestamp / SLOT_MS) % order.length];
  const block = { header: { height: String(parentHeight + 1), previous: parent.block_id,
    previous_state_merkle_root: parent.receipt.state_merkle_root, timestamp: String(timestamp) }, transactions: [] };
  const impostor = Signer.fromWif(forger.getPrivateKey("wif"));
  impostor.address = scheduled.getAddress();  // header.signer: the scheduled producer; the key: the forger's
  await impostor.prepareBlock(block);
  assert.equal(block.header.signer, scheduled.getAddress());
  return impostor.signBlock(block);
}
async function submitBlock(provider, block) {
  try {
    await provider.call("chain.submit_block", { block });
    return { ok: true };
  } catch (e) {
    return { ok: false, error: JSON.parse(e.message) };
  }
}
async function send(signer, provider, operations, rcLimit = "100000000000") {
  const trx = new Transaction({ signer, provider, options: { rcLimit } });
  for (const op of operations) await trx.pushOperation(op);
  await trx.prepare();
  await trx.sign();
  const receipt = await trx.send();
  await trx.wait("byTransactionId", 30000);
  return receipt;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "modchain_governance_"));
  const nodes = [];
  try {
    await run(work, nodes);
    for (const node of nodes) {
      assert.equal(node.child.exitCode, null, `${node.name} is still the process started at the beginning`);
      assert.equal(await stopNode(node), 0, `${node.name} exits 0 on SIGTERM`);
    }
    console.log("OK");
  } catch (e) {
    for (const node of nodes) {
      node.child.removeAllListeners("exit");
      node.child.kill("SIGKILL");
      process.stderr.write(`--- ${node.name} log (last 4000 bytes) ---\n${node.log().slice(-4000)}\n`);
    }
    throw e;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function run(work, nodes) {
  const v2 = upgrader.getAddress();
  // The proposal is known before anything runs, so producers can be configured to vote for it.
  const operations = [
    { set_system_contract: { contract_id: v2, system_contract: true } },
    { set_system_call: { call_id: PROCESS_BLOCK_SIGNATURE,
      target: { system_call_bundle: { contract_id: v2, entry_point: PROCESS_BLOCK_SIGNATURE_ENTRY } } } },
  ];
  const preview = new Transaction({ options: { chainId: "EiA=", rcLimit: "1", nonce: "KAE=", payer: v2 } });
  for (const op of operations) await preview.pushOperation(op);
  await preview.prepare();
  const proposalId = fromB64(preview.transaction.header.operation_merkle_root);
  const proposalHex = "0x" + proposalId.toString("hex");
  console.log("proposal id", proposalHex);

  const common = ["--jsonrpc-listen", "127.0.0.1:0", "--p2p-listen", "127.0.0.1:0",
    "--block-interval", String(BLOCK_INTERVAL_MS), "--approve-proposals", proposalHex, "--log-level", "info"];
  const dataA = path.join(work, "a");
  const a = await startNode(modchaind, ["--dev", "--data-dir", dataA, "--producer-key", producers.a.getPrivateKey("wif"),
    "--profile", "governed", "--consensus-module", "consensus_v1",
    "--producers", order.map((s) => s.getAddress()).join(","), "--slot-ms", String(SLOT_MS),
    "--governance-periods", `${PERIODS.review},${PERIODS.vote},${PERIODS.delay}`, ...common], "a");
  nodes.push(a);
  process.stdout.write(a.banner);
  for (const name of ["b", "c"]) {
    nodes.push(await startNode(modchaind, ["--data-dir", path.join(work, name), "--genesis", path.join(dataA, "genesis_data.json"),
      "--producer-key", producers[name].getPrivateKey("wif"), "--p2p-peer", a.p2p, ...common], name));
  }
  const providers = nodes.map((n) => new Provider(n.url));
  const [pa, pb, pc] = providers;
  for (const s of [producers.a, upgrader]) s.provider = pa;

  // Names from the name service; the three producers take turns.
  const nameService = Signer.fromSeed("modchain system contract name_service").getAddress();
  const readName = async (name) => {
    const bytes = await readContract(pa, nameService, GET_ADDRESS, stringField(1, name));
    return utils.encodeBase58(readFields(readFields(bytes)[1][0])[1][0]);
  };
  const koin = await readName("koin");
  const governance = await readName("governance");
  assert.equal(koin, Signer.fromSeed("modchain system contract koin").getAddress());
  const signersSeen = new Set();
  await until("blocks from all three producers", async () => {
    const head = Number((await pc.getHeadInfo()).head_topology.height);
    if (head < 3) return false;
    const item = await blockAt(pc, head);
    signersSeen.add(item.block.header.signer);
    return signersSeen.size === 3;
  }, 60000);
  console.log("three producers rotating; head", (await pa.getHeadInfo()).head_topology.height);

  // The genesis key has no system authority any more.
  let refused;
  try {
    await send(producers.a, pa, [{ set_system_call: { call_id: PROCESS_BLOCK_SIGNATURE,
      target: { system_call_bundle: { contract_id: v2, entry_point: PROCESS_BLOCK_SIGNATURE_ENTRY } } } }]);
  } catch (e) {
    refused = JSON.parse(e.message);
  }
  assert.ok(refused, "a direct set_system_call is refused");
  console.log("direct set_system_call:", JSON.stringify(refused));

  // v1's bug: a forged block naming the scheduled producer is accepted by every node.
  let head = Number((await pa.getHeadInfo()).head_topology.height);
  const forged1 = await forgedBlock(pa, head - 1, outsider);
  for (const p of providers) assert.deepEqual(await submitBlock(p, forged1), { ok: true }, "v1 accepts the forged block");
  console.log("v1 accepted a block signed by", outsider.getAddress(), "claiming", forged1.header.signer);

  // The upgrader gets KOIN (mana pays its transactions), uploads the fixed module and proposes the switch.
  const koinContract = new Contract({ id: koin, abi: utils.tokenAbi, provider: pa, signer: producers.a });
  const { transaction: funded } = await koinContract.functions.transfer(
    { from: producers.a.getAddress(), to: v2, value: "100000000000000" }, { rcLimit: "100000000000" });
  await funded.wait("byTransactionId", 30000);
  const bytecode = fs.readFileSync(path.join(repoRoot, "contracts", "system", "consensus.wasm"));
  const deployer = new Contract({ signer: upgrader, provider: pa, bytecode });
  const { transaction: uploaded } = await deployer.deploy({ authorizesCallContract: true,
    authorizesTransactionApplication: true, authorizesUploadContract: true, rcLimit: "100000000000" });
  await uploaded.wait("byTransactionId", 30000);
  // Submitted by another account: once its address holds a contract with authorizes_transaction_application,
  // the upgrader's key alone can no longer pay (the contract decides, and it wants system authority).
  const receipt = await send(producers.a, pa, [{ call_contract: { contract_id: governance, entry_point: SUBMIT_PROPOSAL,
    args: b64(Buffer.concat([...operationBytes(v2), lengthDelimited(2, proposalId), Buffer.from([0x18]), varint(PROPOSAL_FEE)])) } }]);
  assert.equal(receipt.reverted, undefined, JSON.stringify(receipt.logs));
  const submittedAt = Number((await pa.getHeadInfo()).head_topology.height);
  console.log("proposal submitted around block", submittedAt);

  // Watch the votes from another node.
  let last = null;
  const seen = [];
  await until("the proposal to be applied", async () => {
    const record = await proposal(pc, governance, proposalId);
    const now = record ? `${record.status} ${record.tally}/${record.threshold}` : "gone";
    if (now !== last) { console.log("proposal:", now, "at block", (await pc.getHeadInfo()).head_topology.height); last = now; }
    if (record && !seen.includes(record.status)) seen.push(record.status);
    return record === null && seen.includes("approved");
  }, 120000);
  // Statuses move forward only; a busy machine may let the short review window pass between two polls.
  assert.ok(["pending,active,approved", "active,approved"].includes(seen.join(",")), `statuses seen: ${seen}`);

  // After the switch every node rejects the same forgery.
  await sleep(3 * SLOT_MS);
  head = Number((await pb.getHeadInfo()).head_topology.height);
  const forged2 = await forgedBlock(pb, head - 1, outsider);
  for (const p of providers) {
    const result = await submitBlock(p, forged2);
    assert.equal(result.ok, false, "v2 rejects the forged block");
    assert.equal(result.error.code, -202, JSON.stringify(result.error));
  }
  console.log("v2 rejected the forged block with code -202");

  // Production continues, all three producers still take turns, and the nodes agree.
  const start = Number((await pa.getHeadInfo()).head_topology.height);
  await until("10 more blocks on every node", async () => {
    for (const p of providers) if (Number((await p.getHeadInfo()).head_topology.height) < start + 10) return false;
    return true;
  }, 60000);
  const common_height = start + 5;
  const items = await Promise.all(providers.map((p) => blockAt(p, common_height)));
  for (const item of items) {
    assert.equal(item.block_id, items[0].block_id, `block ${common_height} is the same on every node`);
    assert.equal(item.receipt.state_merkle_root, items[0].receipt.state_merkle_root, "same state merkle root");
  }
  console.log("all nodes agree at block", common_height, items[0].block_id);
}

// submit_proposal_arguments.operations: koinos.protocol.operation bytes, encoded with koilib's protobuf module.
function operationBytes(v2) {
  const contractId = addressBytes(v2);
  return [
    lengthDelimited(1, koinos.protocol.operation.encode({ set_system_contract: { contract_id: contractId, system_contract: true } }).finish()),
    lengthDelimited(1, koinos.protocol.operation.encode({ set_system_call: { call_id: PROCESS_BLOCK_SIGNATURE,
      target: { system_call_bundle: { contract_id: contractId, entry_point: PROCESS_BLOCK_SIGNATURE_ENTRY } } } }).finish()),
  ];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
