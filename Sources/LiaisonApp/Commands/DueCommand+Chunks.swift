import Dispatch
import Foundation
import LiaisonCore

extension DueCommand {
    /// Members per chunk: large enough that a chunk's bookkeeping is lost in its work, small
    /// enough that a batch of them (two per core) holds a few MB of lines.
    static let membersPerChunk = 1024

    /// `due --json` with nothing waiting to merge: the rules of different members do not touch,
    /// so the members are cut into chunks decided and rendered on all cores at once, then
    /// written in member order, a batch at a time. The output is byte for byte the one of a
    /// single thread; memory holds two batches of lines (one being written).
    static func writeJSONLines(_ rt: Runtime, records: RecordBook, now: Date, windowStart: Date,
                               handled: Set<String>) {
        let engine = RuleEngine()
        let ctx = RuleContext(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                              now: now, windowStart: windowStart)
        let timeZone = rt.calendar.timeZone
        let count = rt.ledger.members.count
        let chunks = (count + membersPerChunk - 1) / membersPerChunk
        let perBatch = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) * 2
        // The grid- and branch-level threads (a digest, a survey) read every member too, as long
        // as a dozen chunks: decided on a thread of their own while the chunks go by, written
        // after the members' lines.
        let branchDone = DispatchGroup()
        let branchSlot = Slots(count: 1)
        DispatchQueue.global().async(group: branchDone) {
            var chunk = Chunk(out: JSONBytesOut(timeZone: timeZone, flushesWhenFull: false))
            engine.forEachBranchDecision(in: ctx, handledKeys: handled, superseded: false) { r, outcome in
                chunk.take(r, outcome)
            }
            branchSlot.put(chunk, at: 0)
        }
        var unreachable: [DueReminder] = []
        // A batch's lines are written on a queue of their own while the next batch is decided
        // (writing 77 MB to a file took the cores' time between batches); at most one batch
        // waits to be written, so memory holds two.
        let writer = DispatchQueue(label: "due.write")
        let written = DispatchGroup()
        let writable = DispatchSemaphore(value: 1)
        var first = 0
        while first < chunks {
            let batch = first..<Swift.min(chunks, first + perBatch)
            let slots = Slots(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                var chunk = Chunk(out: JSONBytesOut(timeZone: timeZone, flushesWhenFull: false))
                let lower = (batch.lowerBound + i) * membersPerChunk
                let members = lower..<Swift.min(count, lower + membersPerChunk)
                engine.forEachMemberDecision(in: ctx, members: members, handledKeys: handled,
                                             superseded: false) { r, outcome in
                    chunk.take(r, outcome)
                }
                slots.put(chunk, at: i)
            }
            var outs: [JSONBytesOut] = []
            for chunk in slots.taken() {
                outs.append(chunk.out)
                unreachable += chunk.unreachable
            }
            writable.wait()
            let box = UncheckedBox(outs)
            writer.async(group: written) {
                for var out in box.value { out.finish() }
                writable.signal()
            }
            first = batch.upperBound
        }
        written.wait()
        branchDone.wait()
        for var chunk in branchSlot.taken() {
            chunk.out.finish()
            unreachable += chunk.unreachable
        }
        // Unreachable ones come after all the others; they are few.
        var out = JSONBytesOut(timeZone: timeZone)
        for r in unreachable { out.line(r, unreachable: true) }
        out.finish()
    }

    /// The chunks of one batch, each written by the one thread that rendered it, read after
    /// `concurrentPerform` returned or the group was waited for (which orders those writes
    /// before the reads).
    private final class Slots: @unchecked Sendable {
        private var chunks: UnsafeMutableBufferPointer<Chunk?>

        init(count: Int) { chunks = .allocate(capacity: count); chunks.initialize(repeating: nil) }
        deinit { chunks.deinitialize(); chunks.deallocate() }

        func put(_ chunk: Chunk, at i: Int) { chunks[i] = chunk }
        func taken() -> [Chunk] { chunks.indices.map { chunks[$0].take()! } }
    }

    /// One chunk's lines, and its unreachable reminders kept for the end.
    private struct Chunk {
        var out: JSONBytesOut
        var unreachable: [DueReminder] = []

        mutating func take(_ r: DueReminder, _ outcome: RuleEngine.Outcome) {
            switch outcome {
            case .send: out.line(r, unreachable: false)
            case .unreachable: unreachable.append(r)
            case .superseded: break
            }
        }
    }
}
