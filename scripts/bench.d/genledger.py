#!/usr/bin/env python3
"""Generates a liaisond roster (members.csv, people.csv, liaisond.conf) for benchmarks.

  genledger.py scale N DIR [--port P]            mixed roster of N members: every rule id of
                                                 docs/rules.md fires for some of them at AT_MIXED
  genledger.py scale N DIR --uniform [--port P]  the older shape, where most members are alike
                                                 (60 % outgoing, 15 % incoming, 25 % local), at AT
  genledger.py delivery N DIR [--port P]         N local members, each owing exactly one
                                                 dues.monthly reminder at AT (see below)

Deterministic (seeded). Besides the roster and config, DIR/at holds the instant the roster is
made for, DIR/shape one line describing it, and DIR/transfers the members whose transfer the
bench records (`liaisond record transfer`) so that transfer.receipt fires: the roster alone
cannot say "transferred, receipt pending". Every config has `[mail] group = no`: the delivery
figures measure one message per reminder.

The mixed roster: 45 % outgoing, 20 % incoming, 35 % local; 1 liaison per 25 members (2 % of
them without an address), 1 grid per 400; outgoing members away 0 days to 7 years, half with a
fixed place; dues paid through 0–8 months back (10 % blank); 20 % without a contact on record,
30 % of outgoing members never reported; incoming members half registered; a few on
probation, paused or already transferred. AT_MIXED is the 1st of a month in December with the
schedule set so that the branch notices (digest.monthly, evaluation.annual, activity.day,
survey.peak) and the monthly dues rules all fall on that day, as they would on their own days.
"""
import datetime as dt
import os
import random
import sys

AT = "2026-11-26T09:30:00+08:00"
AT_MIXED = "2026-12-01T09:30:00+08:00"
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


