#!/usr/bin/python3
"""Writes the reply corpus: replies as QQ Mail, 163, Outlook (zh, en), Gmail and iPhone send them.
Run from this folder; the .eml files are committed, this script documents how they were made."""
import base64, itertools, quopri

COUNTER = itertools.count(1)

def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def qp(data):
    return quopri.encodestring(data).decode().replace("\n", "\r\n")

def ew(text, charset="UTF-8"):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode())

def headers(frm, subject, extra=""):
    return ("From: %s\r\nTo: =?UTF-8?B?5bm/5Zy66KW/?= <branch@example.org>\r\nSubject: %s\r\n"
            "Date: Tue, 22 Dec 2026 10:00:00 +0800\r\nMessage-ID: <fixture.%d@example.com>\r\n"
            "In-Reply-To: <K3F9Q2M7XA4PLD8W.AAAA@example.org>\r\nMIME-Version: 1.0\r\n%s"
            % (frm, subject, next(COUNTER), extra))

def write(name, text):
    with open(name, "wb") as f:
        f.write(text.encode("ascii"))

# 1. QQ Mail: GB18030, base64, multipart/alternative, "原始邮件" separator with 发件人 block.
plain = ("王书记您好，\n已联系 12月20日 电话，一切正常\n\n\n------------------ 原始邮件 ------------------\n"
         "发件人: \"广场西社区党支部\"<branch@example.org>;\n发送时间: 2026年12月17日(星期四) 上午9:00\n"
         "收件人: \"魏诗琪\"<l01@example.org>;\n主题: 请联系张伟 [联络#K3F9Q2M7XA4PLD8W]\n\n已联系 12-01 这是引用\n").replace("\n", "\r\n")
