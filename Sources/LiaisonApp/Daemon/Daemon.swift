import Foundation
import LiaisonCore
import LiaisonStore
#if canImport(Glibc)
import Glibc
#endif

/// `liaisond run`: sleeps on a wall-clock timer until the next instant something can become
/// due, then runs one `SendPass` pass; reloads on SIGHUP, stops cleanly on SIGTERM/SIGINT.
///
/// Threads: every pass and reload runs on `workQueue` (serial), so the sendPass, the store and
/// the runtime are touched by one thread at a time; signals and the watchdog are handled on
/// the main queue and only touch `state` (locked) and the notifier.
///
/// - Important: sources are created in methods of this class, never in top-level
///   `main.swift` closures (those are main-actor closures and trap when run on another queue).
public final class Daemon: @unchecked Sendable {
    /// Longest wait for the message in flight after SIGTERM before exiting anyway.
    public static let stopGrace: Double = 8
    /// How often the next wake is recomputed regardless (wall-clock jumps: NTP, suspend).
    public static let recheckInterval = 3600

    public let configPath: String
    /// Every "now" of the daemon: passes, wakes, retries. Timers count real seconds from it.
    let clock: Clock
    let log: DaemonLog
    let notifier: SystemdNotifier
    let state = DaemonState()
    let workQueue = DispatchQueue(label: "liaisond.work")

    // Confined to workQueue.
    private var sendPass: SendPass
    private var nextWake: Date?

    /// When the last pass (which polls IMAP when `[imap]` is set) started.
    private var lastPoll: Date?
    /// Passes that failed in a row (store locked or full) and when the next one is due:
    /// `PassBackoff`, never the next day's `send_at`.
    private var failedPasses = 0
    private var failedRetryAt: Date?
    /// The store file (and WAL) as the daemon opened it: `StoreIdentity.Watch`.
    private var storeWatch: StoreIdentity.Watch?

    private var wakeTimer: DispatchSourceTimer?
    private var recheckTimer: DispatchSourceTimer?
    private var watchdogTimer: DispatchSourceTimer?

    public init(configPath: String, sendPass: SendPass, log: DaemonLog, clock: Clock = .system,
                notifier: SystemdNotifier = SystemdNotifier()) {
        self.configPath = configPath
        self.clock = clock
        self.sendPass = sendPass
        self.log = log
        self.notifier = notifier
        wire(sendPass)
    }

    private func wire(_ t: SendPass) {
        let state = self.state, log = self.log
        t.shouldStop = { state.stopping }
        t.logLine = { p, line in
            state.progress()
            log.raw(p, line)
        }
    }

    /// Installs signal handlers and timers, says READY=1, catches up, and never returns.
    public func run() -> Never {
        Platform.keepLargeAllocationsApart()
        installSignals()
        installTimers()
        tell("READY=1")
        let rt = sendPass.runtime
        log(.notice, "liaisond \(CLI.version) started: \(rt.ledger.members.count) member(s), store \(rt.storePath)")
        workQueue.async { self.pass("start") }
        dispatchMain()
    }

    // MARK: Setting up

    /// Reads the signals the handlers of `holdSignals` wrote to the self-pipe, on a thread of
    /// its own, and hands them to the main queue. Whatever thread a signal lands on, its byte
    /// reaches this loop: a Dispatch signal source on Linux lost one now and then under load.
    private func installSignals() {
        Platform.ignoreBrokenPipes()
        guard let fd = signalPipeRead else { return }
        let reader = Thread { [self] in
            while let sig = Platform.readSignal(from: fd) {
                DispatchQueue.main.async { self.handle(signal: sig) }
            }
        }
        reader.name = "liaisond-signals"
        reader.start()
    }

    private func handle(signal sig: Int32) {
        switch sig {
        case SIGHUP: workQueue.async { self.reload() }
        case SIGTERM: stop("SIGTERM")
        case SIGINT: stop("SIGINT")
        default: break
        }
    }

    /// The signals the daemon handles: blocked from the very start (see `holdSignals`).
    static let handledSignals: [Int32] = [SIGHUP, SIGTERM, SIGINT]

    /// Call first thing: installs handlers for SIGHUP/SIGTERM/SIGINT that write the signal's
    /// number to a self-pipe (async-signal-safe), so a signal that arrives while the roster
    /// loads, or on any thread, waits in the pipe until `installSignals` reads it.
    static func holdSignals() {
        signalPipeRead = Platform.forwardSignalsToPipe(handledSignals)
    }

