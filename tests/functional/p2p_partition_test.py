#!/usr/bin/env python3
"""Functional test: two producers on the two sides of a cut p2p link, then the link healed.

Both producers sign with the same key (one dev genesis has one producer): A runs `--dev` (100 ms blocks),
B gets a copy of A's genesis and `--producer-key <A's <data-dir>/block_producer/private.key>` (300 ms
blocks, so A's side grows faster and wins the kernel's fork choice, longest chain). C follows A, D follows
B. Fixed loopback ports (picked free at start) so restarted nodes keep their addresses.

1. Connected: A <- C, D -> A and D -> B (D bridges). Every node on one chain (same id + state root at a
   common height).
2. Cut: D restarted peered only to B. A+C and B+D produce separate forks; checked by a differing block id
   at a height above the cut. The cut stays shorter than the 60-block irreversibility distance, so the
   fork stays reversible.
3. Heal: D restarted peered to A and B. Every node must converge: same block id and state merkle root
   (block_store.get_blocks_by_height with return_receipt) at a height above both forks' tips, and B's
   node must have dropped its own fork block at the checked height.
SIGTERM, exit 0 each. Bounded polling, no timing assertions.
Usage: p2p_partition_test.py PATH/TO/modchaind
"""
import os
import shutil
import socket
import sys
import tempfile
import time

from modchaind_process import call, clean_up, fail_with_logs, height, stop, wait_for_height
from modchaind_process import start as start_node

START_TIMEOUT_S = 30
WAIT_S = 120
IRREVERSIBLE_DISTANCE = 60  # LIB = head - 60 on the dev chain


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def block_at(url, at):
    head_id = call(url, "chain.get_head_info")["head_topology"]["id"]
    items = call(url, "block_store.get_blocks_by_height", {
        "head_block_id": head_id, "ancestor_start_height": at, "num_blocks": 1,
        "return_block": False, "return_receipt": True})["block_items"]
    assert len(items) == 1 and int(items[0]["block_height"]) == at, items
    return items[0]["block_id"], items[0]["receipt"].get("state_merkle_root")


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


def main():
    modchaind = sys.argv[1]
    root = tempfile.mkdtemp(prefix="modchain_p2p_partition_")
    logs = {}
    ports = {name: (free_port(), free_port()) for name in "ABCD"}  # (p2p, rpc)
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
        # Let A's side get ahead (A is 3x faster) but stay well within the irreversibility distance.
        wait_for_height(nodes["A"].url, cut + 30, WAIT_S)
        tips = {name: height(node.url) for name, node in nodes.items()}
        assert fork_a != fork_b, f"no fork at height {check}: both sides have {fork_a}"
        assert max(tips.values()) - cut < IRREVERSIBLE_DISTANCE, (cut, tips)
        print(f"2. cut at ~{cut}: sides differ at {check} (A+C {fork_a[0][:18]}…, B+D {fork_b[0][:18]}…); "
              f"tips {tips}", flush=True)

        # 3. Heal: D peers both sides again.
        stop(nodes["D"].proc, "D", START_TIMEOUT_S)
        nodes["D"] = start("D", follower + peers("A", "B"))
        healed_at = max(height(node.url) for node in nodes.values()) + 10
        converged = wait_converged(nodes, healed_at, WAIT_S)
        assert wait_converged(nodes, check, WAIT_S) == fork_a, "the fork at the checked height is not A's"
        print(f"3. healed: A, B, C, D agree at height {healed_at} ({converged[0][:18]}…) and on A's block at "
              f"{check}; B dropped its fork", flush=True)

        for name in "DCBA":
            stop(nodes[name].proc, name, START_TIMEOUT_S)
        print("OK")
    except BaseException:
        fail_with_logs(logs)
        raise
    finally:
        clean_up(logs, root)


if __name__ == "__main__":
    main()
