/// The words of each `LogDetail`, in Chinese and in English. The English is what liaisond
/// wrote into the store before schema 5, word for word: `log --json` keeps giving it as
/// `detail`, so scripts that read it go on working.
extension LogDetail: CustomStringConvertible {
    /// English (the JSON's `detail`).
    public var description: String { text(.en) }

    /// The detail in the reader's language.
    public func text(_ language: Config.Language) -> String {
        let zh = language == .zh
        switch self {
        case .laterStepDue(let step):
            return zh ? "尚在等待时同一事项的 \(step) 已到期，改发后者" : "still waiting when \(step) of the same thread came due"
        case .noticeTooLate:
            return zh ? "通知的时机已过（或早于 catch_up），未发送" : "a notice whose moment has passed or older than catch_up: not sent"
        case .missedWhileStopped:
            return zh ? "停止运行期间错过；已改发同一事项较新的一步"
                : "missed while nothing ran; a later step of the thread was sent instead"
        case .memberGone(let m): return zh ? "党员 \(m) 已不在台账中" : "member \(m) is no longer in the roster"
        case .resolvedBeforeSending: return zh ? "发送前已办结" : "resolved before it was sent"
        case .noAddress: return zh ? "收件人都没有邮箱地址" : "nobody named has an e-mail address"
        case .recipientRefused:
            return zh ? "该收件人被拒收；其他收件人已收到" : "recipient refused; the others received the message"
        case .gaveUp(let age): return zh ? "超过 retry_max_age（\(age)），不再重试" : "gave up after retry_max_age (\(age))"
        case .serverStopped(let f): return f.text(language)
        case let .bundled(items, bundle, gaveUp):
            // The bundle's key (in `log --json`) means nothing to a reader of the Chinese log.
            let what = zh ? "已合并在当天的每日待办中（一封邮件共 \(items) 项）" : "one message with \(items) item(s): \(bundle)"
            guard gaveUp else { return what }
            return zh ? "超过 retry_max_age，不再重试；" + what : "gave up after retry_max_age; " + what
        case .recorded(let r): return r.text(language)
        case let .withdrawn(id, kind, date, note):
            let head = "#\(id) \(LogDetail.kindName(kind, language)) \(date)"
            return zh ? head + " 已撤销" + (note.map { "：\($0)" } ?? "") : head + " withdrawn" + (note.map { ": \($0)" } ?? "")
        case let .reply(from, text): return zh ? "来自 \(from)：\(text)" : "from \(from): \(text)"
        case let .notRecorded(from, text):
            return zh ? "来自 \(from)：\(text)（未记录）" : "from \(from): \(text) (not recorded)"
        case .noMemberLine(let from):
            return zh ? "来自 \(from)：没有一行以党员编号开头" : "from \(from): no line starts with a member id"
        case .notThreadRecipient(let from):
            return zh ? "来自 \(from)：不是本事项的收件地址，不受理" : "from \(from): not an address this thread was sent to"
        case .notDailyRecipient(let from):
            return zh ? "来自 \(from)：不是每日待办的收件地址，不受理" : "from \(from): not an address the daily list was sent to"
        case .noThread(let from):
            return zh ? "来自 \(from)：找不到对应的事项（标记未知或伪造）"
                : "from \(from): no thread matches (unknown or made-up token)"
        case .duplicate(let id):
            guard let id else { return zh ? "重复的邮件，之前已收过" : "duplicate" }
            return zh ? "重复：邮件 <\(id)> 之前已收过" : "duplicate: message <\(id)> was taken before"
        case let .automatic(sign, from): return zh ? "\(sign.text(language))，来自 \(from)" : "\(sign), from \(from)"
        case .notAMessage(let n): return zh ? "不是电子邮件（没有信头）；\(n) 字节" : "not an e-mail message (no header fields); \(n) bytes"
        case let .tooLarge(n, from):
            return zh ? "来自 \(from) 的邮件有 \(n) 字节，超过 10 MB 上限，未读取"
                : "message of \(n) bytes from \(from) is over the 10 MB limit; not read"
        case .reportNotOurs(let from):
            return zh ? "来自 \(from) 的投递报告，与已发提醒无关" : "delivery report from \(from) not about a reminder liaisond sent"
        case .reportNotBelieved(let from):
            return zh ? "来自 \(from) 的投递报告不是 mailer-daemon 或 postmaster 发出的，不予采信"
                : "delivery report from \(from), not from a mailer-daemon or postmaster: not believed"
        case let .reportNamesStranger(from, address, key):
            return zh ? "来自 \(from) 的投递报告提到 \(address)，但 \(key) 没有发给这个地址，不予采信"
                : "delivery report from \(from) names \(address), to whom \(key) was not sent: not believed"
        case let .reportWithoutFailure(actions, from):
            let what = actions.isEmpty ? (zh ? "没有收件人" : "no recipients") : actions
            return zh ? "投递报告（\(what)），来自 \(from)" : "delivery report (\(what)) from \(from)"
        case let .bounced(from, status):
            return zh ? "退信：来自 \(from) 的投递报告（状态 \(status)）" : "bounced: delivery report from \(from) (status \(status))"
        case .legacy(let text): return text
        }
    }

