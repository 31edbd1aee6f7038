#!/usr/bin/env python3
"""Writes the recorded-shape API payloads under Fixtures/api/ (deterministic; run from the repository root).

The payloads are authored for the tests, not captured: they use the field names and envelopes of the
CoinMarketCap Pro API v1/v2/v3 and CoinGecko API v3 as publicly documented, with small plausible values.
`index.json` maps request path + query parameters to a payload file; the replay transport (LakePipeline
ReplayTransport) and the loopback end-to-end test serve them from there.

Usage: python3 Tests/interop/make_api_fixtures.py [--out Fixtures/api]
"""
import argparse
import json
import os

STAMP = "2026-11-20T12:00:00.000Z"

# (id, name, symbol, slug, price, market_cap, volume_24h, pct_1h, pct_24h, pct_7d, circulating, total, max, date_added)
COINS = [
    (1, "Bitcoin", "BTC", "bitcoin", 91234.56, 1.8162e12, 4.1512e10, 0.12, -1.84, 3.21, 19_907_000, 19_907_000, 21_000_000, "2010-07-13T00:00:00.000Z"),
    (1027, "Ethereum", "ETH", "ethereum", 3087.41, 3.7264e11, 2.0154e10, -0.08, -2.51, 1.07, 120_697_000, 120_697_000, None, "2015-08-07T00:00:00.000Z"),
    (825, "Tether USDt", "USDT", "tether", 1.0002, 1.8401e11, 8.9012e10, 0.0, 0.01, -0.02, 183_970_000_000, 186_120_000_000, None, "2015-02-25T00:00:00.000Z"),
    (52, "XRP", "XRP", "xrp", 2.1534, 1.2971e11, 4.3321e9, 0.31, 5.62, 9.84, 60_236_000_000, 99_986_000_000, 100_000_000_000, "2013-08-04T00:00:00.000Z"),
    (1839, "BNB", "BNB", "bnb", 894.17, 1.2318e11, 2.1107e9, 0.05, -0.77, 2.45, 137_760_000, 137_760_000, None, "2017-07-25T00:00:00.000Z"),
    (5426, "Solana", "SOL", "solana", 137.92, 7.7120e10, 5.2214e9, -0.21, -6.13, -4.02, 559_140_000, 612_310_000, None, "2020-04-10T00:00:00.000Z"),
    (3408, "USDC", "USDC", "usd-coin", 0.9998, 7.5012e10, 1.2004e10, 0.0, -0.01, 0.0, 75_027_000_000, 75_027_000_000, None, "2018-10-08T00:00:00.000Z"),
    (1958, "TRON", "TRX", "tron", 0.2871, 2.7183e10, 6.0911e8, 0.02, 0.44, 1.3, 94_680_000_000, 94_680_000_000, None, "2017-09-13T00:00:00.000Z"),
    (74, "Dogecoin", "DOGE", "dogecoin", 0.1589, 2.4075e10, 1.5502e9, 0.4, 7.25, 11.02, 151_510_000_000, 151_510_000_000, None, "2013-12-15T00:00:00.000Z"),
    (2010, "Cardano", "ADA", "cardano", 0.4712, 1.7002e10, 7.7731e8, -0.15, -3.33, -5.6, 36_080_000_000, 44_994_000_000, 45_000_000_000, "2017-10-01T00:00:00.000Z"),
    (1975, "Chainlink", "LINK", "chainlink", 13.51, 9.1590e9, 5.1120e8, 0.09, 1.12, 4.8, 677_990_000, 1_000_000_000, 1_000_000_000, "2017-09-20T00:00:00.000Z"),
    (11419, "Toncoin", "TON", "toncoin", 1.623, 4.1021e9, 1.3360e8, -0.33, -0.91, -2.75, 2_527_450_000, 5_138_500_000, None, "2021-08-26T00:00:00.000Z"),
]
PLATFORMS = {
    825: {"id": 1027, "name": "Ethereum", "symbol": "ETH", "slug": "ethereum",
          "token_address": "0xdac17f958d2ee523a2206206994597c13d831ec7"},
    3408: {"id": 1027, "name": "Ethereum", "symbol": "ETH", "slug": "ethereum",
           "token_address": "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"},
    1975: {"id": 1027, "name": "Ethereum", "symbol": "ETH", "slug": "ethereum",
           "token_address": "0x514910771af9ca656af840dff83e8264ecf986ca"},
}
TAGS = {1: ["mineable", "pow", "sha-256", "store-of-value"], 1027: ["pos", "smart-contracts", "layer-1"],
        825: ["stablecoin", "asset-backed-stablecoin"], 3408: ["stablecoin", "medium-of-exchange"],
        5426: ["pos", "layer-1", "solana-ecosystem"], 74: ["mineable", "pow", "memes"]}

