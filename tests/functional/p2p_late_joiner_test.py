#!/usr/bin/env python3
"""Functional test: a late joiner syncs TARGET_BLOCKS blocks over p2p from a real modchaind producer,
survives a restart mid-sync, and four processes relay blocks along a line.

1. A producer (`--dev`, `--block-interval 10`, p2p on an ephemeral port) produces at least TARGET_BLOCKS
   blocks (the time it took is printed; ~85 blocks/s on 2 shared cores, so ~2 min for 10,000), then is
   restarted on its data dir at `--block-interval 100` (10 ms blocks would be gossiped above the per-peer
   block rate and get the producer banned by its followers, docs/p2p.md "Multi-node tests").
2. A late joiner (empty data dir, the producer's genesis, no key, `--p2p-peer` = producer) starts syncing.
   When its head passes ~40 % of the target it gets SIGTERM (must exit 0), then starts again on the same
   data dir: its head must not go back, and it must finish the sync (blocks/s printed for both legs).
3. Two more followers: F2 peered to the producer, F3 peered ONLY to F2 (so F3's blocks are relayed by a
   follower, first by sync from F2, then by gossip through F2).
4. All four agree on block id + receipt state merkle root (block_store.get_blocks_by_height with
   return_receipt) at the target and at a later height reached by gossip. SIGTERM, exit 0 each.
Bounded polling only, no timing assertions.
Usage: p2p_late_joiner_test.py PATH/TO/modchaind [TARGET_BLOCKS]
"""
import os
import re
import shutil
import sys
import tempfile
import time

from modchaind_process import block_at, call, clean_up, fail_with_logs, height, stop, wait_for_height
from modchaind_process import start as start_node

TARGET_BLOCKS = 10000
START_TIMEOUT_S = 30
PRODUCE_TIMEOUT_S = 480   # 10,000 blocks at 10 ms take ~2 min here; generous for a loaded CI machine
SYNC_TIMEOUT_S = 300
STOP_TIMEOUT_S = 60


def start(modchaind, args, log):
    return start_node(modchaind, ["--jsonrpc-listen", "127.0.0.1:0", "--p2p-listen", "127.0.0.1:0"] + args,
                      log, START_TIMEOUT_S)


