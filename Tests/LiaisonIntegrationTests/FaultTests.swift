import Foundation
import XCTest
import LiaisonMail

/// The fault suite: `liaisond tick` against SMTP servers that misbehave in every way a branch's
/// mail server can (interface.md, exit codes; issue 6, part 2). For each fault: what `log --json`
/// shows (event and `smtp` line), the exit code, that nothing is lost (a later tick with a
/// healthy server delivers every reminder exactly once), that retries follow the back-off and
/// that they stop at `retry_max_age`.
///
/// The normal suite runs a short version (a few members, one command per fault kind).
/// `scripts/faults` (`make faults`) sets `LIAISOND_FAULTS=full`: more members and every fault
/// flag of smtp-sink on every command, with a summary line per case on stdout.
final class FaultTests: XCTestCase {
    static var full: Bool { ProcessInfo.processInfo.environment["LIAISOND_FAULTS"] == "full" }
    /// Reminders per case: one per member, each to its own liaison.
    static var memberCount: Int { full ? 60 : 3 }

    /// 2026-12-17 09:00 in Shanghai: 14 days before the end of Q4, `contact.quarterly` lead-14
    /// for every member and nothing else.
    static let t0 = ISO8601DateFormatter().date(from: "2026-12-17T01:00:00Z")!

    // MARK: Every fault, then a healthy server

    /// One way for the server to fail, and what liaisond must make of it.
    struct Fault: CustomStringConvertible {
        enum Server { case sink(TestSMTPServer.SinkFaults), refused, aiosmtpd(TestSMTPServer.Behaviour) }
        var name: String
        var server: Server
        var tlsRequired = false
        /// `deferred` (retried) or `failed` (5xx: given up at once), or `sent` when the fault
        /// does not stop the message (a refused EHLO falls back to HELO).
        var event: String
        /// Every `smtp` line of that event contains this, or one of its `|`-separated parts.
        var smtp: String
        var exit: Int32
        /// At most this many members (a stalling server costs a timeout per message).
        var maxMembers = Int.max
        var description: String { name }

        /// A server that cannot be reached, stalls or will not do TLS stops the pass at the
        /// first message (`DeliveryResult.stopsPass`): one `deferred` line, the rest wait for the
        /// same retry without an attempt.
        var stopsPass: Bool {
            event == "deferred" && DeliveryResult.temporary(reply: smtp).stopsPass
        }
    }

    static func sink(_ name: String, _ faults: TestSMTPServer.SinkFaults, _ event: String, _ smtp: String,
                     _ exit: Int32, maxMembers: Int = .max) -> Fault {
        Fault(name: name, server: .sink(faults), event: event, smtp: smtp, exit: exit, maxMembers: maxMembers)
    }

