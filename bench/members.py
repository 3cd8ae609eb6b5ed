#!/usr/bin/env python3
"""Writes N fictional members as a CSV that `musubi import members` reads.

Usage: bench/members.py N > members.csv
The names, organisations and keywords are drawn from the demo community so that filters
and searches behave as they would on a real directory.
"""
import csv, json, random, sys, pathlib

random.seed(42)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
demo = json.loads((pathlib.Path(__file__).parent.parent / "Sources/MusubiCore/Resources/demo/community.json").read_text())
organizations = [o["name"] for o in demo["organizations"]]
def keys(nodes):
    for node in nodes:
        yield node["key"]
        yield from keys(node.get("children", []))
fields = list(keys(demo["fields"]))
keywords = sorted({k for m in demo["members"] for k in m["keywords"]})
family = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "松本", "井上", "木村", "林", "清水", "山崎", "森", "池田"]
given = ["太郎", "花子", "健一", "美咲", "翔太", "さくら", "大輔", "陽菜", "拓也", "葵", "誠", "由美", "悠斗", "真由", "直樹"]
titles = ["代表取締役", "技術部長", "主任研究員", "准教授", "課長補佐", "営業担当", "コーディネーター", "開発エンジニア"]
writer = csv.writer(sys.stdout)
writer.writerow(["email", "name", "organization", "title", "fields", "keywords", "offer", "seeking"])
for i in range(n):
    chosen = random.sample(keywords, 4)
    writer.writerow([
        f"bench{i:05d}@example.jp",
        f"{random.choice(family)} {random.choice(given)}",
        random.choice(organizations),
        random.choice(titles),
        ";".join(random.sample(fields, 2)),
        ";".join(chosen),
        f"{chosen[0]}と{chosen[1]}の技術・ノウハウを提供できます。",
        f"{chosen[2]}について、異分野の方と連携したいと考えています。",
    ])
