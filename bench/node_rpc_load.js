#!/usr/bin/env node
// End-to-end benchmark of a real `modchaind --dev` on 127.0.0.1 (issue: JSON-RPC throughput and
// submit-to-inclusion latency). Not a test: it asserts nothing about speed, it reports numbers.
//
//   node bench/node_rpc_load.js PATH/TO/modchaind REPO_ROOT [seconds-per-phase=3] [clients=4]
//
// Phases, each measured in this run against a baseline from the same run:
//   1. throughput with N keep-alive clients on loopback: OPTIONS (HTTP server only, the baseline),
//      chain.get_head_info, chain.read_contract (token balance_of) -> requests/s and ratio to the baseline;
//   2. submit-to-inclusion latency of token transfers submitted one at a time (polling the transaction
//      store every 10 ms) -> p50/p95, against the block interval (the wait a transaction must expect).
// The load generator shares the machine's cores with the node; the ratios are what to compare.
"use strict";
const http = require("node:http");
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const crypto = require("node:crypto");
const { spawn } = require("node:child_process");
const { createRequire } = require("node:module");

const [modchaind, repoRoot, secondsArg, clientsArg] = process.argv.slice(2);
if (!modchaind || !repoRoot) {
  console.error("usage: node_rpc_load.js PATH/TO/modchaind REPO_ROOT [seconds] [clients]");
  process.exit(2);
}
const phaseSeconds = Number(secondsArg || 3);
const clients = Number(clientsArg || 4);
const blockIntervalMs = 500;
// koilib 9.1.1 (+ protobufjs 7.4.0) is installed for the functional tests by scripts/setup.sh.
const { Contract, Provider, Signer } = createRequire(path.resolve(repoRoot, "tests", "functional", "x.js"))("koilib");

function startNode(dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(modchaind, ["--dev", "--data-dir", dataDir, "--jsonrpc-listen", "127.0.0.1:0",
      "--block-interval", String(blockIntervalMs)], { stdio: ["ignore", "pipe", "pipe"] });
    let banner = "";
    child.stderr.resume();
    child.stdout.on("data", (d) => {
      banner += d;
      const url = /JSON-RPC:\s+(http:\/\/\S+)/.exec(banner);
      if (url) resolve({ child, url: new URL(url[1]) });
    });
    child.on("exit", (code) => reject(new Error(`modchaind exited with ${code}:\n${banner}`)));
  });
}

// One request on a keep-alive agent; resolves with the body text.
function request(agent, url, method, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: "/", method,
      headers: body ? { "Content-Type": "text/plain;charset=UTF-8", "Content-Length": Buffer.byteLength(body) } : {} },
    (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => { text += c; });
      res.on("end", () => resolve(text));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

// `clients` loops sending the same request back to back for `phaseSeconds`; returns requests/s.
async function throughput(url, method, body, check) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const deadline = process.hrtime.bigint() + BigInt(phaseSeconds * 1e9);
  let count = 0;
  const started = process.hrtime.bigint();
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const text = await request(agent, url, method, body);
      if (check) check(text);
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return count / seconds;
}

function rpc(method, params) {
  return JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
}

function expectResult(text) {
  if (!text.includes('"result"')) throw new Error("unexpected answer: " + text);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

async function deployToken(provider, tokenKey, alice) {
  const tokenDir = path.join(repoRoot, "contracts", "as", "token");
  const cliAbi = JSON.parse(fs.readFileSync(path.join(tokenDir, "token-abi.json"), "utf8"));
  const methods = {};
  for (const [name, m] of Object.entries(cliAbi.methods)) {
    methods[name] = { entry_point: m.entryPoint, argument: m.input, return: m.output, read_only: m.readOnly };
  }
  const abi = { methods, types: cliAbi.types };
  const bytecode = fs.readFileSync(path.join(tokenDir, "token.wasm"));
  const deployed = await new Contract({ signer: tokenKey, provider, bytecode, abi }).deploy({ abi: JSON.stringify(cliAbi) });
  await deployed.transaction.wait("byTransactionId", 30000);
  const token = (signer) => new Contract({ id: tokenKey.getAddress(), abi, provider, signer });
  const minted = await token(tokenKey).functions.mint({ to: alice.getAddress(), value: "1000000" });
  await minted.transaction.wait("byTransactionId", 30000);
  return token;
}

// Submits `count` transfers one at a time and measures submit -> visible in a block (transaction store).
async function inclusionLatency(url, token, alice, bob, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    const started = process.hrtime.bigint();
    const { transaction } = await token(alice).functions.transfer({ from: alice.getAddress(), to: bob.getAddress(), value: "1" });
    const query = rpc("transaction_store.get_transactions_by_id", { transaction_ids: [transaction.id] });
    for (;;) {
      const text = await request(agent, url, "POST", query);
      if (text.includes("containing_blocks")) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return latencies.sort((a, b) => a - b);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "modchain_bench_"));
  const node = await startNode(dataDir);
  try {
    const provider = new Provider(node.url.href);
    const seed = crypto.randomBytes(8).toString("hex");
    const [tokenKey, alice, bob] = ["token", "alice", "bob"].map((s) => Signer.fromSeed(seed + s));
    for (const s of [tokenKey, alice, bob]) s.provider = provider;
    const token = await deployToken(provider, tokenKey, alice);
    const balanceOf = await token(undefined).encodeOperation({ name: "balance_of", args: { owner: alice.getAddress() } });
    const readBody = rpc("chain.read_contract", { contract_id: balanceOf.call_contract.contract_id,
      entry_point: balanceOf.call_contract.entry_point, args: balanceOf.call_contract.args });

    const baseline = await throughput(node.url, "OPTIONS", null, null);
    const headInfo = await throughput(node.url, "POST", rpc("chain.get_head_info", {}), expectResult);
    const readContract = await throughput(node.url, "POST", readBody, expectResult);
    const latencies = await inclusionLatency(node.url, token, alice, bob, 40);

    const rows = [
      ["OPTIONS (HTTP only, baseline)", baseline, 1],
      ["chain.get_head_info", headInfo, headInfo / baseline],
      ["chain.read_contract (token balance_of)", readContract, readContract / baseline],
    ];
    console.log(`\nJSON-RPC throughput, ${clients} keep-alive clients, ${phaseSeconds} s per phase`);
    for (const [name, rate, ratio] of rows) console.log(`  ${name.padEnd(42)} ${rate.toFixed(0).padStart(8)} req/s  ${ratio.toFixed(2)}x baseline`);
    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    console.log(`\nsubmit-to-inclusion, ${latencies.length} transfers one at a time, block interval ${blockIntervalMs} ms`);
    console.log(`  p50 ${p50.toFixed(0)} ms (${(p50 / blockIntervalMs).toFixed(2)}x interval), p95 ${p95.toFixed(0)} ms (${(p95 / blockIntervalMs).toFixed(2)}x), max ${latencies[latencies.length - 1].toFixed(0)} ms`);
  } finally {
    node.child.removeAllListeners("exit");
    node.child.kill("SIGTERM");
    await new Promise((r) => node.child.on("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