    /// smtp-sink's fault replies: `-r` 450, `-f` 500, `-Q` 421, `-q` nothing.
    static var faults: [Fault] {
        // After a 421 smtp-sink closes at once: a message still being written may see the reset first.
        let soft = "450 4.3.0", hard = "500 5.3.0", closing = "421|connection lost", lost = "connection lost"
        var list: [Fault] = [
            sink("4xx MAIL", .init(softReject: ["MAIL"]), "deferred", soft, 75),
            sink("4xx RCPT", .init(softReject: ["RCPT"]), "deferred", soft, 75),
            sink("4xx DATA", .init(softReject: ["DATA"]), "deferred", soft, 75),
            sink("5xx RCPT", .init(hardReject: ["RCPT"]), "failed", hard, 69),
            sink("5xx end of data", .init(hardReject: ["."]), "failed", hard, 69),
            sink("disconnect after end of data", .init(disconnect: ["."]), "deferred", lost, 75),
            sink("421 on MAIL", .init(disconnect421: ["MAIL"]), "deferred", closing, 75),
            sink("stall on MAIL", .init(delay: [("MAIL", 5)]), "deferred", "timeout after 1 s", 75, maxMembers: 2),
            Fault(name: "connection refused", server: .refused, event: "deferred", smtp: "connect: connection refused",
                  exit: 75),
            Fault(name: "STARTTLS required, not offered", server: .sink(.init()), tlsRequired: true, event: "deferred",
                  smtp: "TLS: server does not offer STARTTLS", exit: 75),
        ]
        guard full else { return list }
        list += [
            sink("4xx end of data", .init(softReject: ["."]), "deferred", soft, 75),
            sink("4xx greeting", .init(softReject: ["CONNECT"]), "deferred", soft, 75),
            // libcurl falls back to HELO when EHLO is refused: the message goes out.
            sink("4xx EHLO", .init(softReject: ["EHLO"]), "sent", "250 2.0.0", 0),
            sink("5xx EHLO", .init(hardReject: ["EHLO"]), "sent", "250 2.0.0", 0),
            sink("5xx greeting", .init(hardReject: ["CONNECT"]), "deferred", hard, 75),
            sink("5xx MAIL", .init(hardReject: ["MAIL"]), "failed", hard, 69),
            sink("5xx DATA", .init(hardReject: ["DATA"]), "failed", hard, 69),
            sink("disconnect on connect", .init(disconnect: ["CONNECT"]), "deferred", lost, 75),
            sink("disconnect after EHLO", .init(disconnect: ["EHLO"]), "deferred", lost, 75),
            sink("disconnect after MAIL", .init(disconnect: ["MAIL"]), "deferred", lost, 75),
            sink("disconnect after RCPT", .init(disconnect: ["RCPT"]), "deferred", lost, 75),
            sink("disconnect after DATA", .init(disconnect: ["DATA"]), "deferred", lost, 75),
            sink("421 greeting", .init(disconnect421: ["CONNECT"]), "deferred", closing, 75),
            sink("421 on EHLO", .init(disconnect421: ["EHLO"]), "deferred", closing, 75),
            sink("421 on RCPT", .init(disconnect421: ["RCPT"]), "deferred", closing, 75),
            sink("421 on DATA", .init(disconnect421: ["DATA"]), "deferred", closing, 75),
            sink("421 after end of data", .init(disconnect421: ["."]), "deferred", closing, 75),
            Fault(name: "stall in greeting", server: .sink(.init(delay: [("CONNECT", 5)])), event: "deferred",
                  smtp: "connect: timeout after 1 s", exit: 75, maxMembers: 3),
            sink("stall on RCPT", .init(delay: [("RCPT", 5)]), "deferred", "timeout after 1 s", 75, maxMembers: 3),
            sink("stall on DATA", .init(delay: [("DATA", 5)]), "deferred", "timeout after 1 s", 75, maxMembers: 3),
            sink("stall after end of data", .init(delay: [(".", 5)]), "deferred", "timeout after 1 s", 75,
                 maxMembers: 3),
            Fault(name: "451 after DATA (aiosmtpd)", server: .aiosmtpd(.init(failFirst: 1000)), event: "deferred",
                  smtp: "451 4.3.0", exit: 75),
            Fault(name: "5xx every recipient (aiosmtpd)", server: .aiosmtpd(.init(rejectAllRecipients: true)),
                  event: "failed", smtp: "550 5.1.1", exit: 69),
        ]
        return list
    }

    func testEveryFaultIsLoggedAndNothingIsLost() throws {
        var failures: [String] = []
        for fault in Self.faults {
            let before = testRun?.failureCount ?? 0
            try check(fault)
            if (testRun?.failureCount ?? 0) > before { failures.append(fault.name) }
        }
        XCTAssertEqual(failures, [], "cases that failed")
    }