def conf(d, port, mixed=False):
    # Mixed: every branch notice and the dues rules on AT_MIXED's day (2026-12-01): dues on the
    # 1st, activity day 12-15 announced 14 days ahead, Spring Festival 2027-02-06 67 days ahead,
    # evaluation on 12-01 (its default), a lead of 30 days before the quarter's end.
    dues_day, lead, extra = 25, "14,3", ""
    if mixed:
        dues_day, lead = 1, "30,14,3"
        extra = "activity_notice_days = 14\nsurvey_lead_days = 67\n"
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
lead_days = {lead}
repeat_days = 7
dues_day = {dues_day}
{extra}retry_max_age = 5d
lost_after = 6month
catch_up = 7d
""")


MEMBER_HEADER = ("id,name,kind,email,phone,since,place,fixed_place,relation,registered,liaison,grid,"
                 "report_every,certificate,certificate_check,dues_paid_through,last_contact,last_report,paused,note\n")


def write_people(d, rng, liaisons, grids):
    with open(os.path.join(d, "people.csv"), "w") as f:
        f.write("id,name,email,role,grid\n")
        for g in range(grids):
            f.write(f"W{g},{name(rng)},grid{g}@example.org,grid-leader,G{g}\n")
        for i in range(liaisons):
            email = "" if i % 50 == 49 else f"l{i}@example.org"
            f.write(f"L{i},{name(rng)},{email},liaison,G{i % grids}\n")


MIXED_HEADER = MEMBER_HEADER.rstrip("\n") + ",destination,expected_length,joined,origin,address,probation_end,dues_at\n"


def mixed(n, d, rng):
    """Every rule has members it fires for at AT_MIXED; the shares are a community's, not a test's."""
    liaisons = max(1, n // 25)
    grids = max(1, n // 400)
    today = dt.date(2026, 12, 1)
    write_people(d, rng, liaisons, grids)
    transfers = []
    with open(os.path.join(d, "members.csv"), "w") as f:
        f.write(MIXED_HEADER)
        out = []
        for i in range(n):
            r = rng.random()
            kind = "outgoing" if r < 0.45 else ("incoming" if r < 0.65 else "local")
            mid = f"M{i:07d}"
            email = "" if rng.random() < 0.12 else f"m{i}@example.org"
            phone = f"139{rng.randint(10000000, 99999999)}"
            since = place = fixed = relation = registered = liaison = every = cert = check = ""
            report = destination = length = joined = origin = address = probation = dues_at = ""
            if kind == "outgoing":
                w = rng.random()
                if w < 0.04:    # leaving soon or just left: departure.prepare
                    since = (today + dt.timedelta(days=rng.randint(-25, 25))).isoformat()
                elif w < 0.08:  # about three or six months away: placement.changed
                    since = (today - dt.timedelta(days=rng.choice((91, 92, 183, 184)) + rng.randint(0, 5))).isoformat()
                else:
                    since = day(today, rng, 30, 2500)
                place = rng.choice(PLACES)
                fixed = rng.choice(("是", "是", "否", ""))
                relation = "已转出" if rng.random() < 0.02 else ""
                liaison = f"L{rng.randrange(liaisons)}" if rng.random() < 0.99 else ""
                every = "半年" if rng.random() < 0.3 else "季度"
                cert = f"LD{2026000000 + i}" if rng.random() < 0.5 else ""
                check = "一年" if cert and rng.random() < 0.3 else ""
                report = day(today, rng, 1, 400) if rng.random() < 0.7 else ""
                destination = place if rng.random() < 0.3 else ""
                length = rng.choice(("", "", "3个月", "半年", "1年"))
                dues_at = "流入地" if cert and rng.random() < 0.1 else ""
                if not relation and since < "2026-06-01" and rng.random() < max(0.002, 20 / n) and len(transfers) < 3:
                    transfers.append(mid)
            elif kind == "incoming":
                since = day(today, rng, 0, 1500) if rng.random() < 0.9 else day(today, rng, 0, 40)
                place = rng.choice(PLACES)
                registered = rng.choice(("是", "是", "否"))
                relation = "已转入" if rng.random() < 0.2 else ""
                joined = day(today, rng, 400, 15000)
                origin = rng.choice(PLACES) + "某街道党工委"
                address = "本社区" + str(rng.randint(1, 30)) + "号楼"
            if rng.random() < 0.01:
                probation = (today + dt.timedelta(days=rng.randint(0, 40))).isoformat()
            grid = f"G{rng.randrange(grids)}"
            dues = month_back(2026, 12, rng.choice((0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9))) if rng.random() < 0.9 else ""
            contact = (day(today, rng, 1, 60) if rng.random() < 0.5 else day(today, rng, 60, 400)) if rng.random() < 0.8 else ""
            if kind == "local":
                contact = report = ""
            paused = "是" if rng.random() < 0.01 else ""
            note = "在外务工" if rng.random() < 0.05 else ""
            out.append(f"{mid},{name(rng)},{kind},{email},{phone},{since},{place},{fixed},{relation},{registered},"
                       f"{liaison},{grid},{every},{cert},{check},{dues},{contact},{report},{paused},{note},"
                       f"{destination},{length},{joined},{origin},{address},{probation},{dues_at}\n")
            if len(out) >= 10000:
                f.writelines(out)
                out = []
        f.writelines(out)
    with open(os.path.join(d, "transfers"), "w") as f:
        f.write("".join(f"{m} {(today - dt.timedelta(days=14 * rng.randint(2, 8))).isoformat()}\n" for m in transfers))


def scale(n, d, rng):
    liaisons = max(1, n // 25)
    grids = max(1, n // 400)
    today = dt.date(2026, 11, 26)
    write_people(d, rng, liaisons, grids)
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
    is_mixed = mode == "scale" and "--uniform" not in sys.argv
    if is_mixed:
        mixed(n, d, rng)
        shape = ("mixed: 45 % outgoing, 20 % incoming, 35 % local; dues 0–8 months behind; "
                 "1 liaison per 25, 1 grid per 400; every rule fires")
    elif mode == "scale":
        scale(n, d, rng)
        shape = "uniform: 60 % outgoing, 15 % incoming, 25 % local; 1 liaison per 25, 1 grid per 400"
    else:
        delivery(n, d, rng)
        shape = "delivery: local members, one dues.monthly reminder each"
    if not is_mixed:
        open(os.path.join(d, "transfers"), "w").close()
    for fname, text in (("at", AT_MIXED if is_mixed else AT), ("shape", shape)):
        with open(os.path.join(d, fname), "w") as f:
            f.write(text + "\n")
    conf(d, port, is_mixed)
    with open(os.path.join(d, "liaisond.conf")) as f:
        text = f.read().replace("CONNECTIONS", "1")
    with open(os.path.join(d, "liaisond.conf"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
