import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LiaisonCore
import LiaisonStore

/// `liaisond due`: what `tick` at the same instant would send. Sends nothing, writes nothing.
enum DueCommand {
    static let help = """
        liaisond due --config FILE [--at T] [--json]

        Lists the reminders that are due at T (default: now) and not yet sent: new ones the rules
        decide, and queued ones whose retry time has come. --json prints one JSON object per line
        with rule, member, grid, to, cc, deadline, step, key, period and due_at.
        A reminder that nobody it names can receive (no e-mail address in the roster) is listed
        too, after the others: in the text as "unreachable by mail", in JSON with
        "unreachable":true (a key the other lines lack) and empty "to" and "cc". tick sends it to
        no one; status lists the member until the roster gives an address.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["json", "help"], command: "due")
        if args.has("help") { return CLI.help(help) }
        let rt = try CLI.loadRuntime(args, command: "due")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.openIfExists(rt)
        var handled = Set<String>()
        var firstTick: Date?
        var waiting: [StoredReminder] = []
        if let s = store {
            handled = try s.handledKeys()
            firstTick = try s.firstTick()
            waiting = try s.pending(at: now)
        }
        let records = try store?.recordBook() ?? RecordBook()
        let windowStart = (firstTick ?? now).addingTimeInterval(-rt.config.schedule.catchUp.approximateSeconds)
        if args.has("json") && waiting.isEmpty {
            // Nothing waiting to merge with: each decision is written as it is made, none held.
            // Unreachable ones come after all the others, as below; they are few.
            var out = JSONBytesOut(timeZone: rt.calendar.timeZone)
            var unreachable: [DueReminder] = []
            RuleEngine().forEachDecision(ledger: rt.ledger, records: records, config: rt.config,
                                         calendar: rt.calendar, now: now, windowStart: windowStart,
                                         handledKeys: handled, superseded: false) { r, outcome in
                switch outcome {
                case .send: out.line(r, unreachable: false)
                case .unreachable: unreachable.append(r)
                case .superseded: break
                }
            }
            for r in unreachable { out.line(r, unreachable: true) }
            out.finish()
            return ExitCode.ok
        }
        let d = RuleEngine().evaluate(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                                      now: now, windowStart: windowStart, handledKeys: handled)
        // As tick does: a new step of a thread replaces an older one still waiting.
        var items: [DueReminder]
        if waiting.isEmpty {
            items = d.send
        } else {
            let newThreads = Set(d.send.map(\.threadKey))
            items = waiting.filter { !newThreads.contains($0.thread) }.map(\.dueReminder) + d.send
        }
        if args.has("json") {
            // A million members give hundreds of MB: bytes straight into one buffer, no String
            // per field (the output is byte for byte what `JSONLine` would write).
            var out = JSONBytesOut(timeZone: rt.calendar.timeZone)
            for r in items { out.line(r, unreachable: false) }
            for r in d.unreachable { out.line(r, unreachable: true) }
            out.finish()
        } else {
            let t = Localized(language: rt.language)
            if items.isEmpty {
                Platform.writeLine(t("\(format(now, rt)) 没有待发送的提醒。", "Nothing due at \(format(now, rt))."))
            } else {
                var table = TextTable()
                table.add([t("规则", "rule"), t("党员", "member"), t("网格", "grid"), t("步骤", "step"),
                           t("期限", "deadline"), t("收件人", "to"), t("抄送", "cc")])
                for r in items {
                    table.add([r.rule.rawValue, memberLabel(r.member, rt), r.grid ?? "-", r.step.description,
                               r.deadline?.description ?? "-", r.to.map(\.address).joined(separator: ","),
                               r.cc.map(\.address).joined(separator: ",")])
                }
                Platform.write(table.render())
                Platform.writeLine(t("共 \(items.count) 条(\(format(now, rt)))", "\(items.count) due at \(format(now, rt))"))
            }
            for r in d.unreachable {
                Platform.writeLine(t("无法邮件联系:\(r.rule.rawValue) \(memberLabel(r.member, rt))(无人有邮箱地址)",
                                     "unreachable by mail: \(r.rule.rawValue) \(memberLabel(r.member, rt)) (nobody named has an address)"))
            }
        }
        return ExitCode.ok
    }

    static func memberLabel(_ id: String?, _ rt: Runtime) -> String {
        guard let id else { return "-" }
        if let m = rt.ledger.member(id) { return "\(id) \(m.name)" }
        return id
    }

    static func format(_ d: Date, _ rt: Runtime) -> String { ISOTime.format(d, rt.calendar.timeZone) }
}

/// `due --json` lines written as bytes into a buffer that goes to stdout in 256 KiB writes.
/// Keys and order as `JSONLine` in `log --json`; strings escaped as `JSONLine.quote` does.
struct JSONBytesOut {
    private var buf = ByteBuffer(capacity: 1 << 18 + 4096)
    private let timeZone: TimeZone
    /// `due_at` and `deadline` repeat a lot: rendered once per distinct value.
    private var times: [Double: [UInt8]] = [:]
    private var days: [Int: [UInt8]] = [:]
    private var flushedPlatform = false

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    mutating func line(_ r: DueReminder, unreachable: Bool) {
        raw("{\"rule\":\""); plain(r.rule.rawValue); buf.append(0x22)
        raw(",\"member\":"); optional(r.member)
        raw(",\"grid\":"); optional(r.grid)
        raw(",\"to\":[")
        var inCc = false, count = 0
        r.forEachAddress { m, isCc in
            if isCc && !inCc {
                raw("],\"cc\":[")
                inCc = true
                count = 0
            }
            if count > 0 { buf.append(0x2C) }
            count += 1
            quote(m.address)
        }
        if inCc { raw("]") } else { raw("],\"cc\":[]") }
        raw(",\"deadline\":")
        if let d = r.deadline {
            if let b = days[d.dayNumber] { buf += b } else {
                var b: [UInt8] = [0x22]
                b += d.description.utf8
                b.append(0x22)
                days[d.dayNumber] = b
                buf += b
            }
        } else {
            raw("null")
        }
        raw(",\"step\":\""); step(r.step); buf.append(0x22)
        // The key as `DueReminder.key` spells it.
        raw(",\"key\":\"")
        plain(r.rule.rawValue); buf.append(0x7C)
        if let m = r.member { escaped(m) } else if let g = r.grid { raw("grid:"); escaped(g) } else { raw("branch") }
        buf.append(0x7C); escaped(r.period); buf.append(0x7C); step(r.step); buf.append(0x22)
        raw(",\"period\":"); quote(r.period)
        raw(",\"due_at\":")
        let t = r.dueAt.timeIntervalSince1970
        if let b = times[t] { buf += b } else {
            var b: [UInt8] = [0x22]
            b += ISOTime.format(r.dueAt, timeZone).utf8
            b.append(0x22)
            times[t] = b
            buf += b
        }
        if !r.openPeriods.isEmpty {
            raw(",\"open_periods\":")
            strings(r.openPeriods)
        }
        if unreachable { raw(",\"unreachable\":true") }
        raw("}\n")
        if buf.count >= 1 << 18 { flush() }
    }

    mutating func finish() {
        flush()
        buf.free()
    }

    private mutating func flush() {
        if !flushedPlatform {
            Platform.flush()
            flushedPlatform = true
        }
        var offset = 0
        while offset < buf.count {
            let n = Glibc.write(1, buf.base + offset, buf.count - offset)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break
            }
            offset += n
        }
        buf.removeAll()
    }

    @inline(__always)
    private mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { buf.append($0) }
    }

    private mutating func optional(_ s: String?) {
        if let s { quote(s) } else { raw("null") }
    }

    private mutating func strings(_ list: [String]) {
        buf.append(0x5B)
        for (i, s) in list.enumerated() {
            if i > 0 { buf.append(0x2C) }
            quote(s)
        }
        buf.append(0x5D)
    }

    private mutating func quote(_ s: String) {
        buf.append(0x22)
        escaped(s)
        buf.append(0x22)
    }

    /// `Step.description`'s bytes, without building the string (`lead-7`, `overdue`, `repeat-2`,
    /// `notice`): nothing in them needs escaping.
    private mutating func step(_ s: Step) {
        switch s {
        case .lead(let n): raw("lead-"); decimal(n)
        case .overdue: raw("overdue")
        case .repeat(let n): raw("repeat-"); decimal(n)
        case .notice: raw("notice")
        }
    }

    private mutating func decimal(_ n: Int) {
        if n < 0 { buf.append(0x2D) }
        var v = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var i = d.count
            repeat {
                i -= 1
                d[i] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v > 0
            buf.append(UnsafeBufferPointer(rebasing: d.bindMemory(to: UInt8.self)[i...]))
        }
    }

    /// A string known to need no escaping (rule ids are fixed ASCII words).
    private mutating func plain(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ buf.append($0) }) == nil {
            var s = s
            s.withUTF8 { buf.append($0) }
        }
    }

    /// The inside of a JSON string: `"` `\\` and controls escaped, everything else as UTF-8.
    private mutating func escaped(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ escaped(bytes: $0) }) == nil {
            var s = s
            s.withUTF8 { escaped(bytes: $0) }
        }
    }

    private mutating func escaped(bytes: UnsafeBufferPointer<UInt8>) {
        // Most strings (ids, periods, addresses) need nothing: one tight scan, one copy.
        if let p = bytes.baseAddress {
            var i = 0
            let n = bytes.count
            // Eight bytes at a time: a byte needs escaping when it is < 0x20, `"` or `\\`
            // (the usual "has a zero byte" test on x, x ^ 0x22.., x ^ 0x5C..; high bytes are
            // masked out, so UTF-8 text never counts).
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let raw = UnsafeRawPointer(p)
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
                let hit = ((x &- ones &* 0x20) | (quote &- ones) | (backslash &- ones)) & ~x & highs
                if hit != 0 { break }
                i += 8
            }
            while i < n {
                let b = p[i]
                if b < 0x20 || b == 0x22 || b == 0x5C { break }
                i += 1
            }
            if i == n { return buf.append(bytes) }
        }
        do {
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { buf.append(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                start = i + 1
                switch b {
                case 0x22: buf += [0x5C, 0x22]
                case 0x5C: buf += [0x5C, 0x5C]
                case 0x0A: buf += [0x5C, 0x6E]
                case 0x0D: buf += [0x5C, 0x72]
                case 0x09: buf += [0x5C, 0x74]
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buf += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
            }
            if start < bytes.count { buf.append(UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }
}

/// A growable byte buffer with plain `memcpy` appends: `Array.append(contentsOf:)` costs a
/// generic call per field, and `due --json` appends a dozen per line.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        var c = capacity * 2
        while c < count + n { c *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = c
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let a = p.baseAddress, p.count > 0 else { return }
        reserve(p.count)
        (base + count).update(from: a, count: p.count)
        count += p.count
    }

    static func += (buf: inout ByteBuffer, bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buf.append($0) }
    }

    mutating func removeAll() { count = 0 }

    func free() { base.deallocate() }
}

/// ISO 8601 with the branch's offset (`2026-12-17T09:00:00+08:00`), without a formatter per call.
enum ISOTime {
    static func format(_ d: Date, _ tz: TimeZone) -> String {
        let offset = tz.secondsFromGMT(for: d)
        let t = Int((d.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(t) / 86400).rounded(.down)))
        let secs = t - day.dayNumber * 86400
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offset >= 0 ? "+" : "-"
        let o = abs(offset)
        return "\(day)T\(p(secs / 3600)):\(p(secs / 60 % 60)):\(p(secs % 60))\(sign)\(p(o / 3600)):\(p(o / 60 % 60))"
    }
}

/// Opening the store from the CLI, with errors an operator can act on.
enum StoreAccess {
    static func open(_ rt: Runtime) throws -> Store {
        Platform.makeDirectory(rt.stateDir, mode: 0o770)
        let existed = Platform.fileExists(rt.storePath)
        do {
            let s = try Store(path: rt.storePath)
            if !existed { Platform.chmod(rt.storePath, 0o660) }
            return s
        } catch let e as SQLiteError where e.isBusy {
            throw AppError.temporary("the store \(rt.storePath) is busy: \(e)")
        } catch {
            throw AppError.store(path: rt.storePath, reason: "\(error)")
        }
    }

    /// nil for a store that does not exist yet (read-only commands must not create it).
    static func openIfExists(_ rt: Runtime) throws -> Store? {
        guard Platform.fileExists(rt.storePath) else { return nil }
        return try open(rt)
    }
}
