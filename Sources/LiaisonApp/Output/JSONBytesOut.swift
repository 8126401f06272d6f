import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LiaisonCore
import LiaisonStore

/// `due --json` lines written as bytes into a buffer that goes to stdout in 256 KiB writes.
/// Keys and order as `JSONLine` in `log --json`; strings escaped as `JSONLine.quote` does.
struct JSONBytesOut {
    private var buf: ByteBuffer
    private let timeZone: TimeZone
    /// `due_at` and `deadline` repeat a lot: rendered once per distinct value.
    private var times: [Double: [UInt8]] = [:]
    private var days: [Int: [UInt8]] = [:]
    /// The last of each, looked up without hashing: consecutive lines mostly share them.
    private var lastTime: (key: Double, bytes: [UInt8]) = (.nan, [])
    private var lastDay: (key: Int, bytes: [UInt8]) = (.min, [])
    private var flushedPlatform = false
    /// False for a chunk rendered on another thread: it holds its lines until `finish`, which
    /// the writing thread calls in order.
    private let flushesWhenFull: Bool

    /// A chunk that holds its lines (`flushesWhenFull` false) starts with room for a chunk's
    /// worth (1,024 members, ~1.3 MB), not 256 KiB grown by copying three times.
    init(timeZone: TimeZone, flushesWhenFull: Bool = true) {
        buf = ByteBuffer(capacity: flushesWhenFull ? 1 << 18 + 4096 : 1 << 21)
        self.timeZone = timeZone
        self.flushesWhenFull = flushesWhenFull
    }

    mutating func line(_ r: DueReminder, unreachable: Bool) {
        raw("{\"rule\":\""); plain(r.rule.rawValue); buf.append(0x22)
        raw(",\"member\":"); optional(r.member)
        raw(",\"grid\":"); optional(r.grid)
        raw(",\"to\":[")
        for (i, m) in r.to.enumerated() {
            if i > 0 { buf.append(0x2C) }
            quote(m.address)
        }
        raw("],\"cc\":[")
        for (i, m) in r.cc.enumerated() {
            if i > 0 { buf.append(0x2C) }
            quote(m.address)
        }
        raw("]")
        raw(",\"deadline\":")
        if let d = r.deadline {
            if d.dayNumber == lastDay.key { buf += lastDay.bytes } else if let b = days[d.dayNumber] {
                buf += b
                lastDay = (d.dayNumber, b)
            } else {
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
        if t == lastTime.key { buf += lastTime.bytes } else if let b = times[t] {
            buf += b
            lastTime = (t, b)
        } else {
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
        if flushesWhenFull && buf.count >= 1 << 18 { flush() }
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
        Platform.writeAll(1, buf.base, buf.count)
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
