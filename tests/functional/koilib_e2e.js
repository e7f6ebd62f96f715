#!/usr/bin/env node
// koilib 9.1.1 end to end against a real `modchaind --dev` (docs/node.md): deploy the AssemblyScript
// token (contracts/as/token), mint, transfer between two koilib signers, read balances, wait() for
// inclusion, check nonces and rc, and the documented errors for a bad signature, a replayed nonce and an
// rc_limit above the account's rc. Usage: node koilib_e2e.js PATH/TO/modchaind REPO_ROOT
"use strict";
const assert = require("node:assert/strict");
const { withNode } = require("./modchaind_process.js");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { Contract, Provider, Signer, Transaction } = require("koilib");

const [modchaind, repoRoot] = process.argv.slice(2);
const tokenDir = path.join(repoRoot, "contracts", "as", "token");

// The token's ABI is in the koinos-sdk-as CLI form (entryPoint/input/output/readOnly); koilib 9 wants
// entry_point/argument/return/read_only.
function koilibAbi(cliAbi) {
  const methods = {};
  for (const [name, m] of Object.entries(cliAbi.methods)) {
    methods[name] = { entry_point: m.entryPoint, argument: m.input, return: m.output, read_only: m.readOnly };
  }
  return { methods, types: cliAbi.types };
}

