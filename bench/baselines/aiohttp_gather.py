#!/usr/bin/python3
"""Baseline for bench/e2e.sh: the same program as tutorial_httpx.py, with aiohttp instead of httpx.

One aiohttp.ClientSession over TCPConnector(limit=100), one coroutine per ticker, asyncio.gather over all
of them; each GETs {base}/v8/finance/chart/{ticker} and takes chart.result[0].meta.regularMarketPrice;
then it prints "ticker,price", one per line, in input order.

total=None: aiohttp's default 300 s total timeout also counts the wait for a pooled connection; per-socket
limits of 30 s keep a stuck run bounded instead. aiohttp ignores proxy variables unless trust_env=True.

Run with Debian's python3-aiohttp: /usr/bin/python3 aiohttp_gather.py BASE_URL SYMBOL_FILE
"""

import asyncio
import sys

import aiohttp


async def get_price(session: aiohttp.ClientSession, base: str, ticker: str) -> tuple[str, float]:
    async with session.get(f"{base}/v8/finance/chart/{ticker}") as response:
        response.raise_for_status()
        data = await response.json()
    return ticker, data["chart"]["result"][0]["meta"]["regularMarketPrice"]


async def main(base: str, tickers: list[str]) -> None:
    connector = aiohttp.TCPConnector(limit=100)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        results = await asyncio.gather(*(get_price(session, base, ticker) for ticker in tickers))
    print("\n".join(f"{ticker},{price}" for ticker, price in results))


if __name__ == "__main__":
    base_url, symbol_file = sys.argv[1].rstrip("/"), sys.argv[2]
    with open(symbol_file, encoding="utf-8") as lines:
        symbols = [line.strip() for line in lines if line.strip()]
    asyncio.run(main(base_url, symbols))
