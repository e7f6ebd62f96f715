#!/usr/bin/env python3
"""Functional test: raw TCP bad peers against a real modchaind's p2p port.

A producer (`--dev`, p2p on an ephemeral port) and a follower peered to it run. Then, each on a fresh TCP
connection from Python (frames built by hand: [u32 BE length][u8 version = 1][envelope protobuf]):
  - a frame of length 0, a frame with wire version 7, a well-framed payload that is not an envelope,
    an oversized frame header (length 0x7fffffff), an HTTP request (its first 4 bytes read as a huge length);
  - a `hello` with the producer's chain id with its last byte flipped (the node's own hello is read and
    decoded first, so the wrong id differs by one byte), encoded by hand with varints;
  - a connection that never says hello (the 5 s handshake timeout).
Every connection must be closed by the node (EOF or reset within a bounded wait). The wrong-chain one must
get a `disconnect` message with reason wrong_chain (2) first. The producer's log must name the offenses
with their scores (malformed_frame, oversized_frame, wrong_chain). Afterwards the producer keeps producing
and answering JSON-RPC, and the follower keeps following (same block id + state merkle root at a later
height). SIGTERM, exit 0 each.
Usage: p2p_bad_peer_test.py PATH/TO/modchaind
"""
import os
import re
import shutil
import socket
import struct
import sys
import tempfile
import time

from modchaind_process import block_at, call, clean_up, fail_with_logs, height, stop, wait_for_height
from modchaind_process import start as start_node

START_TIMEOUT_S = 30
CLOSE_TIMEOUT_S = 20   # the handshake timeout is 5 s; everything else closes at once
WAIT_S = 60


def start(modchaind, args, log):
    return start_node(modchaind, ["--jsonrpc-listen", "127.0.0.1:0", "--p2p-listen", "127.0.0.1:0"] + args,
                      log, START_TIMEOUT_S)


# --- protobuf by hand -----------------------------------------------------------------------------------

def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_bytes(number, data):
    return varint((number << 3) | 2) + varint(len(data)) + data


def read_varint(data, pos):
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def fields(data):
    """{field number: [values]} of one protobuf message (varint and length-delimited fields only)."""
    out, pos = {}, 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, kind = key >> 3, key & 7
        if kind == 0:
            value, pos = read_varint(data, pos)
        elif kind == 2:
            size, pos = read_varint(data, pos)
            value, pos = data[pos:pos + size], pos + size
        else:
            raise AssertionError(f"unexpected wire type {kind} in {data!r}")
        out.setdefault(number, []).append(value)
    return out


def frame(payload, version=1):
    return struct.pack(">IB", 1 + len(payload), version) + payload


def hello_envelope(chain_id):
    hello = (field_varint(1, 1) + field_bytes(2, chain_id) + field_bytes(4, os.urandom(16)) +
             field_varint(5, 0) + field_bytes(6, b"modchain-bad-peer-test"))
    return field_bytes(1, hello)  # envelope.hello = 1


# --- raw socket ---------------------------------------------------------------------------------------

def connect(address):
    host, port = address.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=CLOSE_TIMEOUT_S)
    sock.settimeout(CLOSE_TIMEOUT_S)
    return sock


def read_frames(buffer):
    """Splits complete frames off `buffer` -> ([envelope bytes], rest)."""
    out = []
    while len(buffer) >= 5:
        length, version = struct.unpack(">IB", buffer[:5])
        if len(buffer) < 4 + length:
            break
        assert version == 1, version
        out.append(bytes(buffer[5:4 + length]))
        buffer = buffer[4 + length:]
    return out, buffer


def read_until_closed(sock, what):
    """Reads until the node closes the connection; returns the envelopes it sent. Fails on timeout."""
    received = b""
    deadline = time.time() + CLOSE_TIMEOUT_S
    while time.time() < deadline:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            break
        except socket.timeout:
            continue
        if not chunk:
            break
        received += chunk
    else:
        raise AssertionError(f"{what}: the node did not close the connection within {CLOSE_TIMEOUT_S} s")
    sock.close()
    envelopes, _ = read_frames(received)
    return envelopes


def read_node_hello(sock):
    """Reads the node's first frame (its hello) and returns the hello's fields."""
    buffer = b""
    deadline = time.time() + CLOSE_TIMEOUT_S
    while time.time() < deadline:
        buffer += sock.recv(65536)
        envelopes, buffer = read_frames(buffer)
        if envelopes:
            body = fields(envelopes[0])
            assert 1 in body, f"first message is not a hello: {envelopes[0]!r}"
            return fields(body[1][0])
    raise AssertionError("no hello from the node")


