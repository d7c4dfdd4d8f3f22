#!/usr/bin/python3
"""Fetches every URL on stdin at once (one thread each, up to 64 at a time) and prints one line:
the seconds from the first request to the last answer, and how many answers said probe_success 1.

scripts/bench runs it inside the lab's client namespace as the blackbox_exporter driver: a round
of /probe requests, as if Prometheus scraped every target at the same instant. Timing inside one
already-started process leaves out what the driver itself costs (64 curl processes started by
xargs cost about as much CPU as the probes they asked for).
"""
import concurrent.futures
import sys
import time
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return b"probe_success 1" in r.read()


def main():
    urls = [line.strip() for line in sys.stdin if line.strip()]
    with concurrent.futures.ThreadPoolExecutor(min(64, max(1, len(urls)))) as pool:
        t0 = time.monotonic()
        ok = sum(1 for good in pool.map(fetch, urls) if good)
        took = time.monotonic() - t0
    print(f"{took:.4f} {ok} {len(urls)}")


if __name__ == "__main__":
    main()
