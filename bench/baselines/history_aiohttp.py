#!/usr/bin/python3
"""Baseline for bench/history-e2e.sh: a year of daily closes for many symbols, with aiohttp.

The same program as aiohttp_gather.py, for history: one aiohttp.ClientSession over TCPConnector(limit=100), one
coroutine per ticker, asyncio.gather over all of them; each GETs
{base}/v8/finance/chart/{ticker}?range=1y&interval=1d (the request quotefetch history sends by default) and parses
the whole body with json.loads(parse_float=Decimal), so every price is the exact decimal of its text
(129.0399932861328, as quotefetch reads it), never a binary float. Then it prints "ticker,timestamp,close", one line
per bar, tickers in input order, a missing (null) close as an empty cell.

It does less than quotefetch history --format csv (three columns, not ten; Unix seconds, not a date in the
exchange's time zone; no rounding to priceHint places), so the comparison favours it.

total=None: aiohttp's default 300 s total timeout also counts the wait for a pooled connection; per-socket limits
of 30 s keep a stuck run bounded instead. aiohttp ignores proxy variables unless trust_env=True.

Run with Debian's python3-aiohttp: /usr/bin/python3 history_aiohttp.py BASE_URL SYMBOL_FILE
"""

import asyncio
import json
import sys
from decimal import Decimal

import aiohttp


async def get_closes(session: aiohttp.ClientSession, base: str, ticker: str) -> tuple[str, list, list]:
    params = {"range": "1y", "interval": "1d"}
    async with session.get(f"{base}/v8/finance/chart/{ticker}", params=params) as response:
        response.raise_for_status()
        data = await response.json(loads=lambda text: json.loads(text, parse_float=Decimal))
    result = data["chart"]["result"][0]
    return ticker, result.get("timestamp", []), result["indicators"]["quote"][0].get("close", [])


async def main(base: str, tickers: list[str]) -> None:
    connector = aiohttp.TCPConnector(limit=100)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        results = await asyncio.gather(*(get_closes(session, base, ticker) for ticker in tickers))
    out = sys.stdout
    for ticker, timestamps, closes in results:
        out.write("".join(f"{ticker},{t},{'' if c is None else c}\n" for t, c in zip(timestamps, closes)))


if __name__ == "__main__":
    base_url, symbol_file = sys.argv[1].rstrip("/"), sys.argv[2]
    with open(symbol_file, encoding="utf-8") as lines:
        symbols = [line.strip() for line in lines if line.strip()]
    asyncio.run(main(base_url, symbols))
