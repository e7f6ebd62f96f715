#!/usr/bin/env node
// The committed system contract ABIs (contracts/system/abi/*.abi.json, docs/system_contracts/abi.md) used
// with koilib 9.1.1's unchanged `Contract` class against a real `modchaind --dev --profile governed`:
// reads of every module with exact values, a KOIN transfer and its event, and a governance proposal whose
// operation is encoded by koilib (koin's ABI), submitted through governance's ABI and read back pending.
// Usage: node system_abi_test.js PATH/TO/modchaind REPO_ROOT   (exit 77 when koilib is not installed)
"use strict";
const assert = require("node:assert/strict");
const { withNode } = require("./modchaind_process.js");
const fs = require("node:fs");
const path = require("node:path");

let koilib;
try {
  koilib = require("koilib");
} catch {
  console.log("skipped: koilib missing (scripts/setup.sh: npm ci in tests/functional)");
  process.exit(77);
}
const { Contract, Provider, Signer, Transaction } = koilib;

const [modchaind, repoRoot] = process.argv.slice(2);
const MODULES = ["koin", "name_service", "resources", "governance", "consensus"];
// Long governance windows so the proposal is still pending when it is read back, however slow the machine.
const PERIODS = { review: 1000, vote: 1000, delay: 10 };
const BLOCK_INTERVAL_MS = 200;
const PROPOSAL_FEE = "10000000000";  // the installer's governance min_fee: 100 KOIN, burned from the payer
const RC_LIMIT = "100000000000";  // 1,000 KOIN of mana, far above what these transactions cost

const systemAddress = (module) => Signer.fromSeed(`modchain system contract ${module}`).getAddress();
const loadAbi = (module) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, "contracts", "system", "abi", `${module}.abi.json`), "utf8"));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const headHeight = async (provider) => Number((await provider.getHeadInfo()).head_topology.height);

async function main() {
  await withNode(modchaind, ["--dev", "--profile", "governed", "--block-interval", String(BLOCK_INTERVAL_MS),
    "--jsonrpc-listen", "127.0.0.1:0", "--governance-periods", `${PERIODS.review},${PERIODS.vote},${PERIODS.delay}`], run);
}

async function run(node) {
  const provider = new Provider(node.url);
  const genesis = Signer.fromWif(node.wif);
  genesis.provider = provider;
  // Block 1 installs the contracts; their overrides take effect in block 2.
  while (await headHeight(provider) < 2) await sleep(100);
  const contract = {};
  for (const module of MODULES) {
    contract[module] = new Contract({ id: systemAddress(module), abi: loadAbi(module), provider, signer: genesis });
    // The installer uploads each module with its ABI: koilib finds it on chain (contract_meta_store).
    const fetched = await new Contract({ id: systemAddress(module), provider }).fetchAbi();
    assert.deepEqual(fetched, loadAbi(module), `on-chain ABI of ${module}`);
  }
  console.log("contract_meta_store: the five ABIs are on chain, identical to contracts/system/abi");
  await readNames(contract);
  await readKoin(contract.koin, provider, genesis);
  await readResources(contract.resources);
  await readConsensus(contract.consensus, genesis);
  await proposal(contract, genesis);
}

async function readNames({ name_service: names }) {
  for (const module of MODULES) {
    const { result } = await names.functions.get_address({ name: module });
    assert.deepEqual(result, { value: { address: systemAddress(module) } }, `get_address(${module})`);
    assert.deepEqual((await names.functions.get_name({ address: systemAddress(module) })).result,
      { value: { name: module } }, `get_name(${module})`);
  }
  // An address without a name: the empty message, which koilib shows as the ABI's default_output.
  const nobody = Signer.fromSeed("modchain system_abi_test nobody").getAddress();
  assert.deepEqual((await names.functions.get_name({ address: nobody })).result, {});
  console.log("name_service: the five names resolve both ways; koin is", systemAddress("koin"));
}