    private func installTimers() {
        let wake = DispatchSource.makeTimerSource(queue: workQueue)
        wake.setEventHandler { [self] in pass("timer") }
        wake.schedule(wallDeadline: .distantFuture)
        wake.resume()
        wakeTimer = wake

        let recheck = DispatchSource.makeTimerSource(queue: workQueue)
        recheck.setEventHandler { [self] in recheckWake() }
        recheck.schedule(wallDeadline: .now() + .seconds(Daemon.recheckInterval),
                         repeating: .seconds(Daemon.recheckInterval), leeway: .seconds(300))
        recheck.resume()
        recheckTimer = recheck

        if let interval = SystemdNotifier.watchdogInterval() {
            let half = interval / 2
            let timer = DispatchSource.makeTimerSource(queue: .main)
            timer.setEventHandler { [self] in watchdog(limit: interval) }
            timer.schedule(deadline: .now(), repeating: half, leeway: .milliseconds(Int(half * 100)))
            timer.resume()
            watchdogTimer = timer
            log(.debug, "watchdog: WATCHDOG=1 every \(half) s")
        }
    }

    // MARK: Main queue

    private func watchdog(limit: Double) {
        if state.isHealthy(limit: limit) {
            tell("WATCHDOG=1")
        } else {
            log(.error, "watchdog: a pass has made no progress for \(Int(limit)) s; not answering the watchdog")
        }
    }

    private func stop(_ why: String) {
        guard state.beginStopping() else {
            log(.info, "\(why): already stopping")
            return
        }
        log(.notice, "\(why): stopping after the message in flight")
        tell("STOPPING=1")
        wakeTimer?.cancel()
        recheckTimer?.cancel()
        // Runs as soon as the pass in progress (if any) has recorded its message.
        workQueue.async { [log] in
            log(.notice, "stopped")
            Platform.exit(ExitCode.ok)
        }
        DispatchQueue.main.asyncAfter(deadline: .now() + Daemon.stopGrace) { [log] in
            log(.warning, "the message in flight did not finish within \(Int(Daemon.stopGrace)) s; "
                + "exiting anyway (it stays queued and is retried later)")
            Platform.flush()
            _exit(ExitCode.ok)
        }
    }

    // MARK: Work queue

    /// One pass: poll replies (if wired), decide and record what is due, send, reschedule.
    private func pass(_ why: String) {
        guard !state.stopping else { return }
        state.beginWork()
        defer { state.endWork() }
        checkStoreIdentity()
        let start = clock.now()
        log(.debug, "pass (\(why)) at \(format(start))")
        do {
            let r = try sendPass.run(now: start)
            // tick polls IMAP first when [imap] is set: the next poll is one interval later.
            lastPoll = start
            let p: DaemonLog.Priority = (r.sent + r.deferred + r.failed + r.heldBack + r.superseded) > 0 ? .notice : .debug
            log(p, "pass (\(why)): sent \(r.sent), deferred \(r.deferred), failed \(r.failed), "
                + "waiting \(r.heldBack), superseded \(r.superseded)")
            if let failure = r.storeFailure {
                passFailed(why, reason: failure, unrecorded: r.unrecorded, at: start)
            } else {
                passSucceeded()
            }
        } catch {
            passFailed(why, reason: "\(error)", unrecorded: 0, at: start)
        }
        // What the pass allocated (messages, decisions, the record book) is free now, but
        // glibc would keep it resident for the daemon's whole idle life; SQLite's page cache
        // is read again at the next pass.
        sendPass.store.db.releaseMemory()
        Platform.returnFreeMemory()
        guard !state.stopping else { return }
        reschedule(passStart: start)
    }

    /// Stops the daemon (exit 73) when the store was replaced, truncated or lost its WAL under
    /// it: every mark written from now on could be lost, and each lost mark is a duplicate later.
    /// What the connection still holds is checkpointed into the file first (best effort).
    private func checkStoreIdentity() {
        let path = sendPass.store.path
        if storeWatch?.path != path { storeWatch = StoreIdentity.Watch(path: path) }
        guard let problem = storeWatch?.problem() else { return }
        log(.error, "\(problem); stopping before anything more is sent (exit 73): restore the store or start afresh "
            + "(docs/reliability.md)")
        do {
            try sendPass.store.db.execute("PRAGMA wal_checkpoint(FULL)")
            log(.notice, "what this process had written was checkpointed into \(path)")
        } catch {
            log(.warning, "checkpoint: \(error)")
        }
        tell("STOPPING=1")
        Platform.exit(ExitCode.cantCreate)
    }

    /// A pass that could not finish: try again after `PassBackoff`, and leave a note for `status`.
    private func passFailed(_ why: String, reason: String, unrecorded: Int, at start: Date) {
        failedPasses += 1
        let delay = PassBackoff.delay(failures: failedPasses, base: sendPass.runtime.config.schedule.passRetry)
        let retry = clock.now().addingTimeInterval(delay)
        failedRetryAt = retry
        var lost = ""
        if unrecorded > 0 { lost = "; \(unrecorded) message(s) sent but not recorded will go out once more" }
        log(.error, "pass (\(why)) failed: \(reason)\(lost); trying again in \(Int(delay)) s (failure \(failedPasses) in a row)")
        // What the rules say is due now and is not recorded yet (reading works when writing does not).
        let due = (try? sendPass.decide(now: start, firstTick: try sendPass.store.firstTick()).send.count) ?? 0
        PassFailureNote(time: start, retryAt: retry, due: due, reason: reason).write(storePath: sendPass.store.path)
    }

