import Foundation
@testable import LiaisonApp
import XCTest

/// The delivery's renderer thread: in order, at most a window ahead of the messages sent, the
/// bodies let go once sent.
final class RenderAheadTests: XCTestCase {
    /// Renderings that note their index and signal once the one at `signalAt` is made.
    private func renderings(_ count: Int, signalAt: Int, made: Box, signal: DispatchSemaphore) -> [MailRendering] {
        (0..<count).map { i in
            MailRendering {
                made.append(i)
                if i == signalAt { signal.signal() }
                return SendPass.ComposedMail(to: [], cc: [], subject: "s\(i)", messageID: "m\(i)", data: Array("body \(i)".utf8))
            }
        }
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var indices: [Int] = []
        func append(_ i: Int) { lock.lock(); indices.append(i); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return indices }
    }

    func testRendersInOrderAndStopsAWindowAheadOfWhatWasSent() {
        let made = Box(), signal = DispatchSemaphore(value: 0)
        let ahead = RenderAhead(renderings(10, signalAt: 3, made: made, signal: signal), window: 4)
        XCTAssertEqual(signal.wait(timeout: .now() + 30), .success)
        ahead.finish()
        XCTAssertEqual(made.all, [0, 1, 2, 3], "nothing sent: four rendered, the fifth waits for room")
    }

    func testGoesOnOnceHalfTheWindowIsSent() {
        let made = Box(), first = DispatchSemaphore(value: 0), more = DispatchSemaphore(value: 0)
        var list = renderings(10, signalAt: 3, made: made, signal: first)
        list[5] = MailRendering {
            made.append(5)
            more.signal()
            return SendPass.ComposedMail(to: [], cc: [], subject: "", messageID: "", data: [])
        }
        let ahead = RenderAhead(list, window: 4)
        XCTAssertEqual(first.wait(timeout: .now() + 30), .success)
        ahead.messageSent()
        ahead.messageSent()
        XCTAssertEqual(more.wait(timeout: .now() + 30), .success)
        ahead.finish()
        XCTAssertEqual(made.all, [0, 1, 2, 3, 4, 5], "two sent: two more rendered, then it waits again")
    }

    func testAReleasedMessageKeepsItsEnvelopeAndSubjectButNotItsBody() {
        let rendering = MailRendering {
            SendPass.ComposedMail(to: [], cc: [], subject: "提醒", messageID: "m1", data: Array("body".utf8))
        }
        rendering.release()  // not rendered yet: nothing to let go, it still renders when asked
        XCTAssertEqual(rendering.mail.data, Array("body".utf8))
        rendering.release()
        XCTAssertEqual(rendering.mail.data, [])
        XCTAssertEqual(rendering.mail.subject, "提醒")
        XCTAssertEqual(rendering.mail.messageID, "m1")
    }
}
