#!/usr/bin/python3
"""Writes the labelled reply corpus (issue 10): complete reply messages as the mail clients
liaisons and members use write them, each with the record it must make or "nothing".

Run from this folder: `python3 make_corpus.py`. It writes `eml/*.eml` and `labels.tsv`; both are
committed, this script documents how they were made. Deterministic (no clock, no randomness).

labels.tsv columns (tab separated):
  file  family  thread  sender  expected  date/through  text
  thread:   contact | dues | report | certificate | register | transfer
  sender:   member | liaison  (report threads: a report counts only from the member, or marked 汇报：)
  expected: contact | unreachable | dues | report | inspection | register | transfer   (a record)
            nothing:<why>  (no record; <why> is the answer: refused, courtesy, undo, help)
  date/through: YYYY-MM-DD, or YYYY-MM for dues, '-' for nothing
  text:     the report exactly as written (\\n for line breaks), '-' otherwise
All replies were taken on 2026-12-22 (Asia/Shanghai); the open period starts 2026-10-01.
"""
import base64, os, quopri

BRANCH = '"广场西社区党支部" <branch@example.org>'
LIAISON = ("魏诗琪", "l01@example.org")
MEMBER = ("张伟", "m01@example.org")
TOKEN = "K3F9Q2M7XA4PLD8W"

REMINDER = {
    "contact": ("请联系张伟", "魏诗琪同志：\n\n您好！\n\n张伟(流出党员，在深圳)本季度还没有联系记录，请在12月31日前联系。\n\n"
                "联系后请直接回复本邮件：已联系 12-20 电话联系\n未能联系上请回复：未联系上\n\n广场西社区党支部"),
    "dues": ("张伟的党费", "魏诗琪同志：\n\n您好！\n\n张伟的党费交至2026年10月。交纳后请回复：已交 2026-11\n\n广场西社区党支部"),
    "report": ("请汇报", "张伟同志：\n\n您好！\n\n请在12月31日前向支部汇报本季度的思想、工作和学习情况，直接回复本邮件即可。\n"
               "例如：已联系 12-01 这不是您要写的\n\n广场西社区党支部"),
    "certificate": ("请检查活动证", "魏诗琪同志：\n\n您好！\n\n请在12月31日前检查张伟的流动党员活动证。检查后请回复：已检查\n\n广场西社区党支部"),
    "register": ("请登记流入党员", "王书记：\n\n您好！\n\n流入党员李娜已来社区一个月，请编入支部和党小组。办理后请回复：已登记\n\n广场西社区党支部"),
    "transfer": ("请转出组织关系", "王书记：\n\n您好！\n\n张伟外出已满六个月，请办理组织关系转出。办理后请回复：已转出\n\n广场西社区党支部"),
}
TAG = {"contact": "联络", "dues": "党费", "report": "汇报", "certificate": "活动证", "register": "登记", "transfer": "转出"}

REPORT_1 = "王书记：\n本季度我在深圳参加了流动党员学习小组，学习了两次党的二十大精神。\n工作正常，思想稳定。\n\n张伟"
REPORT_2 = "本季度在广州一家物流公司工作，按时参加当地党组织的活动三次，联系人王镕。\n党费已通过微信交到11月。"

