#!/usr/bin/env python3
"""Functional test: the real modchaind --dev on 127.0.0.1 with a temporary data directory.

Starts the node (ephemeral JSON-RPC port, read from the banner), waits for blocks, calls JSON-RPC like
koilib does (POST /, Content-Type text/plain), stops it with SIGTERM, restarts it on the same data
directory and checks the chain id is the same and the head is the same or later; then kills it with
SIGKILL and checks that a restart resumes.
Usage: node_rpc_test.py PATH/TO/modchaind
"""
import json
import os
import re
import shutil
import sys
import tempfile

from modchaind_process import call, height, kill_all, start, stop, wait_for_height

TIMEOUT_S = 30


def start_dev(modchaind, data_dir, log):
    node = start(modchaind, ["--dev", "--data-dir", data_dir, "--jsonrpc-listen", "127.0.0.1:0",
                             "--block-interval", "200"], log, TIMEOUT_S)
    return node.proc, node.url, node.banner


def main():
    modchaind = sys.argv[1]
    data_dir = tempfile.mkdtemp(prefix="modchain_functional_")
    log_path = os.path.join(data_dir, "node.log")
    try:
        with open(log_path, "w") as log:
            proc, url, banner = start_dev(modchaind, data_dir, log)
            print(banner, end="")
            assert re.search(r"dev key \(WIF\):\s+[KL]\w+", banner), "first start prints the dev key"
            wait_for_height(url, 3, TIMEOUT_S)
            chain_id = call(url, "chain.get_chain_id")["chain_id"]
            banner_id = re.search(r"chain id \(RPC\):\s+(\S+)", banner).group(1)
            assert chain_id == banner_id, (chain_id, banner_id)
            assert re.fullmatch(r"Ei[A-D][A-Za-z0-9_-]{43}==", chain_id), chain_id  # 34-byte multihash
            head = call(url, "chain.get_head_info")
            print("get_head_info:", json.dumps(head))
            blocks = call(url, "block_store.get_blocks_by_height", {
                "head_block_id": head["head_topology"]["id"], "ancestor_start_height": 1, "num_blocks": 2,
                "return_block": True})
            assert [int(b["block_height"]) for b in blocks["block_items"]] == [1, 2], blocks
            nonce = call(url, "chain.get_account_nonce", {"account": "1CyFiCYHVx8dakRmKxnZLqwjWDAYFiS4DP"})
            assert nonce == {"nonce": "KAA="}, nonce
            stop(proc, "modchaind", TIMEOUT_S)
            before = int(head["head_topology"]["height"])

            proc, url, banner = start_dev(modchaind, data_dir, log)
            assert "dev key" not in banner, "the dev key is printed once only"
            assert call(url, "chain.get_chain_id")["chain_id"] == chain_id
            after = height(url)
            print(f"head before restart >= {before}, right after restart {after}")
            assert after >= before, (before, after)
            wait_for_height(url, after + 1, TIMEOUT_S)

            # Crash: SIGKILL, then a restart resumes from the blocks on disk. A block is in the block store
            # before any RPC can see it as head, so nothing seen is lost.
            seen = height(url)
            proc.kill()
            proc.wait()
            proc, url, banner = start_dev(modchaind, data_dir, log)
            resumed = height(url)
            print(f"head seen before SIGKILL {seen}, after restart {resumed}")
            assert resumed >= seen, (seen, resumed)
            assert call(url, "chain.get_chain_id")["chain_id"] == chain_id
            wait_for_height(url, resumed + 1, TIMEOUT_S)
            stop(proc, "modchaind", TIMEOUT_S)
        print("OK")
    except BaseException:
        with open(log_path) as log:
            sys.stderr.write(log.read())
        raise
    finally:
        kill_all()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