async function readKoin(koin, provider, genesis) {
  const f = koin.functions;
  assert.deepEqual((await f.name()).result, { value: "Koin" });
  assert.deepEqual((await f.symbol()).result, { value: "KOIN" });
  assert.deepEqual((await f.decimals()).result, { value: 8 });
  // governed install: 100,000,000 KOIN, all of it to the genesis key (the only producer).
  const supply = "10000000000000000";
  assert.deepEqual((await f.total_supply()).result, { value: supply });
  assert.deepEqual((await f.balance_of({ owner: genesis.getAddress() })).result, { value: supply });

  // get_account_rc is the mana, and it is what the chain reports as the account's rc (system call 201).
  // The genesis key pays every block's rc from its mana, so compare at one head.
  for (let attempt = 0; ; ++attempt) {
    const before = await headHeight(provider);
    const mana = (await f.get_account_rc({ account: genesis.getAddress() })).result.value;
    const rc = await provider.getAccountRc(genesis.getAddress());
    if (before !== await headHeight(provider)) { assert.ok(attempt < 50, "head kept moving"); continue; }
    assert.equal(mana, rc);
    assert.ok(BigInt(mana) > 0n && BigInt(mana) < BigInt(supply), `genesis mana ${mana} spent on blocks`);
    console.log(`koin: Koin/KOIN/8, supply ${supply}; genesis mana ${mana} = chain rc at block ${before}`);
    break;
  }

  const fresh = Signer.fromSeed(`modchain system_abi_test fresh ${Date.now()}`).getAddress();
  assert.deepEqual((await f.balance_of({ owner: fresh })).result, { value: "0" }, "unknown account: default_output");
  const value = "123456789";
  const { transaction, receipt } = await f.transfer({ from: genesis.getAddress(), to: fresh, value }, { rcLimit: RC_LIMIT });
  assert.equal(receipt.reverted, undefined, JSON.stringify(receipt.logs));
  assert.equal(receipt.events.length, 1);
  const event = await koin.decodeEvent(receipt.events[0]);
  assert.equal(event.name, "koinos.contracts.token.transfer_event");
  assert.equal(event.source, systemAddress("koin"));
  assert.deepEqual(event.impacted, [fresh, genesis.getAddress()]);
  assert.deepEqual(event.args, { from: genesis.getAddress(), to: fresh, value });
  const { blockNumber } = await transaction.wait("byTransactionId", 30000);
  assert.deepEqual((await f.balance_of({ owner: fresh })).result, { value });
  assert.deepEqual((await f.balance_of({ owner: genesis.getAddress() })).result, { value: "9999999876543211" });
  // A new account's mana is what arrived with the KOIN (full, nothing spent).
  assert.deepEqual((await f.get_account_rc({ account: fresh })).result, { value });
  assert.equal(await provider.getAccountRc(fresh), value);
  console.log(`koin: transfer of ${value} to ${fresh} in block ${blockNumber}; its balance and mana ${value}`);
}

async function readResources(resources) {
  const { result } = await resources.functions.get_resource_markets();
  // Budgets and limits are the defaults; the supplies start at the idle supply and only fall with use.
  const expected = { disk_storage: ["39600", "524288", 8332061253n], network_bandwidth: ["262144", "1048576", 55157213404n],
    compute_bandwidth: ["57500000", "287500000", 12098466059839n] };
  assert.deepEqual(Object.keys(result.value).sort(), Object.keys(expected).sort());
  for (const [market, [budget, limit, idle]] of Object.entries(expected)) {
    const m = result.value[market];
    assert.deepEqual({ block_budget: m.block_budget, block_limit: m.block_limit }, { block_budget: budget, block_limit: limit });
    assert.ok(BigInt(m.resource_supply) > 0n && BigInt(m.resource_supply) <= idle, `${market} supply ${m.resource_supply}`);
  }
  assert.ok(BigInt(result.value.compute_bandwidth.resource_supply) < 12098466059839n, "blocks used compute");
  assert.deepEqual((await resources.functions.get_resource_parameters()).result, { value: {
    block_interval_ms: "3000", rc_regen_ms: "432000000", decay_constant: "18446596084619782819",
    one_minus_decay_constant: "147989089768795", print_rate_premium: "1688", print_rate_precision: "1000" } });
  console.log("resources: markets", JSON.stringify(result.value));
}

