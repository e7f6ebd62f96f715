#!/usr/bin/env python3
"""Functional test: three modchaind processes on 127.0.0.1 form a p2p network.

A producer (`--dev`, a block every 20 ms, p2p on an ephemeral port read from the banner) produces at
least MIN_BLOCKS blocks; then two followers start on empty data directories with a copy of the producer's
genesis file, no producer key and `--p2p-peer` = the producer. Both must sync to the producer's height at
the time they started (bounded polling, no timing asserts) and agree with it on the block id and the state
merkle root at that height and at a later common height (JSON-RPC block_store.get_blocks_by_height with
receipts). Prints the sync rate in blocks/s. All three are stopped with SIGTERM and must exit 0.
Usage: p2p_cluster_test.py PATH/TO/modchaind
"""
import os
import re
import shutil
import sys
import tempfile
import time

from modchaind_process import block_at, call, clean_up, fail_with_logs, height, stop, wait_for_height
from modchaind_process import start as start_node

MIN_BLOCKS = 1000
START_TIMEOUT_S = 30
PRODUCE_TIMEOUT_S = 60
SYNC_TIMEOUT_S = 60


def start(modchaind, args, log):
    node = start_node(modchaind, ["--jsonrpc-listen", "127.0.0.1:0", "--p2p-listen", "127.0.0.1:0"] + args,
                      log, START_TIMEOUT_S)
    return node.proc, node.url, node.p2p, node.banner


def main():
    modchaind = sys.argv[1]
    root = tempfile.mkdtemp(prefix="modchain_p2p_cluster_")
    logs = {}
    try:
        producer_dir = os.path.join(root, "producer")
        logs["producer"] = open(os.path.join(root, "producer.log"), "w")
        producer, producer_url, producer_p2p, banner = start(
            modchaind, ["--dev", "--data-dir", producer_dir, "--block-interval", "20"], logs["producer"])
        print(banner, end="")
        began = time.time()
        produced = wait_for_height(producer_url, MIN_BLOCKS, PRODUCE_TIMEOUT_S)
        print(f"producer at height {produced} after {time.time() - began:.1f} s")

        genesis = os.path.join(root, "genesis_data.json")
        shutil.copy(os.path.join(producer_dir, "genesis_data.json"), genesis)
        followers = []
        target = height(producer_url)
        sync_began = time.time()
        for name in ("follower1", "follower2"):
            logs[name] = open(os.path.join(root, name + ".log"), "w")
            proc, url, p2p, banner = start(
                modchaind, ["--data-dir", os.path.join(root, name), "--genesis", genesis, "--p2p-peer", producer_p2p],
                logs[name])
            assert re.search(r"producer:\s+off", banner), banner
            followers.append((name, proc, url))
        chain_id = call(producer_url, "chain.get_chain_id")["chain_id"]
        for name, _, url in followers:
            assert call(url, "chain.get_chain_id")["chain_id"] == chain_id, name
        for name, _, url in followers:
            wait_for_height(url, target, SYNC_TIMEOUT_S)
        elapsed = time.time() - sync_began
        print(f"2 followers synced {target} blocks each in {elapsed:.2f} s: "
              f"{target / elapsed:.0f} blocks/s per follower (including process start-up)")

        for name in ("follower1", "follower2"):
            logs[name].flush()
            with open(logs[name].name) as f:
                for line in f:
                    if "sync" in line:
                        print(f"{name}: {line}", end="")
        expected = block_at(producer_url, target)
        assert expected[0] and expected[1], expected
        for name, _, url in followers:
            got = block_at(url, target)
            assert got == expected, (name, target, got, expected)
        # Gossip keeps them following: a later common height matches too.
        later = height(producer_url) + 20
        for name, _, url in followers:
            wait_for_height(url, later, SYNC_TIMEOUT_S)
        expected = block_at(producer_url, later)
        for name, _, url in followers:
            assert block_at(url, later) == expected, (name, later)
        print(f"block id and state merkle root match at heights {target} and {later}")
        # Connected and caught up: p2p.get_gossip_status says so (it may flicker while a block is in flight).
        for name, _, url in followers:
            deadline = time.time() + 10
            while not call(url, "p2p.get_gossip_status").get("enabled"):
                assert time.time() < deadline, f"{name}: p2p.get_gossip_status never enabled"
                time.sleep(0.05)
        print("p2p.get_gossip_status: enabled on both followers")

        for name, proc, _ in followers:
            stop(proc, name, START_TIMEOUT_S)
        stop(producer, "producer", START_TIMEOUT_S)
        print("OK")
    except BaseException:
        fail_with_logs(logs)
        raise
    finally:
        clean_up(logs, root)


if __name__ == "__main__":
    main()
