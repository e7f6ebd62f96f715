"""Helpers shared by the functional tests: start a real modchaind, read its banner, call its JSON-RPC the
way koilib does (POST /, Content-Type text/plain), wait for heights, stop it. Python stdlib only."""
import json
import shutil
import sys
import re
import signal
import subprocess
import time
import urllib.request

STARTED = []  # every process started, so a failing test can kill what is left (kill_all)


class Node:
    """A started modchaind: the process, its JSON-RPC URL, its p2p address (or None) and its banner."""

    def __init__(self, proc, url, p2p, banner):
        self.proc, self.url, self.p2p, self.banner = proc, url, p2p, banner


def start(modchaind, args, log, timeout):
    """Starts `modchaind args…` (stderr to `log`) and returns a Node once the banner names the RPC URL."""
    proc = subprocess.Popen([modchaind] + args, stdout=subprocess.PIPE, stderr=log, text=True)
    STARTED.append(proc)
    banner, p2p = [], None
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        banner.append(line)
        match = re.match(r"p2p:\s+(\S+?:\d+)", line)
        if match:
            p2p = match.group(1)
        match = re.match(r"JSON-RPC:\s+(http://\S+)", line)
        if match:
            return Node(proc, match.group(1), p2p, "".join(banner))
    proc.kill()
    raise SystemExit("modchaind did not print its RPC URL; banner so far:\n" + "".join(banner))


def call(url, method, params=None):
    """One JSON-RPC call; returns `result` or raises AssertionError with the error object."""
    body = json.dumps({"id": 1, "jsonrpc": "2.0", "method": method, "params": params or {}}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "text/plain;charset=UTF-8"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200, response.status
        answer = json.loads(response.read())
    if "error" in answer:
        raise AssertionError(f"{method}: {answer['error']}")
    return answer["result"]


def block_at(url, at):
    """(block id, state merkle root) of the block at height `at` on the node's head chain."""
    head_id = call(url, "chain.get_head_info")["head_topology"]["id"]
    items = call(url, "block_store.get_blocks_by_height", {
        "head_block_id": head_id, "ancestor_start_height": at, "num_blocks": 1,
        "return_block": False, "return_receipt": True})["block_items"]
    assert len(items) == 1 and int(items[0]["block_height"]) == at, items
    return items[0]["block_id"], items[0]["receipt"].get("state_merkle_root")


def height(url):
    """The node's head height."""
    return int(call(url, "chain.get_head_info")["head_topology"].get("height", 0))


def wait_for_height(url, target, timeout):
    """Polls until the head reaches `target` (bounded, no timing assertion); returns the height seen."""
    deadline = time.time() + timeout
    last = 0
    while time.time() < deadline:
        last = height(url)
        if last >= target:
            return last
        time.sleep(0.05)
    raise AssertionError(f"{url}: head did not reach {target} within {timeout} s (at {last})")


def stop(proc, name, timeout):
    """SIGTERM; the node must exit 0."""
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=timeout)
    assert code == 0, f"{name} exited with {code} after SIGTERM"


def kill_all():
    """Kills every started process that is still running."""
    for proc in STARTED:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def fail_with_logs(logs):
    """After a failure: kills every started node and prints the tail of each node's log to stderr."""
    kill_all()
    for name, log in logs.items():
        log.flush()
        with open(log.name) as f:
            lines = f.readlines()
        print(f"--- {name} log (last 40 lines) ---\n" + "".join(lines[-40:]), file=sys.stderr)


def clean_up(logs, root):
    """Closes the log files and removes the test's temporary folder."""
    for log in logs.values():
        log.close()
    shutil.rmtree(root, ignore_errors=True)
