import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