// Runs `promise`, which must fail with a koilib error carrying koinos code `code`; returns the parsed error.
async function expectKoinosError(promise, code) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected a koinos error with code ${code}`);
  const parsed = JSON.parse(error.message);
  assert.equal(parsed.code, code, error.message);
  return parsed;
}

async function main() {
  await withNode(modchaind, ["--dev", "--jsonrpc-listen", "127.0.0.1:0", "--block-interval", "250"], run);
}

async function run(node) {
  const provider = new Provider(node.url);
  const seed = crypto.randomBytes(16).toString("hex");
  const tokenKey = Signer.fromSeed(seed + "token");
  const alice = Signer.fromSeed(seed + "alice");
  const bob = Signer.fromSeed(seed + "bob");
  for (const s of [tokenKey, alice, bob]) s.provider = provider;
  const devKey = Signer.fromWif(node.wif);
  assert.equal((await provider.getHeadInfo()).head_topology !== undefined, true);
  const chainId = await provider.getChainId();
  assert.match(chainId, /^EiB|^EiA|^EiC|^EiD/);
  assert.equal(await provider.getAccountRc(alice.getAddress()), "1000000000");
  assert.equal(await provider.getNonce(alice.getAddress()), 0);
  assert.ok(devKey.getAddress().startsWith("1"));

  // Deploy: contract id = the deployer's address. No authorizesCallContract: the token has no
  // `authorize` entry point, so mint's check_authority falls back to the token key's signature.
  const cliAbi = JSON.parse(fs.readFileSync(path.join(tokenDir, "token-abi.json"), "utf8"));
  const abi = koilibAbi(cliAbi);
  const bytecode = fs.readFileSync(path.join(tokenDir, "token.wasm"));
  const deployer = new Contract({ signer: tokenKey, provider, bytecode, abi });
  const deployed = await deployer.deploy({ abi: JSON.stringify(cliAbi) });
  const deployedAt = await deployed.transaction.wait("byTransactionId", 20000);
  console.log("deployed the token at", tokenKey.getAddress(), "in block", deployedAt.blockNumber);

  const asToken = (signer) => new Contract({ id: tokenKey.getAddress(), abi, provider, signer });
  const minted = await asToken(tokenKey).functions.mint({ to: alice.getAddress(), value: "1000" });
  await minted.transaction.wait("byTransactionId", 20000);
  const transfer = await asToken(alice).functions.transfer({ from: alice.getAddress(), to: bob.getAddress(), value: "300" });
  assert.equal(transfer.receipt.reverted, undefined);
  const included = await transfer.transaction.wait("byTransactionId", 20000);
  console.log("transfer", transfer.transaction.id, "in block", included.blockNumber);

  const reader = asToken(undefined);
  assert.deepEqual((await reader.functions.balance_of({ owner: alice.getAddress() })).result, { value: "700" });
  assert.deepEqual((await reader.functions.balance_of({ owner: bob.getAddress() })).result, { value: "300" });
  assert.deepEqual((await reader.functions.symbol({})).result, { value: "MTT" });
  assert.equal(await provider.getNonce(alice.getAddress()), 1);
  assert.equal(await provider.getNonce(tokenKey.getAddress()), 2);
  assert.equal(await provider.getNonce(bob.getAddress()), 0);

  // The same signed transaction again: its nonce is used.
  const { wait: _wait, ...signedTransfer } = transfer.transaction;
  const replayed = await expectKoinosError(provider.sendTransaction(signedTransfer), -201);
  assert.equal(replayed.error, "invalid transaction nonce");
  console.log("replayed nonce:", JSON.stringify(replayed));
  // Signed by bob but paid by alice: authorization_failure.
  const forged = new Transaction({ signer: bob, provider, options: { payer: alice.getAddress() } });
  await forged.pushOperation(asToken(bob).functions.transfer, { from: alice.getAddress(), to: bob.getAddress(), value: "1" });
  await forged.prepare();
  await forged.sign();
  const forgedError = await expectKoinosError(forged.send(), -200);
  assert.equal(forgedError.error, "transaction not authorized by account");
  // A signature that is not a valid Koinos signature (s above the canonical bound): invalid_signature.
  const garbled = new Transaction({ signer: alice, provider });
  await garbled.pushOperation(asToken(alice).functions.transfer, { from: alice.getAddress(), to: bob.getAddress(), value: "1" });
  await garbled.prepare();
  await garbled.sign();
  const badSignature = Buffer.alloc(65, 0xff);
  badSignature[0] = 31;
  garbled.transaction.signatures = [badSignature.toString("base64url") + "="];
  const garbledError = await expectKoinosError(garbled.send(), -202);
  console.log("bad signature:", JSON.stringify(garbledError));
  // rc_limit above the account's rc.
  const greedy = asToken(alice);
  const greedyError = await expectKoinosError(greedy.functions.transfer({ from: alice.getAddress(), to: bob.getAddress(), value: "1" },
    { rcLimit: "1000000001" }), 104);
  assert.equal(greedyError.error, "insufficient pending account resources");
  console.log("rc_limit above rc:", JSON.stringify(greedyError));
  // An overdraft reverts: the error carries code 1 and nothing is broadcast.
  const reverted = await expectKoinosError(asToken(bob).functions.transfer({ from: bob.getAddress(), to: alice.getAddress(), value: "301" }), 1);
  assert.equal(reverted.error, "transaction reverted: account 'from' has insufficient balance");
  console.log("overdraft:", JSON.stringify(reverted));
  assert.equal(await provider.getNonce(bob.getAddress()), 0);

  // Two transfers back to back: the second continues from the pending nonce (value_type{uint64_value: 3}
  // = "KAM=") before the first is in a block. koilib's default rc_limit is the whole rc, which the first
  // pending transaction would reserve entirely (the second would get 104), so both ask for a tenth.
  const first = await asToken(alice).functions.transfer({ from: alice.getAddress(), to: bob.getAddress(), value: "1" },
    { rcLimit: "100000000" });
  const second = await asToken(alice).functions.transfer({ from: alice.getAddress(), to: bob.getAddress(), value: "2" },
    { rcLimit: "100000000", nonce: "KAM=" });
  await second.transaction.wait("byTransactionId", 20000);
  await first.transaction.wait("byTransactionId", 20000);
  assert.equal(await provider.getNonce(alice.getAddress()), 3);
  assert.deepEqual((await reader.functions.balance_of({ owner: alice.getAddress() })).result, { value: "697" });
  assert.deepEqual((await reader.functions.balance_of({ owner: bob.getAddress() })).result, { value: "303" });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