# (own text, thread, sender, expected, date/through, report text)
CASES_ZH = [
    ("已联系 12-20 电话联系，情况正常", "contact", "liaison", "contact", "2026-12-20", None),
    ("已电话联系", "contact", "liaison", "contact", "2026-12-22", None),
    ("好的，已联系", "contact", "liaison", "contact", "2026-12-22", None),
    ("王书记：\n您好！\n已于12月20日电话联系，情况正常。", "contact", "liaison", "contact", "2026-12-20", None),
    ("联系过了，他在深圳一切都好", "contact", "liaison", "contact", "2026-12-22", None),
    ("12月21日已微信联系", "contact", "liaison", "contact", "2026-12-21", None),
    ("【已联系】", "contact", "liaison", "contact", "2026-12-22", None),
    ("已联系，但未接通", "contact", "liaison", "unreachable", "2026-12-22", None),
    ("电话打不通，微信也没有回复", "contact", "liaison", "unreachable", "2026-12-22", None),
    ("已联系 12-25", "contact", "liaison", "nothing:refused", None, None),
    ("已联系 明天", "contact", "liaison", "nothing:refused", None, None),
    ("已联系 上周三", "contact", "liaison", "nothing:refused", None, None),
    ("收到，谢谢！", "contact", "liaison", "nothing:courtesy", None, None),
    ("已缴纳 2026-11", "dues", "liaison", "dues", "2026-11", None),
    ("已交 2026-11至2026-12", "dues", "liaison", "dues", "2026-12", None),
    ("党费已交", "dues", "liaison", "nothing:refused", None, None),
    (REPORT_1, "report", "member", "report", "2026-12-22", REPORT_1),
    (REPORT_2, "report", "member", "report", "2026-12-22", REPORT_2),
    ("收到，我会提醒他。", "report", "liaison", "nothing:refused", None, None),
    ("汇报：\n" + REPORT_2, "report", "liaison", "report", "2026-12-22", REPORT_2),
    ("已检查", "certificate", "liaison", "inspection", "2026-12-22", None),
    ("已登记", "register", "liaison", "register", "2026-12-22", None),
    ("已转出 12-01", "transfer", "liaison", "transfer", "2026-12-01", None),
    ("撤销", "contact", "liaison", "nothing:undo", None, None),
    ("他说下个月回来再说", "contact", "liaison", "nothing:help", None, None),
    ("已与其电话联系", "contact", "liaison", "contact", "2026-12-22", None),
    ("电话联系了", "contact", "liaison", "contact", "2026-12-22", None),
    ("今天已电话联系", "contact", "liaison", "contact", "2026-12-22", None),
    ("12-20 已联系", "contact", "liaison", "contact", "2026-12-20", None),
    ("已联系 12 月 20 日", "contact", "liaison", "contact", "2026-12-20", None),
    ("已联系 十二月二十日 见面", "contact", "liaison", "contact", "2026-12-20", None),
    ("已联系 20号", "contact", "liaison", "contact", "2026-12-20", None),
    ("没有联系上", "contact", "liaison", "unreachable", "2026-12-22", None),
    ("无人接听", "contact", "liaison", "unreachable", "2026-12-22", None),
    ("已交到 2026 年 11 月", "dues", "liaison", "dues", "2026-11", None),
    ("已收党费 11月", "dues", "liaison", "dues", "2026-11", None),
    ("还没联系，这周内联系", "contact", "liaison", "nothing:refused", None, None),
    ("好的", "contact", "liaison", "nothing:courtesy", None, None),
    ("已阅", "dues", "liaison", "nothing:courtesy", None, None),
]
CASES_WEST = [
    ("已联系 12-20 电话联系，情况正常", "contact", "liaison", "contact", "2026-12-20", None),
    ("done 12-19 phoned, all well", "contact", "liaison", "contact", "2026-12-19", None),
    ("未联系上，电话关机", "contact", "liaison", "unreachable", "2026-12-22", None),
    ("paid 2026-12", "dues", "liaison", "dues", "2026-12", None),
    ("已联系 12-25", "contact", "liaison", "nothing:refused", None, None),
    (REPORT_1, "report", "member", "report", "2026-12-22", REPORT_1),
    ("Thanks!", "contact", "liaison", "nothing:courtesy", None, None),
    ("已检查 12-18", "certificate", "liaison", "inspection", "2026-12-18", None),
]

def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def qp(data):
    return quopri.encodestring(data).decode().replace("\n", "\r\n")

def ew(text, charset="UTF-8"):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")

def encode(text, charset, cte):
    py = {"gb2312": "gbk"}.get(charset.lower(), charset.lower())
    data = text.encode(py)
    if cte == "base64":
        return b64(data) + "\r\n"
    if cte == "quoted-printable":
        return qp(data)
    return data  # 8bit: bytes

def part(ctype, text, charset, cte):
    head = "Content-Type: %s; charset=\"%s\"\r\nContent-Transfer-Encoding: %s\r\n\r\n" % (ctype, charset, cte)
    # Quoted-printable is made from LF text (its soft breaks are "=\n"), then CRLF throughout.
    body = encode(text.replace("\r\n", "\n") if cte == "quoted-printable" else crlf(text), charset, cte)
    return head.encode() + (body if isinstance(body, bytes) else body.encode())