def send_and_expect_close(address, name, data):
    sock = connect(address)
    try:
        sock.sendall(data)
    except (ConnectionResetError, BrokenPipeError):
        print(f"{name}: closed while sending")
        sock.close()
        return []
    envelopes = read_until_closed(sock, name)
    print(f"{name}: closed by the node ({len(envelopes)} message(s) received first)", flush=True)
    return envelopes


def main():
    modchaind = sys.argv[1]
    root = tempfile.mkdtemp(prefix="modchain_p2p_bad_peer_")
    logs = {}
    try:
        producer_dir = os.path.join(root, "producer")
        logs["producer"] = open(os.path.join(root, "producer.log"), "w")
        producer = start(modchaind, ["--dev", "--data-dir", producer_dir, "--block-interval", "50"],
                         logs["producer"])
        print(producer.banner, end="")
        wait_for_height(producer.url, 20, WAIT_S)
        logs["follower"] = open(os.path.join(root, "follower.log"), "w")
        follower = start(modchaind, ["--data-dir", os.path.join(root, "follower"), "--genesis",
                                     os.path.join(producer_dir, "genesis_data.json"), "--p2p-peer", producer.p2p],
                         logs["follower"])
        wait_for_height(follower.url, height(producer.url), WAIT_S)

        address = producer.p2p
        garbage = {
            "zero-length frame": struct.pack(">IB", 0, 1) + b"\x00" * 8,
            "wire version 7": frame(b"\x08\x01", version=7),
            "payload not an envelope": frame(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
            "oversized frame header (0x7fffffff)": struct.pack(">IB", 0x7FFFFFFF, 1) + b"\x00" * 64,
            "HTTP request": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        }
        for name, data in garbage.items():
            send_and_expect_close(address, name, data)

        # Wrong chain id: read the node's hello, flip the last byte of its chain id, send our hello.
        sock = connect(address)
        node_hello = read_node_hello(sock)
        chain_id = node_hello[2][0]
        assert len(chain_id) > 2, node_hello
        wrong = chain_id[:-1] + bytes([chain_id[-1] ^ 0x01])
        sock.sendall(frame(hello_envelope(wrong)))
        envelopes = read_until_closed(sock, "wrong chain id hello")
        reasons = [fields(fields(e)[2][0]).get(1, [None])[0] for e in envelopes if 2 in fields(e)]
        assert 2 in reasons, f"no disconnect{{wrong_chain}} before the close: {envelopes!r}"
        print(f"wrong chain id hello: disconnect{{wrong_chain}} then closed", flush=True)

        # Silent peer: connected, never says hello -> closed by the handshake timeout.
        sock = connect(address)
        read_until_closed(sock, "silent peer")
        print("silent peer: closed by the handshake timeout", flush=True)

        # The node keeps producing, serving JSON-RPC and feeding its follower.
        before = height(producer.url)
        later = wait_for_height(producer.url, before + 20, WAIT_S)
        info = call(producer.url, "chain.get_head_info")
        assert int(info["head_topology"]["height"]) >= later, info
        wait_for_height(follower.url, later, WAIT_S)
        assert block_at(follower.url, later) == block_at(producer.url, later), later
        print(f"producer advanced {before} -> {later}; follower agrees at {later}")

        logs["producer"].flush()
        with open(logs["producer"].name) as f:
            log = f.read()
        for offense in ("malformed_frame", "oversized_frame", "wrong_chain"):
            lines = re.findall(r".*p2p peer \S+: " + offense + r" \(\+\d+, score \d+\).*", log)
            assert lines, f"no '{offense}' score line in the producer log"
            print(f"log: {lines[0].strip()[:200]}")
        assert "handshake" in log, "no handshake timeout line in the producer log"
        # The good peer was never scored (the bad peers' keys are their own ephemeral ports on loopback).
        follower_log = open(logs["follower"].name).read()
        assert "banned" not in follower_log, "the follower was banned"

        stop(follower.proc, "follower", START_TIMEOUT_S)
        stop(producer.proc, "producer", START_TIMEOUT_S)
        print("OK")
    except BaseException:
        fail_with_logs(logs)
        raise
    finally:
        clean_up(logs, root)


if __name__ == "__main__":
    main()