    private func check(_ fault: Fault) throws {
        let count = min(Self.memberCount, fault.maxMembers)
        let branch = try FaultBranch(members: count)
        var server: TestSMTPServer?
        switch fault.server {
        case .sink(let faults):
            server = try TestSMTPServer.smtpSink(faults: faults)
        case .aiosmtpd(let behaviour):
            server = try TestSMTPServer.aiosmtpd(behaviour: behaviour)
        case .refused:
            break
        }
        defer { server?.stop() }
        let url = try server?.url ?? "smtp://127.0.0.1:\(TestSMTPServer.freePort())"
        try branch.configure(smtpURL: url, tlsRequired: fault.tlsRequired)
        XCTAssertEqual(try branch.due(at: Self.at(0)).count, count, "\(fault): what is due")

        // The faulty server.
        let started = Date()
        let r = try branch.tick(at: 0)
        let elapsed = Date().timeIntervalSince(started)
        // (The month's activity.day notice, already past at 09:00, is logged as superseded.)
        let log = try branch.log("--rule", "contact.quarterly")
        let events = log.map { $0["event"] as? String ?? "?" }
        let smtp = log.map { $0["smtp"] as? String ?? "" }
        Self.report("\(fault): exit \(r.status), \(events.count) of \(count) \(Set(events).sorted().joined(separator: "/"))"
                    + (fault.stopsPass ? " (the rest wait untried)" : "") + ", "
                    + "smtp \"\(smtp.first ?? "")\", \(String(format: "%.1f", elapsed)) s")
        XCTAssertEqual(r.status, fault.exit, "\(fault): exit code; stderr: \(r.stderr)")
        let attempted = fault.stopsPass ? 1 : count
        XCTAssertEqual(events, Array(repeating: fault.event, count: attempted), "\(fault): events")
        let expected = fault.smtp.split(separator: "|").map(String.init)
        for line in smtp { XCTAssertTrue(expected.contains { line.contains($0) }, "\(fault): smtp \"\(line)\"") }
        XCTAssertEqual(log.compactMap { $0["attempt"] as? Int }, Array(repeating: 1, count: attempted), "\(fault)")
        if case .sink(let faults) = fault.server, !faults.delay.isEmpty {
            XCTAssertLessThan(elapsed, Double(count) * 3 + 5, "\(fault): the timeout bounds each message")
        }
        server?.stop()

        // A healthy server after the back-off: every deferred reminder once, the failed ones never.
        let healthy = try TestSMTPServer.aiosmtpd()
        defer { healthy.stop() }
        try branch.configure(smtpURL: healthy.url)
        let early = try branch.tick(at: 299)
        // Deferred reminders still wait (75); after a 5xx nothing is left (0).
        XCTAssertEqual(early.status, fault.event == "deferred" ? 75 : 0,
                       "\(fault): nothing is retried before 5 min; \(early.stderr)")
        XCTAssertEqual(try healthy.messages().count, 0, "\(fault): retried before the back-off")
        let later = try branch.tick(at: 300)
        XCTAssertEqual(later.status, 0, "\(fault): \(later.stderr)")
        XCTAssertEqual(try branch.tick(at: 7200).status, 0, "\(fault)")
        let received = try healthy.messages().flatMap(\.rcptTos).sorted()
        let sent = try branch.log("--event", "sent")
        switch fault.event {
        case "deferred":
            XCTAssertEqual(received, FaultBranch.liaisonAddresses(count), "\(fault): every reminder exactly once")
            XCTAssertEqual(sent.compactMap { $0["attempt"] as? Int }.sorted(),
                           Array(repeating: 1, count: count - attempted) + Array(repeating: 2, count: attempted), "\(fault)")
        case "failed":
            XCTAssertEqual(received, [], "\(fault): a reminder failed for good is not sent again")
            XCTAssertEqual(try branch.log("--event", "failed").count, count, "\(fault): every failure is logged")
        default:
            XCTAssertEqual(received, [], "\(fault)")
        }
        XCTAssertEqual(Set(sent.compactMap { $0["key"] as? String }).count, sent.count, "\(fault): a key sent twice")
    }

    // MARK: A server that stalls