async function readConsensus(consensus, genesis) {
  const { result } = await consensus.functions.get_config();
  assert.deepEqual(result, { producers: [genesis.getAddress()], slot_ms: String(3 * BLOCK_INTERVAL_MS) });
  console.log("consensus: config", JSON.stringify(result));
}

async function proposal({ governance, koin }, genesis) {
  const g = governance.functions;
  assert.deepEqual((await g.get_parameters()).result, { value: { review_period: String(PERIODS.review),
    vote_period: String(PERIODS.vote), application_delay: String(PERIODS.delay), standard_threshold_percent: "60",
    governance_threshold_percent: "75", min_fee: PROPOSAL_FEE, proposal_rc_limit: "1000000000000", max_proposals: "32" } });
  assert.deepEqual((await g.get_proposals()).result, { value: [] }, "no proposals: default_output");

  // The operation: koin.mint encoded by koilib from koin's ABI. The id is its operation merkle root, which
  // koilib computes when preparing a transaction holding the same operations.
  const beneficiary = Signer.fromSeed("modchain system_abi_test beneficiary").getAddress();
  const { operation } = await koin.functions.mint({ to: beneficiary, value: "1000000000" }, { onlyOperation: true });
  const preview = new Transaction({ options: { chainId: "EiA=", rcLimit: "1", nonce: "KAE=", payer: genesis.getAddress() } });
  await preview.pushOperation(operation);
  await preview.prepare();
  const root = preview.transaction.header.operation_merkle_root;
  const id = "0x" + Buffer.from(root, "base64url").toString("hex");

  const { transaction, receipt } = await g.submit_proposal({ operations: [operation], operation_merkle_root: root, fee: PROPOSAL_FEE },
    { rcLimit: RC_LIMIT });
  assert.equal(receipt.reverted, undefined, JSON.stringify(receipt.logs));
  // Two events: koin burns the fee from the payer, then governance records the submission.
  assert.deepEqual(receipt.events.map((e) => e.name), ["koinos.contracts.token.burn_event", "proposal.submission"]);
  assert.deepEqual((await koin.decodeEvent(receipt.events[0])).args, { from: genesis.getAddress(), value: PROPOSAL_FEE });
  const event = await governance.decodeEvent(receipt.events[1]);
  assert.equal(event.name, "proposal.submission");
  assert.equal(event.source, systemAddress("governance"));
  assert.deepEqual(event.args, { id });  // status pending (0): koilib leaves zero values out
  const { blockNumber } = await transaction.wait("byTransactionId", 30000);

  // koilib leaves out fields that decode to 0/false: status pending (0), shall_authorize, updates_governance.
  const record = { operations: [operation], operation_merkle_root: root, vote_start_height: String(blockNumber + PERIODS.review),
    vote_tally: "0", vote_threshold: String(PERIODS.vote * 60 / 100), fee: PROPOSAL_FEE };
  assert.deepEqual((await g.get_proposal_by_id({ proposal_id: id })).result, { value: record });
  assert.deepEqual((await g.get_proposals()).result, { value: [record] });
  assert.deepEqual((await g.get_proposals_by_status({ status: 0 })).result, { value: [record] });
  assert.deepEqual((await g.get_proposals_by_status({ status: 1 })).result, { value: [] });
  // The status itself, without koilib's byte conversion (which drops the 0): pending.
  const { operation: read } = await g.get_proposal_by_id({ proposal_id: id }, { onlyOperation: true });
  const raw = await governance.provider.readContract(read.call_contract);
  const plain = await governance.serializer.deserialize(raw.result, governance.abi.methods.get_proposal_by_id.return,
    { bytesConversion: false });
  assert.equal(plain.value.status, 0);
  assert.equal(plain.value.updates_governance, false);
  console.log(`governance: proposal ${id} (koin.mint of 10 KOIN) submitted in block ${blockNumber}:`,
    `pending, vote from ${record.vote_start_height}, threshold ${record.vote_threshold}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