    private func passSucceeded() {
        if failedPasses > 0 { log(.notice, "the pass completed after \(failedPasses) failed one(s)") }
        failedPasses = 0
        failedRetryAt = nil
        PassFailureNote.clear(storePath: sendPass.store.path)
    }

    private func recheckWake() {
        guard !state.stopping else { return }
        log(.debug, "hourly re-check of the next wake")
        reschedule(passStart: nil)
    }

    /// Arms the wake timer for the next instant something can become due.
    private func reschedule(passStart: Date?) {
        let now = clock.now()
        let rt = sendPass.runtime
        var retry: Date?
        do {
            retry = [try sendPass.store.nextRetry(), try sendPass.store.nextAckRetry()].compactMap { $0 }.min()
        } catch {
            log(.error, "store: \(error); looking again in a minute")
            retry = now.addingTimeInterval(60)
        }
        let poll = rt.config.imap.flatMap { imap in lastPoll.map { $0.addingTimeInterval(imap.poll) } }
        var next = WakePlan.nextWake(now: now, calendar: rt.calendar, retry: retry, poll: poll,
                                     passStart: passStart)
        if let f = failedRetryAt { next = min(next, max(f, now.addingTimeInterval(1))) }
        nextWake = next
        // Counted on the monotonic clock from the injected "now"; the hourly re-check catches
        // wall-clock jumps (NTP, suspend) of the real clock.
        let wait = max(0, next.timeIntervalSince(now))
        wakeTimer?.schedule(deadline: .now() + .milliseconds(Int((wait * 1000).rounded(.up))), leeway: .seconds(1))
        let queue = (try? sendPass.store.waiting().count) ?? 0
        let t = Localized(language: rt.language)
        let when = String(format(next).prefix(16)).replacingOccurrences(of: "T", with: " ")
        tell("STATUS=" + t("下次唤醒 \(when),队列 \(queue)", "next wake \(when), queue \(queue)"))
        log(.debug, "next wake \(format(next)), queue \(queue)")
    }

    /// SIGHUP: reload config and roster; an invalid one keeps the running one.
    private func reload() {
        guard !state.stopping else { return }
        tell("RELOADING=1\nMONOTONIC_USEC=\(MonotonicClock.microseconds())")
        log(.notice, "SIGHUP: reloading \(configPath)")
        do {
            let rt = try Runtime.load(configPath: configPath)
            for w in rt.warnings { log(.warning, w.description) }
            try rt.refuseFutureDates(at: clock.now())
            if rt.storePath == sendPass.store.path {
                sendPass.runtime = rt
            } else {
                let store = try StoreAccess.open(rt)
                let t = SendPass(runtime: rt, store: store)
                t.lockTimeout = sendPass.lockTimeout
                wire(t)
                sendPass = t
                log(.notice, "store is now \(rt.storePath)")
            }
            log(.notice, "reloaded: \(rt.ledger.members.count) member(s)")
        } catch let AppError.badData(lines) {
            for l in lines { log(.error, l) }
            log(.error, "reload failed: \(lines.count) problem(s); still running with the previous config and roster")
        } catch {
            log(.error, "reload failed: \(error); still running with the previous config and roster")
        }
        tell("READY=1")
        pass("reload")
    }

    // MARK: Helpers

    /// Notify messages dropped so far (`tell` runs on the main and the work queue).
    private let notifyDrops = NotifyDropCounter()

    /// Tells systemd `state`, never blocking: a message the socket cannot take is dropped and
    /// logged (the first, then every 100th, so a wedged systemd cannot flood the journal).
    private func tell(_ state: String) {
        guard case .dropped(let err) = notifier.send(state) else { return }
        let n = notifyDrops.increment()
        if n == 1 || n % 100 == 0 {
            let first = state.split(separator: "\n").first.map(String.init) ?? state
            log(.warning, "notify socket: \(first) dropped (\(String(cString: strerror(err))); \(n) dropped so far)")
        }
    }

    private func format(_ d: Date) -> String { ISOTime.format(d, sendPass.runtime.calendar.timeZone) }
}

/// The read end of the signal self-pipe of `Daemon.holdSignals`: set once before any handler
/// can run, then only read.
nonisolated(unsafe) private var signalPipeRead: Int32?

/// How many notify messages were dropped.
final class NotifyDropCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.withLock { count += 1; return count } }
}