def main():
    modchaind = sys.argv[1]
    target_blocks = int(sys.argv[2]) if len(sys.argv) > 2 else TARGET_BLOCKS
    root = tempfile.mkdtemp(prefix="modchain_p2p_late_joiner_")
    logs = {}

    def log_for(name):
        if name not in logs:
            logs[name] = open(os.path.join(root, name + ".log"), "a")
        return logs[name]

    try:
        producer_dir = os.path.join(root, "producer")
        producer = start(modchaind, ["--dev", "--data-dir", producer_dir, "--block-interval", "10"],
                         log_for("producer"))
        print(producer.banner, end="")
        began = time.time()
        produced = wait_for_height(producer.url, target_blocks, PRODUCE_TIMEOUT_S)
        took = time.time() - began
        print(f"producer at height {produced} after {took:.1f} s ({produced / took:.0f} blocks/s produced "
              f"at --block-interval 10)", flush=True)

        # Restart the producer on the same data dir at 100 ms per block before anyone follows it: at 10 ms
        # it gossips ~85-100 blocks/s, above the default per-peer gossip block rate (50/s, burst 200) every
        # p2p node enforces, so its followers would score it rate_limit (+1000 per block) and ban it within
        # seconds (found by this test; see docs/p2p.md "Multi-node tests").
        stop(producer.proc, "producer (after production)", STOP_TIMEOUT_S)
        producer = start(modchaind, ["--dev", "--data-dir", producer_dir, "--block-interval", "100"],
                         log_for("producer"))
        restarted_at = height(producer.url)
        assert restarted_at >= produced, f"producer restarted at {restarted_at}, below {produced}"
        print(f"producer restarted at height {restarted_at} with --block-interval 100", flush=True)

        genesis = os.path.join(root, "genesis_data.json")
        shutil.copy(os.path.join(producer_dir, "genesis_data.json"), genesis)
        target = height(producer.url)
        cut = int(target * 0.4)

        # Late joiner, first leg: SIGTERM once past ~40 % of the target.
        joiner_dir = os.path.join(root, "joiner")
        joiner_args = ["--data-dir", joiner_dir, "--genesis", genesis, "--p2p-peer", producer.p2p]
        sync_began = time.time()
        joiner = start(modchaind, joiner_args, log_for("joiner"))
        assert re.search(r"producer:\s+off", joiner.banner), joiner.banner
        at_cut = wait_for_height(joiner.url, cut, SYNC_TIMEOUT_S)
        first_leg = time.time() - sync_began
        assert at_cut < target, f"joiner reached {at_cut} >= {target} before the restart: not mid-sync"
        stop(joiner.proc, "joiner (mid-sync)", STOP_TIMEOUT_S)
        print(f"joiner: SIGTERM at height {at_cut} of {target} after {first_leg:.2f} s "
              f"({at_cut / first_leg:.0f} blocks/s, process start-up included); exit 0", flush=True)

        # Second leg on the same data dir: the head must not go back, the sync must finish.
        restart_began = time.time()
        joiner = start(modchaind, joiner_args, log_for("joiner"))
        resumed_at = height(joiner.url)
        assert resumed_at >= at_cut, f"joiner restarted at height {resumed_at}, below {at_cut} seen before SIGTERM"
        wait_for_height(joiner.url, target, SYNC_TIMEOUT_S)
        second_leg = time.time() - restart_began
        print(f"joiner: restarted at height {resumed_at}, reached {target} after {second_leg:.2f} s "
              f"({(target - resumed_at) / second_leg:.0f} blocks/s, start-up included); "
              f"total {target} blocks in {first_leg + second_leg:.2f} s of node time "
              f"({target / (first_leg + second_leg):.0f} blocks/s)", flush=True)

        # F2 peered to the producer, F3 peered only to F2: blocks reach F3 through a follower.
        target2 = height(producer.url)
        f2 = start(modchaind, ["--data-dir", os.path.join(root, "f2"), "--genesis", genesis,
                               "--p2p-peer", producer.p2p], log_for("f2"))
        f3 = start(modchaind, ["--data-dir", os.path.join(root, "f3"), "--genesis", genesis,
                               "--p2p-peer", f2.p2p], log_for("f3"))
        relay_began = time.time()
        wait_for_height(f2.url, target2, SYNC_TIMEOUT_S)
        wait_for_height(f3.url, target2, SYNC_TIMEOUT_S)
        print(f"f2 (peer: producer) and f3 (peer: f2 only) at {target2} after {time.time() - relay_began:.2f} s",
              flush=True)

        nodes = {"producer": producer, "joiner": joiner, "f2": f2, "f3": f3}
        expected = block_at(producer.url, target)
        assert expected[0] and expected[1], expected
        for name, node in nodes.items():
            got = block_at(node.url, target)
            assert got == expected, (name, target, got, expected)
        later = height(producer.url) + 50  # reached by gossip: producer -> f2 -> f3, producer -> joiner
        for name, node in nodes.items():
            wait_for_height(node.url, later, SYNC_TIMEOUT_S)
        expected_later = block_at(producer.url, later)
        for name, node in nodes.items():
            got = block_at(node.url, later)
            assert got == expected_later, (name, later, got, expected_later)
        print(f"4 nodes: block id and state merkle root match at heights {target} and {later}")

        for name in ("f3", "f2", "joiner", "producer"):
            stop(nodes[name].proc, name, STOP_TIMEOUT_S)
        print("OK")
    except BaseException:
        fail_with_logs(logs)
        raise
    finally:
        clean_up(logs, root)


if __name__ == "__main__":
    main()
