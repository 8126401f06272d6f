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
    /// single thread (`RuleEngine.forEachDecision`); memory holds one batch of lines.
    static func writeJSONLines(_ rt: Runtime, records: RecordBook, now: Date, windowStart: Date,
                               handled: Set<String>) {
        let engine = RuleEngine()
        let ctx = RuleContext(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                              now: now, windowStart: windowStart)
        let timeZone = rt.calendar.timeZone
        let count = rt.ledger.members.count
        let chunks = (count + membersPerChunk - 1) / membersPerChunk
        let perBatch = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) * 2
        // The grid- and branch-level threads (a digest, a survey) read every member too: they
        // are decided beside the first batch, and written after the members' lines.
        var branch: Chunk?
        var unreachable: [DueReminder] = []
        var first = 0
        repeat {
            let batch = first..<Swift.min(chunks, first + perBatch)
            let withBranch = first == 0
            let slots = Slots(count: batch.count + (withBranch ? 1 : 0))
            DispatchQueue.concurrentPerform(iterations: slots.count) { i in
                var chunk = Chunk(out: JSONBytesOut(timeZone: timeZone, flushesWhenFull: false))
                if i == batch.count {
                    engine.forEachBranchDecision(in: ctx, handledKeys: handled, superseded: false) { r, outcome in
                        chunk.take(r, outcome)
                    }
                } else {
                    let lower = (batch.lowerBound + i) * membersPerChunk
                    let members = lower..<Swift.min(count, lower + membersPerChunk)
                    engine.forEachMemberDecision(in: ctx, members: members, handledKeys: handled,
                                                 superseded: false) { r, outcome in
                        chunk.take(r, outcome)
                    }
                }
                slots.put(chunk, at: i)
            }
            var taken = slots.taken()
            if withBranch { branch = taken.removeLast() }
            for var chunk in taken {
                chunk.out.finish()
                unreachable += chunk.unreachable
            }
            first = batch.upperBound
        } while first < chunks
        if var branch {
            branch.out.finish()
            unreachable += branch.unreachable
        }
        // Unreachable ones come after all the others; they are few.
        var out = JSONBytesOut(timeZone: timeZone)
        for r in unreachable { out.line(r, unreachable: true) }
        out.finish()
    }

    /// The chunks of one batch, each written by the one thread that rendered it, read after
    /// `concurrentPerform` returned (which orders those writes before the reads).
    private final class Slots: @unchecked Sendable {
        private var chunks: UnsafeMutableBufferPointer<Chunk?>

        var count: Int { chunks.count }

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
