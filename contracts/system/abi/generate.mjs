#!/usr/bin/env node
// Writes contracts/system/abi/<module>.abi.json, the koilib 9 ABIs of the system contracts
// (docs/system_contracts/abi.md): {methods: {name: {entry_point, argument, return, read_only, description,
// default_output?}}, events: {name: {type, description}}, koilib_types: protobufjs JSON descriptor}.
//
// Types come from @koinos/proto-js 2.1.0 (tools/npm/node_modules/@koinos/proto-js/index.json, every
// koinos-proto message) and from the modchain-only messages of contracts/system/proto/*.proto, parsed here
// (proto3 messages with scalar/message/repeated fields are all those files use). Each ABI carries only the
// types its methods and events reach, with every type reference written fully qualified: koilib looks
// nested types up from the root by the name written in the field, and a short name would find the first
// message of that name in any package.
//
// Entry point ids are sha256(name)[0..4], big-endian; each one must appear as a hex literal (a
// static_assert) in the module's source, so a method the contract does not serve cannot slip in.
//
// Usage: node generate.mjs          write the five files
//        node generate.mjs --check  exit 1 if a committed file differs from what would be written
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..", "..");
const protoJs = path.join(repoRoot, "tools", "npm", "node_modules", "@koinos", "proto-js", "index.json");
const protoDir = path.join(here, "..", "proto");

// Bytes fields of the modchain-only messages that hold addresses: koilib shows and accepts them in base58
// (the .proto files carry no koinos btype annotations).
const k_btypes = { "modchain.consensus.consensus_config.producers": "ADDRESS" };
const k_scalars = new Set(["double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
  "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes"]);
const k_64bit = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

// ---------------------------------------------------------------------------------------------------
// The methods and events of each module (docs/system_contracts/<module>.md).

const token = (n) => `koinos.contracts.token.${n}`;
const chain = (n) => `koinos.chain.${n}`;
const ns = (n) => `koinos.contracts.name_service.${n}`;
const res = (n) => `koinos.contracts.resources.${n}`;
const gov = (n) => `koinos.contracts.governance.${n}`;
const mgov = (n) => `modchain.governance.${n}`;
const mcons = (n) => `modchain.consensus.${n}`;

// method(name, argument, return, read_only, description[, id_name]): id_name is the string whose sha256
// gives the entry point when it is not the method name (the Koinos resources quirk).
const method = (name, argument, ret, readOnly, description, idName = name) =>
  ({ name, argument, return: ret, read_only: readOnly, description, idName });
const authorize = method("authorize", chain("authorize_arguments"), chain("authorize_result"), true,
  "Called by the chain when this contract's address must authorize something: answers check_system_authority().");

