#!/usr/bin/python3
"""Baseline for bench/e2e.sh: what the well-known asyncio stock-price tutorial does, with httpx.

One httpx.AsyncClient (pool limit 100 connections, httpx's own default), one coroutine per ticker,
asyncio.gather over all of them; each GETs {base}/v8/finance/chart/{ticker} and takes
chart.result[0].meta.regularMarketPrice; then it prints "ticker,price", one per line, in input order.

Two deliberate departures, both so the baseline is measured fairly and safely:
- pool=None: httpx's default 5 s timeout also bounds the wait for a pooled connection; with thousands of
  requests gathered at once the later ones wait longer than that and fail with PoolTimeout. The tutorial
  never meets this with 9 tickers; at 10,000 it would print nothing.
- trust_env=False: benchmark traffic goes to 127.0.0.1 only, never to a proxy named in the environment.

Run with Debian's python3-httpx: /usr/bin/python3 tutorial_httpx.py BASE_URL SYMBOL_FILE
"""

import asyncio
import sys

import httpx


async def get_price(client: httpx.AsyncClient, base: str, ticker: str) -> tuple[str, float]:
    response = await client.get(f"{base}/v8/finance/chart/{ticker}")
    response.raise_for_status()
    data = response.json()
    return ticker, data["chart"]["result"][0]["meta"]["regularMarketPrice"]


async def main(base: str, tickers: list[str]) -> None:
    limits = httpx.Limits(max_connections=100)
    timeout = httpx.Timeout(30.0, pool=None)
    async with httpx.AsyncClient(limits=limits, timeout=timeout, trust_env=False) as client:
        results = await asyncio.gather(*(get_price(client, base, ticker) for ticker in tickers))
    print("\n".join(f"{ticker},{price}" for ticker, price in results))


if __name__ == "__main__":
    base_url, symbol_file = sys.argv[1].rstrip("/"), sys.argv[2]
    with open(symbol_file, encoding="utf-8") as lines:
        symbols = [line.strip() for line in lines if line.strip()]
    asyncio.run(main(base_url, symbols))