html = "<div>王书记您好，</div><div>已联系 12月20日 电话，一切正常</div><div><br></div><div>------------------ 原始邮件 ------------------</div>"
write("qq_gb18030_base64.eml", headers(ew("魏诗琪", "GB18030") + " <l01@example.org>", ew("回复：请联系张伟 [联络#K3F9Q2M7XA4PLD8W]", "GB18030"),
      "Content-Type: multipart/alternative;\r\n\tboundary=\"----=_NextPart_QQ\"\r\n") + "\r\nThis is a multi-part message in MIME format.\r\n\r\n"
      "------=_NextPart_QQ\r\nContent-Type: text/plain;\r\n\tcharset=\"gb18030\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      + b64(plain.encode("gb18030")) + "\r\n\r\n------=_NextPart_QQ\r\nContent-Type: text/html;\r\n\tcharset=\"gb18030\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + b64(html.encode("gb18030")) + "\r\n\r\n------=_NextPart_QQ--\r\n")

# 2. 163: GBK, quoted-printable, "在 … 写道：" and > lines.
plain = ("已联系 2026-12-19 微信视频\n\n\n\n\n在 2026-12-17 09:00:00，\"广场西社区党支部\" <branch@example.org> 写道：\n"
         ">张伟同志所在网格的联系人：\n>请在12月31日前联系。\n").replace("\n", "\r\n")
write("163_gbk_qp.eml", headers("\"l01\" <l01@example.org>", ew("Re:请联系张伟 [联络#K3F9Q2M7XA4PLD8W]", "GBK"),
      "Content-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: quoted-printable\r\n") + "\r\n" + qp(plain.encode("gbk")))

# 3. Outlook (zh), HTML only, base64 UTF-8, 发件人/发送时间 block after an <hr>.
html = ("<html><head><style>p{margin:0}</style></head><body><div>未联系上，电话关机</div><div>&nbsp;</div>"
        "<hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\"><b>发件人:</b> 广场西社区党支部 &lt;branch@example.org&gt;<br>"
        "<b>发送时间:</b> 2026年12月17日 9:00<br><b>收件人:</b> 魏诗琪<br><b>主题:</b> 请联系张伟</div><div>请在12月31日前联系。</div></body></html>")
write("outlook_zh_html_only.eml", headers(ew("魏诗琪") + " <l01@example.org>", ew("答复: 请联系张伟 [联络#K3F9Q2M7XA4PLD8W]"),
      "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n") + "\r\n" + b64(html.encode()) + "\r\n")

# 4. Outlook (en): QP UTF-8, underscore rule then From:/Sent:.
plain = ("Done 12/18 visited at home, all well\n\nBest regards\nWei\n\n________________________________\n"
         "From: 广场西社区党支部 <branch@example.org>\nSent: Thursday, December 17, 2026 9:00 AM\nTo: Wei Shiqi\n"
         "Subject: Please contact Zhang Wei [contact#K3F9Q2M7XA4PLD8W]\n\nunreachable\n").replace("\n", "\r\n")
write("outlook_en_qp.eml", headers("Wei Shiqi <L01@Example.org>", "RE: Please contact Zhang Wei [contact#K3F9Q2M7XA4PLD8W]",
      "Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n") + "\r\n" + qp(plain.encode()))

# 5. Gmail (en): multipart/alternative, 7bit, "On … wrote:" wrapped over two lines, > quotes.
plain = ("Hi,\n\npaid 2026-12\n\nOn Thu, Dec 17, 2026 at 9:00 AM 广场西社区党支部 <\nbranch@example.org> wrote:\n\n"
         "> done 12-01\n> Please contact\n").replace("\n", "\r\n")
write("gmail_en_alternative.eml", headers("Zhang Wei <m01@example.org>", "Re: Dues [dues#K3F9Q2M7XA4PLD8W]",
      "Content-Type: multipart/alternative; boundary=\"000000000000abc\"\r\n") + "\r\n--000000000000abc\r\n"
      "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(plain.encode()) +
      "\r\n--000000000000abc\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n<div>Hi,</div><div>paid 2026-12</div>\r\n--000000000000abc--\r\n")

# 6. iPhone (zh): base64 UTF-8, "发自我的iPhone" then "在 … 写道：".
plain = ("已联系\n\n发自我的iPhone\n\n在 2026年12月17日，09:00，广场西社区党支部 <branch@example.org> 写道：\n\n"
         "> 请在12月31日前联系。\n").replace("\n", "\r\n")
write("iphone_zh_base64.eml", headers(ew("魏诗琪") + " <l01@example.org>", ew("回复：请联系张伟 [联络#K3F9Q2M7XA4PLD8W]"),
      "Content-Type: text/plain;\r\n\tcharset=utf-8\r\nContent-Transfer-Encoding: base64\r\n") + "\r\n" + b64(plain.encode()) + "\r\n")

# 7. Gmail (zh), report thread: the text is the report; signature "-- ".
plain = ("王书记：\n本季度在深圳参加了流动党员学习小组，学习了两次。\n思想工作正常。\n\n-- \n张伟\n13900000001\n\n"
         "在 2026年10月1日周四 09:00，广场西社区党支部 <branch@example.org> 写道：\n> 请汇报\n").replace("\n", "\r\n")
with open("gmail_zh_report.eml", "wb") as f:
    f.write((headers("=?UTF-8?B?5byg5Lyf?= <m01@example.org>", ew("Re: 请汇报 [汇报#K3F9Q2M7XA4PLD8W]"),
             "Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: 8bit\r\n") + "\r\n").encode() + plain.encode())

# 8. A future date (refused with an explanation); 9. no command (gets the list of commands).
write("future_date.eml", headers("l01@example.org", ew("Re: [联络#K3F9Q2M7XA4PLD8W]"),
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n") + "\r\n" + b64("已联系 2026-12-30 电话\n".encode()) + "\r\n")
write("no_command.eml", headers("l01@example.org", ew("Re: [联络#K3F9Q2M7XA4PLD8W]"),
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n") + "\r\n" + b64("收到，谢谢提醒！\n".encode()) + "\r\n")

# 10. Long quoted history (Gmail, 40 rounds of quoting), command "done yesterday" with a greeting before.
hist = "".join("%s On Mon, Dec %d, 2026 someone wrote:\n%s done 12-%02d\n" % (">" * k, (k % 28) + 1, ">" * (k + 1), (k % 28) + 1)
               for k in range(1, 41))
plain = ("Dear Secretary Wang,\ndone yesterday phoned him\n\nOn Thu, Dec 17, 2026 at 9:00 AM branch <branch@example.org> wrote:\n" + hist).replace("\n", "\r\n")
write("gmail_long_history.eml", headers("l01@example.org", "Re: Re: Re: [contact#K3F9Q2M7XA4PLD8W]",
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n") + "\r\n" + qp(plain.encode()))

# 11. An Out of Office auto-reply (Outlook, zh) and 12. an RFC 3464 bounce (Postfix).
write("auto_reply_zh.eml", headers("l01@example.org", ew("自动回复: 请联系张伟 [联络#K3F9Q2M7XA4PLD8W]"),
      "Auto-Submitted: auto-replied\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n") + "\r\n"
      + b64("我正在休假，1月4日回来。\n".encode()) + "\r\n")
write("dsn_postfix.eml",
      "From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\r\nTo: branch@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
      "Auto-Submitted: auto-replied\r\nMessage-ID: <20261217090001.ABC@mail.example.org>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"B1\"\r\n\r\n"
      "--B1\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nI'm sorry to have to inform you...\r\n\r\n"
      "--B1\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mail.example.org\r\nArrival-Date: Thu, 17 Dec 2026 09:00:00 +0800 (CST)\r\n\r\n"
      "Final-Recipient: rfc822; nobody@example.net\r\nOriginal-Recipient: rfc822;nobody@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
      "Remote-MTA: dns; mx.example.net\r\nDiagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address\r\n    rejected: User unknown\r\n\r\n"
      "--B1\r\nContent-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n"
      "From: branch@example.org\r\nTo: nobody@example.net\r\nSubject: =?UTF-8?B?5o+Q6YaS?=\r\nMessage-ID: <K3F9Q2M7XA4PLD8W.XYZ@example.org>\r\n\r\n--B1--\r\n")