EXCHANGES = [  # id, name, slug, launched, spot volume usd, maker, taker, weekly visits, countries
    (270, "Binance", "binance", "2017-07-14T00:00:00.000Z", 1.2431e10, 0.02, 0.04, 14_621_000),
    (89, "Coinbase Exchange", "coinbase-exchange", "2014-05-24T00:00:00.000Z", 2.0412e9, 0.4, 0.6, 2_101_000),
    (24, "Kraken", "kraken", "2011-07-28T00:00:00.000Z", 9.114e8, 0.16, 0.26, 1_305_000),
    (294, "OKX", "okx", "2017-01-01T00:00:00.000Z", 2.201e9, 0.08, 0.1, 3_400_000),
]

CATEGORIES = [  # id, name, description, coin ids
    ("605e2ce9d41eae1066535f7c", "Layer 1", "Base-layer blockchains", [1, 1027, 5426, 2010]),
    ("604f2753ebccdd50cd175fc1", "Stablecoins", "Tokens pegged to a reference asset", [825, 3408]),
    ("6051a82566fc1b42617d6dc6", "Memes", "Meme coins", [74]),
]


def status(credit_count, total_count=None, error_code=0, error_message=None):
    s = {"timestamp": STAMP, "error_code": error_code, "error_message": error_message, "elapsed": 12,
         "credit_count": credit_count, "notice": None}
    if total_count is not None:
        s["total_count"] = total_count
    return s


def quote_usd(c):
    cid, _, _, _, price, mcap, vol, p1, p24, p7, circ, total, mx, _ = c
    return {"USD": {"price": price, "volume_24h": vol, "volume_change_24h": round(p24 * 1.7, 4),
                    "percent_change_1h": p1, "percent_change_24h": p24, "percent_change_7d": p7,
                    "percent_change_30d": round(p7 * 2.2, 4), "market_cap": mcap,
                    "market_cap_dominance": round(mcap / 3.3e12 * 100, 4),
                    "fully_diluted_market_cap": round(price * (mx or total), 2), "tvl": None,
                    "last_updated": STAMP}}


def listing(rank, c):
    cid, name, sym, slug, price, mcap, vol, p1, p24, p7, circ, total, mx, added = c
    return {"id": cid, "name": name, "symbol": sym, "slug": slug, "num_market_pairs": 1000 + cid % 9000,
            "date_added": added, "tags": TAGS.get(cid, []), "max_supply": mx, "circulating_supply": circ,
            "total_supply": total, "infinite_supply": mx is None, "platform": PLATFORMS.get(cid),
            "cmc_rank": rank, "self_reported_circulating_supply": None, "self_reported_market_cap": None,
            "tvl_ratio": None, "last_updated": STAMP, "quote": quote_usd(c)}


def coin_map(rank, c):
    cid, name, sym, slug, *_ = c
    added = c[13]
    return {"id": cid, "rank": rank, "name": name, "symbol": sym, "slug": slug, "is_active": 1,
            "first_historical_data": added, "last_historical_data": STAMP, "platform": PLATFORMS.get(cid)}


def coin_info(c):
    cid, name, sym, slug, *_ = c
    platform = PLATFORMS.get(cid)
    return {"id": cid, "name": name, "symbol": sym, "category": "token" if platform else "coin",
            "description": f"{name} ({sym}) is a cryptocurrency.", "slug": slug,
            "logo": f"https://s2.coinmarketcap.com/static/img/coins/64x64/{cid}.png", "subreddit": slug,
            "notice": "", "tags": TAGS.get(cid, []), "tag-names": [t.replace("-", " ").title() for t in TAGS.get(cid, [])],
            "tag-groups": ["CATEGORY"] * len(TAGS.get(cid, [])),
            "urls": {"website": [f"https://{slug}.org/"], "twitter": [], "message_board": [], "chat": [],
                     "facebook": [], "explorer": [f"https://explorer.example/{slug}"], "reddit": [f"https://reddit.com/r/{slug}"],
                     "technical_doc": [], "source_code": [f"https://github.com/{slug}"], "announcement": []},
            "platform": platform, "date_added": c[13], "twitter_username": slug, "is_hidden": 0,
            "date_launched": None, "contract_address": [], "self_reported_circulating_supply": None,
            "self_reported_tags": None, "self_reported_market_cap": None, "infinite_supply": c[12] is None}