    /// A report's period in Chinese words (`2026Q4` → `2026年第四季度`); other ids as they are.
    static func periodWords(_ id: String) -> String {
        switch PeriodID(id) {
        case let .quarter(y, q): return "\(y)年第\(["一", "二", "三", "四"][q - 1])季度"
        case let .half(y, h): return "\(y)年" + (h == 1 ? "上半年" : "下半年")
        default: return id
        }
    }

    /// Record kinds as the log names them (short: a log line is one line); other text as it is.
    public static func kindName(_ kind: String, _ language: Config.Language) -> String {
        guard language == .zh else { return kind }
        switch Record.Kind(rawValue: kind) {
        case .contact: return "联系"
        case .unreachable: return "未联系上"
        case .report: return "汇报"
        case .dues: return "党费"
        case .inspection: return "活动证检查"
        case .transfer: return "组织关系转出"
        case .register: return "编入"
        case .received: return "转接已接收(回执)"
        case nil: return kind
        }
    }
}

extension LogDetail.ServerFailure {
    /// What failed and what to check; the pass stopped at this message.
    public func text(_ language: Config.Language) -> String {
        let zh = language == .zh
        switch self {
        case .authentication:
            return zh ? "登录被拒绝：请检查 [smtp] user 和 password_file（授权码）；本轮发送就此停止"
                : "login refused: check [smtp] user and password_file (授权码); the pass stopped here"
        case .connection:
            return zh ? "连不上服务器：请检查 [smtp] url 的主机、端口和协议；本轮发送就此停止"
                : "cannot reach the server: check the host, port and scheme of [smtp] url; the pass stopped here"
        case .tls:
            return zh ? "TLS 连接失败：请检查 [smtp] url 的端口、协议和 ca_file；本轮发送就此停止"
                : "TLS failed: check the port and scheme of [smtp] url and ca_file; the pass stopped here"
        case .stall:
            return zh ? "服务器没有及时应答；本轮发送就此停止" : "the server did not answer in time; the pass stopped here"
        }
    }
}

extension LogDetail.RecordLine {
    /// `#7 report 2026-12-18 本季度情况 (reply <r@x>)`; in Chinese `#7 汇报 2026-12-18 本季度情况（回复 <r@x>）`.
    public func text(_ language: Config.Language) -> String {
        let zh = language == .zh
        var s = "#\(id) \(LogDetail.kindName(kind, language)) \(date)"
        if let t = through { s += zh ? " 缴至 \(t)" : " through \(t)" }
        if let p = period { s += zh ? " 属\(LogDetail.periodWords(p))" : " for \(p)" }
        if let m = method { s += " \(m)" }
        if let n = note, !n.isEmpty { s += " \(n)" }
        guard zh else { return s + " (\(source))" }
        if source == "cli" { return s + "（命令行）" }
        if source.hasPrefix("reply ") { return s + "（回复 \(source.dropFirst(6))）" }
        return s + "（\(source)）"
    }
}