    /// A silent server (accepts the connection, never greets) and one that stalls after MAIL:
    /// the first message waits its timeout and is deferred, the pass stops there, the rest wait
    /// for the same retry without being tried one by one; a healthy server later gets each once.
    func testAStalledServerStopsThePassAfterOneTimeout() throws {
        let count = Self.full ? 200 : 20
        for kind in ["silent", "stall on MAIL"] {
            let branch = try FaultBranch(members: count)
            var silent: SilentListener?
            var sink: TestSMTPServer?
            if kind == "silent" {
                silent = try SilentListener()
                try branch.configure(smtpURL: "smtp://127.0.0.1:\(silent!.port)")
            } else {
                sink = try TestSMTPServer.smtpSink(faults: .init(delay: [("MAIL", 30)]))
                try branch.configure(smtpURL: sink!.url)
            }
            let started = Date()
            let r = try branch.tick(at: 0)
            let elapsed = Date().timeIntervalSince(started)
            sink?.stop()
            withExtendedLifetime(silent) {}
            let log = try branch.log("--rule", "contact.quarterly")
            Self.report("\(kind) server, \(count) reminders: exit \(r.status) after \(String(format: "%.1f", elapsed)) s, "
                        + "\(log.count) attempt(s) logged")
            XCTAssertEqual(r.status, 75, "\(kind): \(r.stderr)")
            XCTAssertLessThan(elapsed, 6, "\(kind): one timeout (1 s), not \(count)")
            XCTAssertEqual(log.map { $0["event"] as? String }, ["deferred"], "\(kind)")
            XCTAssertTrue(r.stderr.contains("本轮不再连接该服务器"), "\(kind): \(r.stderr)")
            let status = try branch.branch.run("status", "--at", Self.at(1), "--json")
            XCTAssertEqual(status.stdout.components(separatedBy: "\"type\":\"queue\"").count - 1, count,
                           "\(kind): every reminder still in the queue")
            XCTAssertEqual(status.stdout.components(separatedBy: "\"smtp\":\"not tried: ").count - 1, count - 1,
                           "\(kind): status says why the untried ones wait")
            let text = try branch.branch.run("status", "--at", Self.at(1))
            XCTAssertEqual(text.stdout.components(separatedBy: "未尝试（前一封失败：").count - 1, count - 1,
                           "\(kind): in the branch's language: \(text.stdout)")

            let healthy = try TestSMTPServer.aiosmtpd()
            defer { healthy.stop() }
            try branch.configure(smtpURL: healthy.url)
            XCTAssertEqual(try branch.tick(at: 299).status, 75)
            XCTAssertEqual(try healthy.messages().count, 0, "\(kind): nothing before the retry")
            XCTAssertEqual(try branch.tick(at: 300).status, 0)
            XCTAssertEqual(try healthy.messages().flatMap(\.rcptTos).sorted(), FaultBranch.liaisonAddresses(count))
        }
    }

    // MARK: Back-off and retry_max_age