def category_summary(cat):
    cid, name, desc, coins = cat
    members = [c for c in COINS if c[0] in coins]
    mcap = sum(c[5] for c in members)
    vol = sum(c[6] for c in members)
    avg = round(sum(c[8] for c in members) / len(members), 4)
    return {"id": cid, "name": name, "title": name, "description": desc, "num_tokens": len(members),
            "avg_price_change": avg, "market_cap": mcap, "market_cap_change": round(avg * 0.9, 4),
            "volume": vol, "volume_change": round(avg * 1.3, 4), "last_updated": STAMP}


def exchange_info(e):
    eid, name, slug, launched, spot, maker, taker, visits = e
    return {"id": eid, "name": name, "slug": slug,
            "logo": f"https://s2.coinmarketcap.com/static/img/exchanges/64x64/{eid}.png",
            "description": f"{name} is a cryptocurrency exchange.", "date_launched": launched, "notice": None,
            "countries": [], "fiats": ["USD", "EUR"], "tags": None, "type": "", "maker_fee": maker,
            "taker_fee": taker, "weekly_visits": visits, "spot_volume_usd": spot, "spot_volume_last_updated": STAMP,
            "urls": {"website": [f"https://www.{slug}.com/"], "twitter": [], "blog": [], "chat": [], "fee": []}}


def exchange_assets(e):
    eid = e[0]
    rows = []
    for n, c in enumerate(COINS[:3 if eid != 24 else 2]):
        balance = round(1000.0 * (eid % 7 + 1) * (n + 1) + 0.5, 4)
        rows.append({"wallet_address": f"0x{eid:04x}{c[0]:06x}{'ab' * 14}", "balance": balance,
                     "platform": {"crypto_id": 1027, "symbol": "ETH", "name": "Ethereum"},
                     "currency": {"crypto_id": c[0], "price_usd": c[4], "symbol": c[2], "name": c[1]}})
    return rows


