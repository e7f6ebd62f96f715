#!/usr/bin/env python3
"""Functional test: two producers on the two sides of a cut p2p link, then the link healed; the losing
side's mempool is re-checked against the winning chain.

Both producers sign with the same key (one dev genesis has one producer): A runs `--dev` (100 ms blocks),
B gets a copy of A's genesis and `--producer-key <A's <data-dir>/block_producer/private.key>` (300 ms
blocks, so A's side grows faster and wins the kernel's fork choice, longest chain). C follows A, D follows
B. Fixed loopback ports (picked free at start) so restarted nodes keep their addresses.

1. Connected: A <- C, D -> A and D -> B (D bridges). Every node on one chain (same id + state root at a
   common height).
2. Cut: D restarted peered only to B. A+C and B+D produce separate forks; checked by a differing block id
   at a height above the cut. The cut stays shorter than the 60-block irreversibility distance, so the
   fork stays reversible.
3. Transactions on both sides (signed by p2p_test_transaction, no operations; every account has the dev
   chain's 10,000,000 native rc):
   - `lose` (account Z, nonce 1) submitted to B: included on B's fork only (D sees Z's nonce 1);
   - `win` (account X, nonce 1) submitted to A: included on A's fork (A sees X's nonce 1);
   - B is stopped, so D is alone on the losing fork without a producer; then `conflict` (X, nonce 1, other
     rc_limit, so another id) and `keep` (Y, nonce 1) are submitted to D and stay pending there (D's
     mempool = [conflict, keep] exactly; they are not gossiped anywhere: D has no peer).
4. Heal: E (new follower) peers A and D. Every node must converge (same block id and state merkle root at
   a height above both forks' tips) and D must be on A's block at the checked height. D's mempool is then
   [keep]: `conflict` was dropped (X's nonce 1 is used on the winning chain by `win`), `keep` stays, and
   `lose`, which only the orphaned fork included, comes back into D's mempool (still valid on A's chain),
   is gossiped again and included by A: Z's nonce becomes 1 everywhere without the sender resubmitting.
5. `keep` submitted to C (a follower: it reaches producer A by transaction gossip) is included; D's mempool
   becomes empty and Y's nonce is 1 on every node.
6. B restarted peered to A (its block store still holds its fork): it converges too and has A's block at
   the checked height (its own fork dropped).
SIGTERM, exit 0 each. Bounded polling, no timing assertions.
Usage: p2p_partition_test.py PATH/TO/modchaind PATH/TO/p2p_test_transaction
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from modchaind_process import block_at, call, clean_up, fail_with_logs, height, stop, wait_for_height
from modchaind_process import start as start_node

START_TIMEOUT_S = 30
WAIT_S = 120
IRREVERSIBLE_DISTANCE = 60  # LIB = head - 60 on the dev chain


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_converged(nodes, at, timeout):
    """Polls until every node is at `at` or above and all agree on (id, state root) at `at`."""
    deadline = time.time() + timeout
    seen = {}
    while time.time() < deadline:
        try:
            seen = {name: block_at(node.url, at) if height(node.url) >= at else None for name, node in nodes.items()}
        except AssertionError:
            seen = {}
        if seen and None not in seen.values() and len(set(seen.values())) == 1:
            return next(iter(seen.values()))
        time.sleep(0.2)
    raise AssertionError(f"nodes did not converge at height {at} within {timeout} s: {seen}")


def decode_nonce(text):
    """value_type{uint64_value} (field 5, varint) from base64url bytes; no nonce = 0."""
    data = base64.urlsafe_b64decode(text) if text else b""
    if not data:
        return 0
    assert data[0] == 0x28, data
    value, shift = 0, 0
    for byte in data[1:]:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value


def nonce(url, account):
    return decode_nonce(call(url, "chain.get_account_nonce", {"account": account}).get("nonce", ""))


def pending_ids(url):
    """The node's pending transaction ids, in the mempool's order (mempool.get_pending_transactions)."""
    pending = call(url, "mempool.get_pending_transactions", {"limit": 100}).get("pending_transactions", [])
    return [entry["transaction"]["id"] for entry in pending]


def wait_for(what, predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout} s")


def main():
    modchaind, signer = sys.argv[1], sys.argv[2]
    root = tempfile.mkdtemp(prefix="modchain_p2p_partition_")
    logs = {}
    ports = {name: (free_port(), free_port()) for name in "ABCDE"}  # (p2p, rpc)
    p2p = {name: f"127.0.0.1:{ports[name][0]}" for name in ports}

    def start(name, args):
        if name not in logs:
            logs[name] = open(os.path.join(root, name + ".log"), "a")
        return start_node(modchaind, ["--data-dir", os.path.join(root, name),
                                      "--p2p-listen", p2p[name],
                                      "--jsonrpc-listen", f"127.0.0.1:{ports[name][1]}"] + args,
                          logs[name], START_TIMEOUT_S)

    def peers(*names):
        out = []
        for name in names:
            out += ["--p2p-peer", p2p[name]]
        return out

    try:
        nodes = {}
        nodes["A"] = start("A", ["--dev", "--block-interval", "100"])
        print(nodes["A"].banner, end="")
        wait_for_height(nodes["A"].url, 10, WAIT_S)
        genesis = os.path.join(root, "genesis_data.json")
        shutil.copy(os.path.join(root, "A", "genesis_data.json"), genesis)
        with open(os.path.join(root, "A", "block_producer", "private.key")) as f:
            key = f.read().strip()
        follower = ["--genesis", genesis]

        # 1. Connected through D.
        nodes["C"] = start("C", follower + peers("A"))
        nodes["D"] = start("D", follower + peers("A", "B"))
        wait_for_height(nodes["D"].url, height(nodes["A"].url), WAIT_S)
        nodes["B"] = start("B", follower + ["--producer-key", key, "--block-interval", "300"] + peers("D"))
        common = height(nodes["A"].url) + 10
        wait_converged(nodes, common, WAIT_S)
        print(f"1. connected: A, B, C, D agree at height {common}", flush=True)

        # 2. Cut: D follows B only.
        stop(nodes["D"].proc, "D", START_TIMEOUT_S)
        nodes["D"] = start("D", follower + peers("B"))
        cut = max(height(nodes[name].url) for name in nodes)
        check = cut + 5
        side_a = {name: nodes[name] for name in "AC"}
        side_b = {name: nodes[name] for name in "BD"}
        fork_a = wait_converged(side_a, check, WAIT_S)
        fork_b = wait_converged(side_b, check, WAIT_S)
        tips = {name: height(node.url) for name, node in nodes.items()}
        assert fork_a != fork_b, f"no fork at height {check}: both sides have {fork_a}"
        print(f"2. cut at ~{cut}: sides differ at {check} (A+C {fork_a[0][:18]}…, B+D {fork_b[0][:18]}…); "
              f"tips {tips}", flush=True)

        # 3. Transactions on both sides; B stopped, so D keeps two pending transactions.
        chain_id = call(nodes["A"].url, "chain.get_chain_id")["chain_id"]

        def transaction(seed, nonce_value, rc_limit):
            text = subprocess.run([signer, seed, chain_id, str(nonce_value), str(rc_limit)], check=True,
                                  capture_output=True, text=True).stdout
            return json.loads(text)

        def submit(name, trx):
            call(nodes[name].url, "chain.submit_transaction", {"transaction": trx, "broadcast": True})

        lose = transaction("p2p partition Z", 1, 100000)
        win = transaction("p2p partition X", 1, 100000)
        conflict = transaction("p2p partition X", 1, 200000)
        keep = transaction("p2p partition Y", 1, 100000)
        account = {name: trx["header"]["payer"] for name, trx in
                   {"X": win, "Y": keep, "Z": lose}.items()}
        assert conflict["header"]["payer"] == account["X"] and conflict["id"] != win["id"]
        submit("B", lose)
        wait_for("lose included on B's fork (seen by D)", lambda: nonce(nodes["D"].url, account["Z"]) == 1, WAIT_S)
        submit("A", win)
        wait_for("win included on A's fork", lambda: nonce(nodes["A"].url, account["X"]) == 1, WAIT_S)
        stop(nodes["B"].proc, "B", START_TIMEOUT_S)
        del nodes["B"]
        assert nonce(nodes["D"].url, account["X"]) == 0
        submit("D", conflict)
        submit("D", keep)
        assert pending_ids(nodes["D"].url) == [conflict["id"], keep["id"]], pending_ids(nodes["D"].url)
        assert pending_ids(nodes["A"].url) == [], pending_ids(nodes["A"].url)
        # The losing fork must stay reversible for D (and B later): its tip well within the irreversibility
        # distance of the cut (the fork point can be a few blocks below `cut`). A's side only has to be longer.
        losing_tip = height(nodes["D"].url)
        assert losing_tip - cut < IRREVERSIBLE_DISTANCE - 20, (cut, losing_tip)
        wait_for_height(nodes["A"].url, losing_tip + 10, WAIT_S)
        print(f"3. lose on B's fork (Z nonce 1 on D), win on A's fork (X nonce 1 on A); B stopped; D pending "
              f"[conflict, keep]", flush=True)

        # 4. Heal through a new follower E peered to A and D.
        nodes["E"] = start("E", follower + peers("A", "D"))
        healed_at = max(height(node.url) for node in nodes.values()) + 10
        converged = wait_converged(nodes, healed_at, WAIT_S)
        assert wait_converged(nodes, check, WAIT_S) == fork_a, "the fork at the checked height is not A's"
        # D's fork switch orphaned B's block with `lose`; still valid on A's chain, it comes back into D's
        # mempool, is gossiped again and A includes it.
        for name, node in nodes.items():
            wait_for(f"lose included on {name}", lambda url=node.url: nonce(url, account["Z"]) == 1, WAIT_S)
        wait_for("D's mempool to be [keep]", lambda: pending_ids(nodes["D"].url) == [keep["id"]], WAIT_S)
        for name, node in nodes.items():
            got = {acc: nonce(node.url, account[acc]) for acc in "XYZ"}
            assert got == {"X": 1, "Y": 0, "Z": 1}, (name, got)
            if name != "D":
                wait_for(f"{name}'s mempool empty", lambda url=node.url: pending_ids(url) == [], WAIT_S)
        print(f"4. healed: A, C, D, E agree at height {healed_at} ({converged[0][:18]}…) and on A's block at "
              f"{check}; D's mempool re-checked: conflict dropped, keep pending, lose (orphaned) re-added, "
              f"gossiped and included; nonces X 1, Y 0, Z 1", flush=True)

        # 5. keep, submitted to follower C, reaches producer A by gossip and is included: D's mempool empties.
        submit("C", keep)
        for name, node in nodes.items():
            wait_for(f"keep included on {name}", lambda url=node.url: nonce(url, account["Y"]) == 1, WAIT_S)
        wait_for("D's mempool empty", lambda: pending_ids(nodes["D"].url) == [], WAIT_S)
        print("5. keep submitted to C, gossiped to A, included: Y nonce 1 everywhere, D's mempool empty", flush=True)

        # 6. B back (its block store holds its fork), peered to A: it converges on A's chain.
        nodes["B"] = start("B", follower + ["--producer-key", key, "--block-interval", "300"] + peers("A"))
        final = max(height(node.url) for node in nodes.values()) + 10
        wait_converged(nodes, final, WAIT_S)
        assert wait_converged(nodes, check, WAIT_S) == fork_a, "B kept its fork at the checked height"
        got = {acc: nonce(nodes["B"].url, account[acc]) for acc in "XYZ"}
        assert got == {"X": 1, "Y": 1, "Z": 1}, got
        print(f"6. B restarted: all five agree at height {final}; B dropped its fork block at {check}", flush=True)

        for name in "EDCBA":
            stop(nodes[name].proc, name, START_TIMEOUT_S)
        print("OK")
    except BaseException:
        fail_with_logs(logs)
        raise
    finally:
        clean_up(logs, root)


if __name__ == "__main__":
    main()