const k_modules = {
  koin: {
    methods: [
      method("name", token("name_arguments"), token("name_result"), true, "Token name: \"Koin\"."),
      method("symbol", token("symbol_arguments"), token("symbol_result"), true, "Token symbol: \"KOIN\"."),
      method("decimals", token("decimals_arguments"), token("decimals_result"), true, "Decimals: 8."),
      method("total_supply", token("total_supply_arguments"), token("total_supply_result"), true,
        "Total supply in satoshi (1 KOIN = 100,000,000)."),
      method("balance_of", token("balance_of_arguments"), token("balance_of_result"), true, "Balance of `owner`."),
      method("transfer", token("transfer_arguments"), token("transfer_result"), false,
        "Moves `value` KOIN and as much mana from `from` (needs its authority, balance and mana) to `to`."),
      method("mint", token("mint_arguments"), token("mint_result"), false,
        "Creates KOIN (and mana) for `to`; only a system contract or system authority (a governance proposal)."),
      method("burn", token("burn_arguments"), token("burn_result"), false,
        "Destroys `value` KOIN and mana of `from` (needs its authority)."),
      method("get_account_rc", chain("get_account_rc_arguments"), chain("get_account_rc_result"), true,
        "The account's mana, regenerated to the head block time: its resource credits (system call 201)."),
      method("consume_account_rc", chain("consume_account_rc_arguments"), chain("consume_account_rc_result"), false,
        "Chain only (system call 202): charges mana. A user-mode caller gets false."),
      authorize,
    ],
    events: [
      ["koinos.contracts.token.transfer_event", token("transfer_event"), "transfer; impacted [to, from]"],
      ["koinos.contracts.token.mint_event", token("mint_event"), "mint; impacted [to]"],
      ["koinos.contracts.token.burn_event", token("burn_event"), "burn; impacted [from]"],
    ],
  },
  name_service: {
    methods: [
      method("get_name", ns("get_name_arguments"), ns("get_name_result"), true,
        "Name of a system contract address (system call 10000); the empty message when it has none."),
      method("get_address", ns("get_address_arguments"), ns("get_address_result"), true,
        "Address of a system contract name (system call 10001); reverts for an unknown name."),
      method("set_record", ns("set_record_arguments"), ns("set_record_result"), false,
        "Points `name` at `address` (one-to-one); needs system authority."),
      authorize,
    ],
    events: [
      ["koinos.contracts.record_update_event", ns("record_update_event"),
        "set_record; impacted [address] plus the name's previous address"],
    ],
  },
  resources: {
    methods: [
      method("get_resource_limits", chain("get_resource_limits_arguments"), chain("get_resource_limits_result"), true,
        "Block limits and rc prices of disk, network and compute (system call 203)."),
      method("consume_block_resources", chain("consume_block_resources_arguments"),
        chain("consume_block_resources_result"), false,
        "Chain only (system call 204): a block's usage moves the markets. A user-mode caller gets false."),
      method("get_resource_markets", res("get_resource_markets_arguments"), res("get_resource_markets_result"), true,
        "Supply, budget and block limit of the three markets."),
      method("set_resource_markets_parameters", res("set_resource_markets_parameters_arguments"),
        res("set_resource_markets_parameters_result"), false, "Sets budgets and block limits; needs system authority."),
      method("get_resource_parameters", res("get_resource_parameters_arguments"),
        res("get_resource_parameters_result"), true, "Interval, regeneration, decay and print rate parameters.",
        "get_resource_parameters_entry"),
      method("set_resource_parameters", res("set_resource_parameters_arguments"),
        res("set_resource_parameters_result"), false, "Sets the parameters; needs system authority.",
        "set_resource_parameters_entry"),
      authorize,
    ],
    events: [],
  },
  governance: {
    methods: [
      method("submit_proposal", gov("submit_proposal_arguments"), gov("submit_proposal_result"), false,
        "Submits operations as a proposal; its id is operation_merkle_root (sha2-256 multihash of their merkle root). " +
        "`fee` (>= min_fee) is burned through koin."),
      method("get_proposal_by_id", gov("get_proposal_by_id_arguments"), gov("get_proposal_by_id_result"), true,
        "One proposal record; the empty message when unknown. Status: pending 0, active 1, approved 2, " +
        "expired 3, applied 4, failed 5, reverted 6."),
      method("get_proposals", gov("get_proposals_arguments"), gov("get_proposals_result"), true,
        "Proposal records in id order after `start_proposal`; `limit` 0 = all."),
      method("get_proposals_by_status", gov("get_proposals_by_status_arguments"),
        gov("get_proposals_by_status_result"), true, "Like get_proposals, only those with `status`."),
      method("get_parameters", mgov("get_parameters_arguments"), mgov("get_parameters_result"), true,
        "Review/vote/application periods (blocks), thresholds (%), min_fee, proposal_rc_limit (modchain)."),
      method("set_parameters", mgov("set_parameters_arguments"), mgov("set_parameters_result"), false,
        "Sets the parameters (fields left 0 take their defaults); needs system authority, i.e. a proposal."),
      method("block_callback", chain("pre_block_callback_arguments"), chain("pre_block_callback_result"), false,
        "Chain only (system call 8, before each block): votes, status transitions, application."),
      method("check_system_authority", chain("check_system_authority_arguments"),
        chain("check_system_authority_result"), true,
        "System call 110 on a governed chain: true only inside an applied proposal's transaction."),
      authorize,
    ],
    events: [
      ["proposal.submission", gov("proposal_status_event"), "submit_proposal: {id, status pending}"],
      ["proposal.status", gov("proposal_status_event"), "a status transition: {id, status}"],
      ["proposal.vote", gov("proposal_vote_event"), "a vote: {id, vote_tally after the vote, vote_threshold}"],
      ["governance.parameters", mgov("governance_parameters"), "set_parameters: the stored parameters"],
    ],
  },
  consensus: {
    methods: [
      method("get_config", mcons("get_config_arguments"), mcons("consensus_config"), true,
        "The producer set and slot length (the stored consensus_config itself; empty when never set)."),
      method("set_config", mcons("consensus_config"), mcons("set_config_result"), false,
        "Replaces the producer set (1-64 distinct addresses) and slot_ms (>= 10); needs system authority."),
      method("process_block_signature", chain("process_block_signature_arguments"),
        chain("process_block_signature_result"), true,
        "System call 101: true iff header.signer is the producer of the block's slot and signed the block id."),
      authorize,
    ],
    events: [
      ["modchain.consensus.config_update", mcons("consensus_config"), "set_config: the stored config; impacted the producers"],
    ],
  },
};

