#!/usr/bin/python3
"""Writes the no-latency upstream's body for bench/history-e2e.sh: one year of daily AAPL bars, compact JSON.

Made from the recorded fixture tests/QuoteFetch.FakeYahoo/Fixtures/chart-AAPL-history-2020-08-31-to-2020-11-07.json
(49 daily bars, recorded from query2.finance.yahoo.com, indented for reading) so that every bar has the text shape
Yahoo sends: float32 prices widened to double and printed in full (129.0399932861328), integer volumes, adjclose.
- 252 bars (a year of sessions): the recorded bars' values repeated in order (bar i has bar i mod 49's numbers),
  at consecutive weekdays' 09:30 New York (EST, as the fixture's fixed gmtoffset says) from the first recorded one;
- compact, as Yahoo sends it (the fixture was indented after recording); json.dumps writes every float back in the
  recording's own text (Python's repr is the same shortest round-trip form), which main() checks;
- no "events": quotefetch history asks for dividends and splits only with --events, and Yahoo sends no "events"
  object when they are not asked for; meta.range says "1y", as for a range=1y request.

Usage: make_body.py FIXTURE OUT   (prints the body's size in bytes)
"""

import json
import re
import sys

BARS = 252
DAY = 86_400
FLOAT = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")


def weekdays_from(first: int, count: int) -> list[int]:
    times, t = [], first
    while len(times) < count:
        # 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays, 5 and 6 on the weekend.
        if (t // DAY + 3) % 7 < 5:
            times.append(t)
        t += DAY
    return times


def main(fixture: str, out: str) -> None:
    with open(fixture, encoding="utf-8") as f:
        text = f.read()
    chart = json.loads(text)
    # The compact form must keep every number's text: nothing may be re-rounded on the way.
    if FLOAT.findall(text) != FLOAT.findall(json.dumps(chart, separators=(",", ":"), ensure_ascii=False)):
        sys.exit("make_body.py: json.dumps changed a number's text; the body would not be Yahoo's shape")

    result = chart["chart"]["result"][0]
    recorded = len(result["timestamp"])
    result["meta"]["range"] = "1y"
    result["timestamp"] = weekdays_from(result["timestamp"][0], BARS)
    result.pop("events", None)
    quote = result["indicators"]["quote"][0]
    for name, column in quote.items():
        quote[name] = [column[i % recorded] for i in range(BARS)]
    adjclose = result["indicators"]["adjclose"][0]
    adjclose["adjclose"] = [adjclose["adjclose"][i % recorded] for i in range(BARS)]

    body = json.dumps(chart, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    with open(out, "wb") as f:
        f.write(body)
    print(len(body))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