    /// 5, 10, 20, 40 min, then 4000 s; never early; `failed` (exit 69) at the first attempt
    /// after `retry_max_age`, and never again after that.
    func testRetriesFollowTheBackoffAndStopAtRetryMaxAge() throws {
        let count = Self.full ? 20 : 2
        let maxAge = Self.full ? 5 * 86400 : 4 * 3600
        let server = try TestSMTPServer.smtpSink(faults: .init(softReject: ["MAIL"]))
        defer { server.stop() }
        let branch = try FaultBranch(members: count,
                                     schedule: "retry_max_age = \(Self.full ? "5d" : "4h")")
        try branch.configure(smtpURL: server.url)

        XCTAssertEqual(try branch.tick(at: 0).status, 75)
        var attempt = 1
        var t = 0
        var instants = [0]
        while true {
            let delay = attempt > 5 ? 4000 : min(4000, 300 << (attempt - 1))
            let next = t + delay
            // One second early: nothing is tried.
            let logged = try branch.log().count
            let early = try branch.tick(at: next - 1)
            XCTAssertEqual(early.status, 75, "attempt \(attempt + 1) at +\(next - 1) s waits: \(early.stderr)")
            XCTAssertEqual(try branch.log().count, logged, "retried early, before +\(next) s")
            // On time: every reminder is tried again.
            let r = try branch.tick(at: next)
            attempt += 1
            t = next
            instants.append(t)
            let latest = try branch.log().suffix(count)
            XCTAssertEqual(latest.compactMap { $0["attempt"] as? Int }, Array(repeating: attempt, count: count))
            if t >= maxAge {
                XCTAssertEqual(r.status, 69, r.stderr)
                XCTAssertEqual(latest.map { $0["event"] as? String }, Array(repeating: "failed", count: count))
                for e in latest { XCTAssertTrue((e["smtp"] as? String ?? "").hasPrefix("450"), "\(e)") }
                break
            }
            XCTAssertEqual(r.status, 75, r.stderr)
            XCTAssertEqual(latest.map { $0["event"] as? String }, Array(repeating: "deferred", count: count))
            if attempt > 200 { return XCTFail("never gave up") }
        }
        Self.report("back-off: attempts at +\(instants.map { "\($0)" }.joined(separator: ", ")) s; failed at attempt \(attempt)")
        if !Self.full {
            XCTAssertEqual(instants, [0, 300, 900, 2100, 4500, 8500, 12500, 16500])
        }
        // Given up for good: not retried, even by a healthy server.
        let healthy = try TestSMTPServer.aiosmtpd()
        defer { healthy.stop() }
        try branch.configure(smtpURL: healthy.url)
        XCTAssertEqual(try branch.tick(at: t + 5000).status, 0)
        XCTAssertEqual(try healthy.messages().count, 0)
        XCTAssertEqual(try branch.log("--event", "failed").count, count)
    }

    // MARK: A server that goes away and comes back

    /// The server is stopped between two ticks and restarted on the same port: the reminders due
    /// meanwhile wait (connection refused, exit 75) and go out once after the back-off.
    func testServerStoppedAndRestartedLosesNothing() throws {
        let count = Self.memberCount
        let branch = try FaultBranch(members: count)
        var server = try TestSMTPServer.aiosmtpd()
        let port = server.port
        defer { server.stop() }
        try branch.configure(smtpURL: server.url)
        XCTAssertEqual(try branch.tick(at: 0).status, 0)
        XCTAssertEqual(try server.messages().count, count)
        server.stop()

        // 1 January: the overdue notices (and the secretary's digest) fall due while it is down.
        let newYear = 15 * 86400
        let due = try branch.due(at: Self.at(newYear))
        XCTAssertGreaterThanOrEqual(due.count, count)
        let down = try branch.tick(at: newYear)
        XCTAssertEqual(down.status, 75, down.stderr)
        // The first message meets the refused connection; the pass stops there and the rest wait
        // for the same retry, untried (one connection refused is enough to know).
        let deferred = try branch.log("--event", "deferred")
        XCTAssertEqual(deferred.count, 1)
        let queued = try branch.branch.run("status", "--at", Self.at(newYear + 1), "--json").stdout
        XCTAssertEqual(queued.components(separatedBy: "\"type\":\"queue\"").count - 1, due.count)
        for e in deferred {
            XCTAssertTrue((e["smtp"] as? String ?? "").hasPrefix("connect: connection refused"), "\(e)")
        }

        server = try TestSMTPServer.aiosmtpd(port: port)
        XCTAssertEqual(try branch.tick(at: newYear + 299).status, 75, "still waiting for the retry")
        XCTAssertEqual(try server.messages().count, 0)
        XCTAssertEqual(try branch.tick(at: newYear + 300).status, 0)
        XCTAssertEqual(try branch.tick(at: newYear + 3600).status, 0)
        XCTAssertEqual(try server.messages().count, due.count)
        let sentKeys = try branch.log("--event", "sent").compactMap { $0["key"] as? String }
        XCTAssertEqual(sentKeys.count, count + due.count)
        XCTAssertEqual(Set(sentKeys).count, sentKeys.count, "a reminder sent twice")
        XCTAssertTrue(Set(due.compactMap { $0["key"] as? String }).isSubset(of: Set(sentKeys)))
    }