// ---------------------------------------------------------------------------------------------------
// Type catalogue: full name → protobufjs JSON node ({fields, oneofs?} or {values}).

function catalogueProtoJs(node, prefix, out) {
  for (const [name, child] of Object.entries(node.nested || {})) {
    const full = prefix ? `${prefix}.${name}` : name;
    if (child.fields || child.values) out.set(full, child);
    catalogueProtoJs(child, full, out);
  }
}

// The modchain-only proto3 files: `package`, `message X { [repeated] type name = N [opts]; }`. Anything
// else (enums, maps, oneofs, imports, nested messages) is refused, so a new construct gets noticed.
function parseProto(text, file, out) {
  const src = text.replace(/\/\/[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
  const pkg = (/\bpackage\s+([\w.]+)\s*;/.exec(src) || [])[1];
  if (!pkg) throw new Error(`${file}: no package`);
  const rest = src.replace(/\bsyntax\s*=\s*"proto3"\s*;/, "").replace(/\bpackage\s+[\w.]+\s*;/, "");
  const messageRe = /\bmessage\s+(\w+)\s*\{([^{}]*)\}/g;
  let m;
  while ((m = messageRe.exec(rest))) {
    const fields = {};
    for (const decl of m[2].split(";").map((s) => s.trim()).filter(Boolean)) {
      const f = /^(repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*(?:\[(.*)\])?$/.exec(decl);
      if (!f) throw new Error(`${file}: message ${m[1]}: cannot parse "${decl}"`);
      const field = { ...(f[1] && { rule: "repeated" }), type: f[2], id: Number(f[4]) };
      const options = parseFieldOptions(f[5], `${file}: ${m[1]}.${f[3]}`);
      if (k_64bit.has(field.type)) options.jstype = "JS_STRING";  // as koinos-proto annotates them
      const btype = k_btypes[`${pkg}.${m[1]}.${f[3]}`];
      if (btype) options["(btype)"] = btype;
      if (Object.keys(options).length) field.options = options;
      fields[f[3]] = field;
    }
    out.set(`${pkg}.${m[1]}`, { fields });
  }
  const leftover = rest.replace(messageRe, "").trim();
  if (leftover) throw new Error(`${file}: unsupported proto content: ${leftover.slice(0, 80)}`);
}

function parseFieldOptions(text, where) {
  const options = {};
  for (const part of (text || "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const o = /^\(?([\w.]+)\)?\s*=\s*(\w+)$/.exec(part);
    if (!o) throw new Error(`${where}: cannot parse option "${part}"`);
    const key = /^\(/.test(part) ? `(${o[1] === "koinos.btype" ? "btype" : o[1]})` : o[1];
    options[key] = o[2];
  }
  return options;
}

// protobuf scoping: a reference `ref` written inside `scope` (a message's full name) is looked up in
// scope, then its parent, ... up to the root.
function resolve(ref, scope, catalogue) {
  if (ref.startsWith(".")) ref = ref.slice(1);
  const parts = scope.split(".");
  for (let i = parts.length; i >= 0; --i) {
    const candidate = [...parts.slice(0, i), ref].join(".");
    if (catalogue.has(candidate)) return candidate;
  }
  throw new Error(`type ${ref} (used in ${scope}) not found`);
}

// The closure of `roots` in the catalogue, each message copied with fully qualified field types.
function closure(roots, catalogue) {
  const done = new Map();
  const pending = [...roots];
  while (pending.length) {
    const full = pending.pop();
    if (done.has(full)) continue;
    const node = catalogue.get(full);
    if (!node) throw new Error(`type ${full} not found`);
    if (node.values) { done.set(full, { values: { ...node.values } }); continue; }
    const fields = {};
    for (const [name, field] of Object.entries(node.fields)) {
      const copy = { ...field, ...(field.options && { options: { ...field.options } }) };
      if (!k_scalars.has(field.type)) {
        copy.type = resolve(field.type, full, catalogue);
        pending.push(copy.type);
      }
      fields[name] = copy;
    }
    done.set(full, { ...(node.oneofs && { oneofs: structuredClone(node.oneofs) }), fields });
  }
  return done;
}

// Full names → nested protobufjs JSON namespaces, in name order (stable output).
function nest(types) {
  const root = { nested: {} };
  for (const full of [...types.keys()].sort()) {
    let at = root;
    const parts = full.split(".");
    for (const part of parts.slice(0, -1)) at = ((at.nested ||= {})[part] ||= { nested: {} });
    (at.nested ||= {})[parts.at(-1)] = { ...types.get(full), ...(at.nested[parts.at(-1)] || {}) };
  }
  return root;
}

// What koilib 9 returns when a read answers the empty message (Serializer.deserialize with defaults, then
// its btype pass, which drops falsy values): [] for repeated fields, "0" for 64-bit integers.
function emptyOutput(type, catalogue) {
  const out = {};
  for (const [name, field] of Object.entries(catalogue.get(type).fields)) {
    if (field.rule === "repeated") out[name] = [];
    else if (k_64bit.has(field.type)) out[name] = "0";
  }
  return out;
}

const entryPointId = (name) => createHash("sha256").update(name).digest().readUInt32BE(0);

function buildAbi(module, spec, catalogue) {
  const source = fs.readFileSync(path.join(here, "..", `${module}.cpp`), "utf8").toLowerCase();
  const methods = {};
  for (const m of spec.methods) {
    const id = entryPointId(m.idName);
    const hex = `0x${id.toString(16).padStart(8, "0")}`;
    if (!source.includes(hex)) throw new Error(`${module}.${m.name}: ${hex} is not asserted in ${module}.cpp`);
    methods[m.name] = { entry_point: id, argument: m.argument, return: m.return, read_only: m.read_only,
      description: `${m.description} Entry point ${hex}.`,
      ...(m.read_only && { default_output: emptyOutput(m.return, catalogue) }) };
  }
  const events = {};
  for (const [name, type, description] of spec.events) events[name] = { type, description };
  const roots = [...spec.methods.flatMap((m) => [m.argument, m.return]), ...spec.events.map((e) => e[1])];
  return { methods, events, koilib_types: nest(closure(roots, catalogue)) };
}

function main() {
  const catalogue = new Map();
  catalogueProtoJs(JSON.parse(fs.readFileSync(protoJs, "utf8")), "", catalogue);
  for (const file of fs.readdirSync(protoDir).filter((f) => f.endsWith(".proto")).sort()) {
    parseProto(fs.readFileSync(path.join(protoDir, file), "utf8"), file, catalogue);
  }
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [module, spec] of Object.entries(k_modules)) {
    const file = path.join(here, `${module}.abi.json`);
    const text = JSON.stringify(buildAbi(module, spec, catalogue), null, 2) + "\n";
    if (!check) { fs.writeFileSync(file, text); console.log(`wrote ${path.relative(repoRoot, file)}`); continue; }
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) {
      console.error(`${path.relative(repoRoot, file)} is stale: run node ${path.relative(repoRoot, fileURLToPath(import.meta.url))}`);
      stale += 1;
    }
  }
  if (check) { if (stale) process.exit(1); console.log("ABIs up to date"); }
}

main();