class Client:
    """How one client family writes a reply: quote style (top/bottom/interleaved), body format,
    charset and transfer encoding, subject prefix and signature."""
    def __init__(self, family, prefix, charset="utf-8", cte="base64", fmt="plain", signature=None):
        self.family, self.prefix, self.charset, self.cte, self.fmt, self.signature = family, prefix, charset, cte, fmt, signature

    def plain(self, own, quoted, subject):      # overridden
        raise NotImplementedError

    def html(self, own, quoted, subject):
        return "<html><body>" + "".join("<div>%s</div>" % (esc(l) or "<br>") for l in own.split("\n")) + \
               "<blockquote>" + "<br>".join(esc(l) for l in quoted.split("\n")) + "</blockquote></body></html>"

def attribution_block(attr, quoted):
    return attr + "\n" + "\n".join("> " + l if l else ">" for l in quoted.split("\n"))

def sig(own, signature):
    return own + ("\n\n" + signature if signature else "")

class Top(Client):
    """Own text, a signature, then an attribution line and `>` quotes (Gmail, Apple, Thunderbird, 163)."""
    def __init__(self, family, prefix, attr, **kw):
        super().__init__(family, prefix, **kw)
        self.attr = attr

    def plain(self, own, quoted, subject):
        return sig(own, self.signature) + "\n\n" + attribution_block(self.attr, quoted) + "\n"

    def html(self, own, quoted, subject):
        own_html = "".join("<div>%s</div>" % (esc(l) or "<br>") for l in sig(own, self.signature).split("\n"))
        return ("<div dir=\"ltr\">%s</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">%s<br></div>"
                "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)\">%s"
                "</blockquote></div>" % (own_html, esc(self.attr), "<br>".join(esc(l) for l in quoted.split("\n"))))

class Bottom(Top):
    """The quote first, then own text (bottom-posting)."""
    def plain(self, own, quoted, subject):
        return attribution_block(self.attr, quoted) + "\n\n" + sig(own, self.signature) + "\n"

    def html(self, own, quoted, subject):
        own_html = "".join("<div>%s</div>" % (esc(l) or "<br>") for l in sig(own, self.signature).split("\n"))
        return ("<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">%s<br></div><blockquote class=\"gmail_quote\">"
                "%s</blockquote></div><div>%s</div>" % (esc(self.attr), "<br>".join(esc(l) for l in quoted.split("\n")), own_html))

