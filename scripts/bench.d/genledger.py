#!/usr/bin/env python3
"""Generates a liaisond roster (members.csv, people.csv, liaisond.conf) for benchmarks.

  genledger.py scale N DIR [--port P]     realistic mix of N members (all rules have work)
  genledger.py delivery N DIR [--port P]  N local members, each owing exactly one dues.monthly
                                          reminder at the fixed instant AT (see below)

Deterministic (seeded). The instant the benchmarks use is AT = 2026-11-26T09:30:00+08:00.
"""
import datetime as dt
import os
import random
import sys

AT = "2026-11-26T09:30:00+08:00"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华志强海燕立新若曦永刚丽娟一鸣志国"
PLACES = ["北京市朝阳区", "上海市浦东新区", "深圳市南山区", "广州市天河区", "杭州市西湖区", "太原市小店区",
          "成都市武侯区", "武汉市洪山区", "苏州市工业园区", "西安市雁塔区"]


def name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def day(base, rng, lo, hi):
    return (base - dt.timedelta(days=rng.randint(lo, hi))).isoformat()


def month_back(year, month, k):
    i = year * 12 + month - 1 - k
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def conf(d, port):
    with open(os.path.join(d, "liaisond.conf"), "w") as f:
        f.write(f"""[branch]
name = 基准测试社区党支部
secretary = 王芳 <secretary@example.org>
timezone = Asia/Shanghai
language = zh
activity_day = 15

[roster]
members = members.csv
people = people.csv

[smtp]
url = smtp://127.0.0.1:{port}
from = 基准测试社区党支部 <branch@example.org>
tls = none
connections = CONNECTIONS

[mail]
# One message per reminder: the figures measure the send path per message.
group = no

[store]
path = liaisond.sqlite

[schedule]
send_at = 09:00
lead_days = 14,3
repeat_days = 7
dues_day = 25
retry_max_age = 5d
lost_after = 6month
catch_up = 7d
""")


MEMBER_HEADER = ("id,name,kind,email,phone,since,place,fixed_place,relation,registered,liaison,grid,"
                 "report_every,certificate,certificate_check,dues_paid_through,last_contact,last_report,paused,note\n")


def scale(n, d, rng):
    liaisons = max(1, n // 25)
    grids = max(1, n // 400)
    today = dt.date(2026, 11, 26)
    with open(os.path.join(d, "people.csv"), "w") as f:
        f.write("id,name,email,role,grid\n")
        for g in range(grids):
            f.write(f"W{g},{name(rng)},grid{g}@example.org,grid-leader,G{g}\n")
        for i in range(liaisons):
            email = "" if i % 50 == 49 else f"l{i}@example.org"
            f.write(f"L{i},{name(rng)},{email},liaison,G{i % grids}\n")
    with open(os.path.join(d, "members.csv"), "w") as f:
        f.write(MEMBER_HEADER)
        out = []
        for i in range(n):
            r = rng.random()
            kind = "outgoing" if r < 0.6 else ("incoming" if r < 0.75 else "local")
            email = "" if rng.random() < 0.15 else f"m{i}@example.org"
            phone = f"139{rng.randint(10000000, 99999999)}"
            since = day(today, rng, 20, 2500) if kind != "local" else ""
            place = rng.choice(PLACES) if kind != "local" else ""
            fixed = rng.choice(("是", "否", "")) if kind == "outgoing" else ""
            relation = "已转出" if rng.random() < 0.02 else ""
            registered = rng.choice(("是", "否")) if kind == "incoming" else ""
            liaison = f"L{rng.randrange(liaisons)}" if kind == "outgoing" and rng.random() < 0.995 else ""
            grid = f"G{rng.randrange(grids)}"
            every = "半年" if rng.random() < 0.3 else "季度"
            cert = f"LD{2026000000 + i}" if kind == "outgoing" and rng.random() < 0.5 else ""
            check = "一年" if cert and rng.random() < 0.3 else ""
            dues = month_back(2026, 11, rng.choice((0, 0, 0, 1, 1, 2, 3, 4, 7))) if rng.random() < 0.9 else ""
            contact = day(today, rng, 1, 400) if rng.random() < 0.8 else ""
            report = day(today, rng, 1, 300) if kind == "outgoing" and rng.random() < 0.7 else ""
            paused = "是" if rng.random() < 0.01 else ""
            note = "在外务工" if rng.random() < 0.05 else ""
            out.append(f"M{i:07d},{name(rng)},{kind},{email},{phone},{since},{place},{fixed},{relation},{registered},"
                       f"{liaison},{grid},{every},{cert},{check},{dues},{contact},{report},{paused},{note}\n")
            if len(out) >= 10000:
                f.writelines(out)
                out = []
        f.writelines(out)


def delivery(n, d, rng):
    """Local members paid through last month: at AT (after the 25th) each owes exactly one
    dues.monthly notice, to their own address; no other rule applies to local members."""
    with open(os.path.join(d, "people.csv"), "w") as f:
        f.write("id,name,email,role,grid\nW1,卢立新,wgz1@example.org,grid-leader,G1\n")
    with open(os.path.join(d, "members.csv"), "w") as f:
        f.write(MEMBER_HEADER)
        for i in range(n):
            f.write(f"D{i:07d},{name(rng)},local,d{i}@example.org,139{rng.randint(10000000, 99999999)},,,,,,,"
                    f"G1,,,,2026-10,2026-10-{rng.randint(1, 28):02d},,,\n")


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("scale", "delivery"):
        sys.exit(__doc__)
    mode, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 2525
    os.makedirs(d, exist_ok=True)
    rng = random.Random(20261126 + n)
    (scale if mode == "scale" else delivery)(n, d, rng)
    conf(d, port)
    with open(os.path.join(d, "liaisond.conf")) as f:
        text = f.read().replace("CONNECTIONS", "1")
    with open(os.path.join(d, "liaisond.conf"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