def gecko_market(rank, c):
    cid, name, sym, slug, price, mcap, vol, p1, p24, p7, circ, total, mx, added = c
    return {"id": slug if slug != "xrp" else "ripple", "symbol": sym.lower(), "name": name,
            "image": f"https://coin-images.coingecko.com/coins/images/{cid}/large/{slug}.png",
            "current_price": price, "market_cap": round(mcap), "market_cap_rank": rank,
            "fully_diluted_valuation": round(price * (mx or total)), "total_volume": round(vol),
            "high_24h": round(price * 1.021, 6), "low_24h": round(price * 0.968, 6),
            "price_change_24h": round(price * p24 / 100, 6), "price_change_percentage_24h": p24,
            "market_cap_change_24h": round(mcap * p24 / 100, 2), "market_cap_change_percentage_24h": p24,
            "circulating_supply": float(circ), "total_supply": float(total), "max_supply": float(mx) if mx else None,
            "ath": round(price * 1.37, 6), "ath_change_percentage": -27.0073, "ath_date": "2025-10-06T18:57:42.558Z",
            "atl": round(price * 0.01, 8), "atl_change_percentage": 9900.0, "atl_date": "2015-10-20T00:00:00.000Z",
            "roi": {"times": 31.52, "currency": "usd", "percentage": 3152.1} if slug == "ethereum" else None,
            "last_updated": "2026-11-20T11:59:31.027Z"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="Fixtures/api")
    out = parser.parse_args().out
    files = {}
    routes = []

    def add(path, query, name, payload, select_ids=False):
        files[name] = payload
        routes.append({"path": path, "query": query, "file": name, "select_ids": select_ids})

    listings = [listing(i + 1, c) for i, c in enumerate(COINS)]
    for start in (1, 6, 11):
        page = listings[start - 1:start + 4]
        add("/v1/cryptocurrency/listings/latest", {"start": str(start)}, f"cmc/listings_latest_start_{start}.json",
            {"status": status(1, total_count=len(COINS)), "data": page})
    add("/v1/cryptocurrency/map", {}, "cmc/cryptocurrency_map.json",
        {"status": status(1), "data": [coin_map(i + 1, c) for i, c in enumerate(COINS)]})
    add("/v2/cryptocurrency/info", {}, "cmc/cryptocurrency_info.json",
        {"status": status(1), "data": {str(c[0]): coin_info(c) for c in COINS}}, select_ids=True)
    add("/v1/cryptocurrency/categories", {}, "cmc/cryptocurrency_categories.json",
        {"status": status(1), "data": [category_summary(cat) for cat in CATEGORIES]})
    for cat in CATEGORIES:
        summary = category_summary(cat)
        summary["coins"] = [listing(i + 1, c) for i, c in enumerate(COINS) if c[0] in cat[3]]
        add("/v1/cryptocurrency/category", {"id": cat[0]}, f"cmc/cryptocurrency_category_{cat[0]}.json",
            {"status": status(1), "data": summary})
    add("/v1/global-metrics/quotes/latest", {}, "cmc/global_metrics_quotes_latest.json", {"status": status(1), "data": {
        "active_cryptocurrencies": 9512, "total_cryptocurrencies": 32104, "active_market_pairs": 98731,
        "active_exchanges": 812, "total_exchanges": 10410, "eth_dominance": 11.2921, "btc_dominance": 57.8342,
        "eth_dominance_yesterday": 11.3502, "btc_dominance_yesterday": 57.6115, "eth_dominance_24h_percentage_change": -0.0581,
        "btc_dominance_24h_percentage_change": 0.2227, "defi_volume_24h": 1.2041e10, "defi_volume_24h_reported": 1.2041e10,
        "defi_market_cap": 1.1130e11, "defi_24h_percentage_change": -3.11, "stablecoin_volume_24h": 1.0712e11,
        "stablecoin_volume_24h_reported": 1.0712e11, "stablecoin_market_cap": 2.8211e11,
        "stablecoin_24h_percentage_change": 0.42, "derivatives_volume_24h": 8.9144e11,
        "derivatives_volume_24h_reported": 8.9144e11, "derivatives_24h_percentage_change": -8.8,
        "quote": {"USD": {"total_market_cap": 3.1402e12, "total_volume_24h": 1.6523e11,
                          "total_volume_24h_reported": 1.6523e11, "altcoin_volume_24h": 1.2372e11,
                          "altcoin_volume_24h_reported": 1.2372e11, "altcoin_market_cap": 1.3241e12,
                          "total_market_cap_yesterday": 3.1977e12, "total_volume_24h_yesterday": 1.4811e11,
                          "total_market_cap_yesterday_percentage_change": -1.798,
                          "total_volume_24h_yesterday_percentage_change": 11.559, "last_updated": STAMP}},
        "last_updated": STAMP}})
    add("/v3/fear-and-greed/latest", {}, "cmc/fear_and_greed_latest.json", {"status": status(1), "data": {
        "value": 24, "update_time": "2026-11-20T11:45:12.000Z", "value_classification": "Extreme fear"}})
    add("/v1/exchange/map", {}, "cmc/exchange_map.json", {"status": status(1), "data": [
        {"id": e[0], "name": e[1], "slug": e[2], "is_active": 1, "first_historical_data": e[3],
         "last_historical_data": STAMP} for e in EXCHANGES]})
    add("/v1/exchange/info", {}, "cmc/exchange_info.json",
        {"status": status(1), "data": {str(e[0]): exchange_info(e) for e in EXCHANGES}}, select_ids=True)
    for e in EXCHANGES:
        add("/v1/exchange/assets", {"id": str(e[0])}, f"cmc/exchange_assets_{e[0]}.json",
            {"status": status(1), "data": exchange_assets(e)})
    markets = [gecko_market(i + 1, c) for i, c in enumerate(COINS[:7])]
    add("/coins/markets", {"page": "1"}, "coingecko/coins_markets_page_1.json", markets[:5])
    add("/coins/markets", {"page": "2"}, "coingecko/coins_markets_page_2.json", markets[5:])

    for name, payload in files.items():
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(payload, f, indent=1, sort_keys=False)
            f.write("\n")
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"generator": "Tests/interop/make_api_fixtures.py", "routes": routes}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
