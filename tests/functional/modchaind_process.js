// Shared by the koilib functional tests (koilib_e2e.js, governance_upgrade.js, system_abi_test.js): start a
// real modchaind, read its banner, stop it. The Python tests use modchaind_process.py.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/// Starts `modchaind args…`; resolves once the banner names the JSON-RPC URL with {name, child, url, wif (the
/// dev key when the banner prints it), p2p (bound HOST:PORT or undefined), banner, log() (stderr so far)}.
function startNode(modchaind, args, name = "modchaind") {
  return new Promise((resolve, reject) => {
    const child = spawn(modchaind, args, { stdio: ["ignore", "pipe", "pipe"] });
    let banner = "";
    let log = "";
    child.stderr.on("data", (d) => { log += d; });
    child.stdout.on("data", (d) => {
      banner += d;
      const url = /JSON-RPC:\s+(http:\/\/\S+)/.exec(banner);  // printed after the dev key and p2p lines
      if (!url) return;
      const wif = /dev key \(WIF\):\s+(\S+)/.exec(banner);
      const p2p = /p2p:\s+(\S+?:\d+)/.exec(banner);
      resolve({ name, child, url: url[1], wif: wif && wif[1], p2p: p2p && p2p[1], banner, log: () => log });
    });
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${banner}\n${log}`)));
    setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`${name}: no banner within 30 s:\n${banner}\n${log}`)); },
      30000).unref();
  });
}

/// SIGTERM; resolves with the exit code (at once if the process already ended).
function stopNode(node) {
  return new Promise((resolve) => {
    if (node.child.exitCode !== null) return resolve(node.child.exitCode);
    node.child.removeAllListeners("exit");
    node.child.on("exit", (code) => resolve(code));
    node.child.kill("SIGTERM");
  });
}

/// Runs `body(node)` against one modchaind started with `args` and a fresh --data-dir, then stops it and
/// requires exit code 0 ("OK" on success); on failure prints the tail of its log. Removes the data directory.
async function withNode(modchaind, args, body) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "modchain_koilib_"));
  let node;
  try {
    node = await startNode(modchaind, [...args, "--data-dir", dataDir]);
    process.stdout.write(node.banner);
    await body(node);
    const code = await stopNode(node);
    if (code !== 0) throw new Error(`modchaind exited with ${code} on SIGTERM`);
    console.log("OK");
  } catch (e) {
    if (node) {
      await stopNode(node);
      process.stderr.write(node.log().slice(-4000));
    }
    throw e;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

module.exports = { startNode, stopNode, withNode };