    /// A server that refuses part of a batch (451 for the first messages, then 250): the rest of
    /// the batch goes on; the refused ones follow after the back-off.
    func testPartOfABatchDeferredThenDelivered() throws {
        let count = Self.memberCount
        let refused = max(1, count / 2)
        let server = try TestSMTPServer.aiosmtpd(behaviour: .init(failFirst: refused))
        defer { server.stop() }
        let branch = try FaultBranch(members: count)
        try branch.configure(smtpURL: server.url)
        XCTAssertEqual(try branch.tick(at: 0).status, 75)
        XCTAssertEqual(try branch.log("--event", "deferred").count, refused)
        XCTAssertEqual(try server.messages().count, count - refused)
        XCTAssertEqual(try branch.tick(at: 300).status, 0)
        XCTAssertEqual(try server.messages().flatMap(\.rcptTos).sorted(), FaultBranch.liaisonAddresses(count))
    }

    // MARK: Helpers

    static func at(_ seconds: Int) -> String {
        ISO8601DateFormatter().string(from: t0.addingTimeInterval(TimeInterval(seconds)))
    }

    /// A summary line for `scripts/faults`.
    static func report(_ line: String) {
        if full { print("FAULT \(line)") }
    }
}

/// A `TestBranch` with `count` outgoing members, each with a liaison of their own, run with
/// short SMTP timeouts (1 s, test-only environment variables read by `SendPass`).
final class FaultBranch {
    let branch: TestBranch
    let schedule: String

    static func liaisonAddresses(_ count: Int) -> [String] {
        (1...count).map { String(format: "l%03d@example.org", $0) }.sorted()
    }

    init(members count: Int, schedule: String = "") throws {
        var members = ["id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"]
        var people = ["id,name,email,role,grid", "W1,卢立新,wgz1@example.org,grid-leader,G1"]
        for i in 1...count {
            let n = String(format: "%03d", i)
            members.append("P\(n),成员\(n),outgoing,m\(n)@example.org,139000\(String(format: "%05d", i)),2026-05-10,L\(n),G1,2026-07-15,2026-10-20")
            people.append("L\(n),联系人\(n),l\(n)@example.org,liaison,G1")
        }
        self.schedule = schedule
        branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: members.joined(separator: "\n"),
                                people: people.joined(separator: "\n"))
    }

    /// Points the branch at `smtpURL`; `tlsRequired` asks for STARTTLS on `smtp://`.
    func configure(smtpURL: String, tlsRequired: Bool = false) throws {
        // 1 s SMTP timeouts, so a stalling server costs seconds, not minutes.
        try branch.writeConfig(smtpURL: smtpURL, extraConfig: schedule.isEmpty ? "" : "[schedule]\n\(schedule)",
                               smtpExtra: "timeout = 1s\nconnect_timeout = 1s")
        if tlsRequired {
            let text = try String(contentsOfFile: branch.configPath, encoding: .utf8)
            try branch.write("liaisond.conf", text.replacingOccurrences(of: "tls = none", with: "tls = required"))
        }
    }

    /// `tick --at t0+seconds` (1 s SMTP timeouts: `configure`).
    func tick(at seconds: Int) throws -> TestBranch.Result {
        try Liaisond.run(["tick", "--config", branch.configPath, "--at", FaultTests.at(seconds)])
    }

    func log(_ args: String...) throws -> [[String: Any]] {
        let r = try Liaisond.run(["log", "--config", branch.configPath, "--json"] + args)
        return r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func due(at: String) throws -> [[String: Any]] { try branch.due(at: at) }
}

/// A TCP listener on loopback that never accepts: the kernel completes the handshake (backlog),
/// and the client waits for a greeting that never comes — the silent server of issue 14.
final class SilentListener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0, listen(fd, 512) == 0 else {
            close(fd)
            throw TestSMTPServer.StartError(description: "silent listener: \(String(cString: strerror(errno)))")
        }
        var bound = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: bound.sin_port))
    }

    deinit { close(fd) }
}