class Interleaved(Top):
    """Own paragraphs between quoted lines; a greeting above the quote."""
    def plain(self, own, quoted, subject):
        q = quoted.split("\n")
        paras = own.split("\n")
        half = max(1, len(paras) // 2)
        return (self.attr + "\n" + "\n".join("> " + l for l in q[:3]) + "\n\n" + "\n".join(paras[:half]) + "\n\n" +
                "\n".join("> " + l for l in q[3:]) + "\n\n" + "\n".join(paras[half:]) + "\n")

class Separator(Client):
    """Own text, then a separator line and a header block of the original (QQ, Foxmail, Outlook, Android)."""
    def __init__(self, family, prefix, separator, fields, **kw):
        super().__init__(family, prefix, **kw)
        self.separator, self.fields = separator, fields

    def block(self, subject):
        names = self.fields
        values = [BRANCH, "2026年12月17日(星期四) 上午9:00", "%s <%s>" % LIAISON, subject]
        return "\n".join("%s %s" % (n, v) for n, v in zip(names, values))

    def plain(self, own, quoted, subject):
        sep = (self.separator + "\n") if self.separator else ""
        return sig(own, self.signature) + "\n\n\n" + sep + self.block(subject) + "\n\n" + quoted + "\n"

    def html(self, own, quoted, subject):
        own_html = "".join("<div>%s</div>" % (esc(l) or "<br>") for l in sig(own, self.signature).split("\n"))
        block = "<br>".join("<b>%s</b> %s" % (esc(n), esc(v)) for n, v in
                            zip(self.fields, [BRANCH, "2026年12月17日 9:00", "%s <%s>" % LIAISON, subject]))
        sep = "<div>%s</div>" % esc(self.separator) if self.separator else ""
        return ("<html><head><style>p{margin:0}</style></head><body>%s<div><br></div>%s"
                "<hr style=\"display:inline-block;width:98%%\"><div id=\"divRplyFwdMsg\" dir=\"ltr\">%s</div>"
                "<div>%s</div></body></html>" % (own_html, sep, block, "<br>".join(esc(l) for l in quoted.split("\n"))))

class WeChat(Client):
    """WeChat: the quote in 「」, a dashed line, the reply, and 来自微信."""
    def plain(self, own, quoted, subject):
        q = quoted.replace("\n\n", "\n").split("\n")
        return "「广场西社区党支部：" + "\n".join(q[:4]) + "」\n- - - - - - - - - - - - - - -\n" + own + "\n\n来自微信\n"

class Forward(Client):
    """A forwarded message: own line(s), the banner, the forwarded headers, the forwarded text."""
    def __init__(self, family, prefix, banner, fields, **kw):
        super().__init__(family, prefix, **kw)
        self.banner, self.fields = banner, fields

    def plain(self, own, quoted, subject):
        return own + "\n"

G_ZH = "广场西社区党支部 <branch@example.org> 于2026年12月17日周四 09:00写道："
CLIENTS_ZH = [
    Separator("qq-web", "回复：", "------------------ 原始邮件 ------------------", ["发件人:", "发送时间:", "收件人:", "主题:"],
              charset="gb18030", cte="base64", fmt="alternative"),
    Separator("qq-app", "回复：", "------------------ Original ------------------", ["From:", "Date:", "To:", "Subject:"],
              charset="utf-8", cte="base64", fmt="plain"),
    Separator("foxmail", "回复：", None, ["发件人：", "发送时间：", "收件人：", "主题："], charset="gbk", cte="quoted-printable",
              fmt="plain", signature="魏诗琪\n13800000001"),
    Top("163", "Re:", "在 2026-12-17 09:00:00，\"广场西社区党支部\" <branch@example.org> 写道：", charset="gbk",
        cte="quoted-printable", fmt="plain", signature="发自网易邮箱大师"),
    Top("126", "Re:", "在 2026-12-17 09:00:00，\"广场西社区党支部\" <branch@example.org> 写道：", charset="gb2312",
        cte="base64", fmt="html"),
    Separator("outlook-zh", "答复: ", "________________________________", ["发件人:", "发送时间:", "收件人:", "主题:"],
              charset="gb2312", cte="base64", fmt="html"),
    Top("iphone-zh", "回复：", "在 2026年12月17日，09:00，广场西社区党支部 <branch@example.org> 写道：", charset="utf-8",
        cte="base64", fmt="plain", signature="发自我的iPhone"),
    Separator("android-zh", "回复：", "-------- 原始邮件 --------", ["发件人：", "日期：", "收件人：", "主题："],
              charset="utf-8", cte="quoted-printable", fmt="plain", signature="发自我的华为手机"),
    Top("gmail-zh", "Re: ", G_ZH, charset="utf-8", cte="quoted-printable", fmt="alternative"),
    Bottom("gmail-zh-bottom", "Re: ", G_ZH, charset="utf-8", cte="base64", fmt="alternative"),
    Interleaved("gmail-zh-interleaved", "Re: ", G_ZH, charset="utf-8", cte="8bit", fmt="plain"),
    WeChat("wechat", "回复：", charset="utf-8", cte="base64", fmt="plain"),
]
CLIENTS_WEST = [
    Top("gmail-en", "Re: ", "On Thu, Dec 17, 2026 at 9:00 AM 广场西社区党支部 <\nbranch@example.org> wrote:", cte="quoted-printable",
        fmt="alternative"),
    Top("gmail-en-datefirst", "Re: ", "Thu, 17 Dec 2026 at 09:00, 广场西社区党支部 <branch@example.org> wrote:", cte="base64"),
    Separator("outlook-en", "RE: ", "-----Original Message-----", ["From:", "Sent:", "To:", "Subject:"], cte="quoted-printable"),
    Separator("outlook-en-bold", "RE: ", "________________________________", ["*From:*", "*Sent:*", "*To:*", "*Subject:*"],
              cte="base64", signature="Sent from my Samsung Galaxy smartphone."),
    Top("de", "AW: ", "Am 17.12.2026 um 09:00 schrieb 广场西社区党支部 <branch@example.org>:", cte="quoted-printable",
        signature="Von meinem iPhone gesendet"),
    Separator("de-outlook", "AW: ", "-----Ursprüngliche Nachricht-----", ["Von:", "Gesendet:", "An:", "Betreff:"], cte="base64"),
    Top("fr", "RE : ", "Le jeu. 17 déc. 2026 à 09:00, 广场西社区党支部 <branch@example.org> a écrit :", cte="quoted-printable",
        signature="Envoyé de mon iPhone"),
    Separator("fr-outlook", "RE : ", "-----Message d'origine-----", ["De :", "Envoyé :", "À :", "Objet :"], cte="base64"),
    Top("es", "RE: ", "El jue, 17 dic 2026 a las 9:00, 广场西社区党支部 (<branch@example.org>)\nescribió:", cte="base64"),
    Separator("es-outlook", "RE: ", "-----Mensaje original-----", ["De:", "Enviado el:", "Para:", "Asunto:"], cte="base64"),
    Top("it", "R: ", "Il giorno gio 17 dic 2026 alle ore 09:00 广场西社区党支部 <\nbranch@example.org> ha scritto:", cte="base64"),
    Separator("it-outlook", "R: ", "-----Messaggio originale-----", ["Da:", "Inviato:", "A:", "Oggetto:"], cte="quoted-printable"),
    Top("pt", "RE: ", "Em qui., 17 de dez. de 2026 às 09:00, 广场西社区党支部 <branch@example.org> escreveu:", cte="base64"),
    Top("nl", "Antw: ", "Op do 17 dec. 2026 om 09:00 schreef 广场西社区党支部 <branch@example.org>:", cte="base64"),
    Separator("nl-outlook", "RE: ", "-----Oorspronkelijk bericht-----", ["Van:", "Verzonden:", "Aan:", "Onderwerp:"], cte="base64"),
    Top("sv", "SV: ", "Den tors 17 dec. 2026 kl 09:00 skrev 广场西社区党支部 <branch@example.org>:", cte="base64"),
    Top("no", "SV: ", "tor. 17. des. 2026 kl. 09:00 skrev 广场西社区党支部 <branch@example.org>:", cte="base64"),
    Top("pl", "Odp: ", "W dniu 17.12.2026 o 09:00, 广场西社区党支部 <branch@example.org> pisze:", cte="quoted-printable"),
    Top("ru", "Re: ", "чт, 17 дек. 2026 г. в 09:00, 广场西社区党支部 <branch@example.org>:", cte="base64"),
    Separator("ru-outlook", "RE: ", "-----Исходное сообщение-----", ["От:", "Отправлено:", "Кому:", "Тема:"], cte="base64"),
]

counter = [0]

def message(client, own, thread, sender):
    counter[0] += 1
    n = counter[0]
    title, quoted = REMINDER[thread]
    subject = "%s%s [%s#%s]" % (client.prefix, title, TAG[thread], TOKEN)
    who = MEMBER if sender == "member" else LIAISON
    cs = client.charset
    plain = client.plain(own, quoted, title)
    head = ("From: %s <%s>\r\nTo: %s\r\nSubject: %s\r\nDate: Tue, 22 Dec 2026 10:%02d:00 +0800\r\n"
            "Message-ID: <corpus.%03d.%s@example.com>\r\nIn-Reply-To: <%s.AAAA@example.org>\r\n"
            "References: <%s.AAAA@example.org>\r\nMIME-Version: 1.0\r\n"
            % (ew(who[0], "gb18030" if cs == "gb18030" else "UTF-8"), who[1], "=?UTF-8?B?5bm/5Zy66KW/56S+5Yy65YWa5pSv6YOo?= <branch@example.org>",
               ew(subject, "gb18030" if cs == "gb18030" else "UTF-8"), n % 60, n, client.family, TOKEN, TOKEN)).encode()
    if client.fmt == "plain":
        return head + part("text/plain", plain, cs, client.cte)
    if client.fmt == "html":
        return head + part("text/html", client.html(own, quoted, title), cs, client.cte)
    boundary = "----=_Part_%d_corpus" % n
    return (head + ("Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n--%s\r\n" % (boundary, boundary)).encode()
            + part("text/plain", plain, cs, client.cte) + ("\r\n--%s\r\n" % boundary).encode()
            + part("text/html", client.html(own, quoted, title), cs, client.cte) + ("\r\n--%s--\r\n" % boundary).encode())

def forwarded(n_family, banner, fields, own_first, report, sender, cte, charset):
    """A liaison (or the member) forwarding the member's report into the thread."""
    counter[0] += 1
    n = counter[0]
    who = MEMBER if sender == "member" else LIAISON
    fwd = "\n".join("%s %s" % (f, v) for f, v in zip(fields, ["%s <%s>" % MEMBER, "2026年12月20日 20:15", "%s <%s>" % LIAISON,
                                                               "本季度汇报"]))
    body = (own_first + "\n\n" if own_first else "") + banner + "\n" + fwd + "\n\n" + report + "\n"
    subject = "Fwd: %s [%s#%s]" % (REMINDER["report"][0], TAG["report"], TOKEN)
    head = ("From: %s <%s>\r\nTo: <branch@example.org>\r\nSubject: %s\r\nDate: Tue, 22 Dec 2026 11:%02d:00 +0800\r\n"
            "Message-ID: <corpus.%03d.%s@example.com>\r\nIn-Reply-To: <%s.AAAA@example.org>\r\nMIME-Version: 1.0\r\n"
            % (ew(who[0]), who[1], ew(subject), n % 60, n, n_family, TOKEN)).encode()
    return head + part("text/plain", body, charset, cte)

def main():
    os.makedirs("eml", exist_ok=True)
    for f in os.listdir("eml"):
        os.remove(os.path.join("eml", f))
    rows = []

    def add(family, data, thread, sender, expected, value, text):
        name = "%03d-%s.eml" % (counter[0], family)
        with open(os.path.join("eml", name), "wb") as f:
            f.write(data)
        rows.append("\t".join([name, family.split("-bottom")[0].split("-interleaved")[0], thread, sender, expected,
                               value or "-", (text or "-").replace("\n", "\\n")]))

    for client in CLIENTS_ZH:
        for own, thread, sender, expected, value, text in CASES_ZH:
            if isinstance(client, Interleaved) and thread != "report" and own.count("\n") < 2:
                continue  # interleaving needs paragraphs to interleave
            data = message(client, own, thread, sender)
            add(client.family, data, thread, sender, expected, value, text)
    # A greeting above the quote and the report below it (the 王书记好：).
    for client in [Bottom("gmail-zh-bottom", "Re: ", G_ZH, cte="base64"), Bottom("163-bottom", "Re:", CLIENTS_ZH[3].attr,
                   charset="gbk", cte="quoted-printable")]:
        data = message(client, REPORT_2, "report", "member")
        add(client.family, data, "report", "member", "report", "2026-12-22", REPORT_2)
    for client in CLIENTS_WEST:
        for own, thread, sender, expected, value, text in CASES_WEST:
            data = message(client, own, thread, sender)
            add(client.family, data, thread, sender, expected, value, text)
    # Forwarded reports: the text below the banner is the report.
    for fam, banner, fields, first, sender, cte, cs in [
        ("forward-gmail-zh", "---------- 转发的邮件 ---------", ["发件人：", "Date:", "收件人：", "Subject:"], "汇报：", "liaison",
         "base64", "utf-8"),
        ("forward-gmail-en", "---------- Forwarded message ---------", ["From:", "Date:", "To:", "Subject:"], None, "member",
         "quoted-printable", "utf-8"),
        ("forward-qq", "------------------ 原始邮件 ------------------", ["发件人:", "发送时间:", "收件人:", "主题:"], None,
         "member", "base64", "gb18030"),
        ("forward-apple", "Begin forwarded message:", ["From:", "Subject:", "Date:", "To:"], "汇报：", "liaison",
         "quoted-printable", "utf-8"),
        ("forward-163", "-------- 转发邮件信息 --------", ["发件人：", "发送日期：", "收件人：", "主题："], "报告：", "liaison",
         "base64", "gbk"),
    ]:
        for report in (REPORT_1, REPORT_2):
            data = forwarded(fam, banner, fields, first, report, sender, cte, cs)
            # QQ writes the same 原始邮件 banner for a forward as for a reply: the subject tells.
            add(fam, data, "report", sender, "report", "2026-12-22", report)
    with open("labels.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(len(rows), "messages")

if __name__ == "__main__":
    main()
